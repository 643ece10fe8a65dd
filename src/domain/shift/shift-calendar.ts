/**
 * The shift calendar: which shift instance (plant, line, shift, production
 * date) a moment belongs to, in the plant's own time zone.
 *
 * Rules, in the floor's terms:
 * - Shift start times are local wall times (`06:00` in Berlin is 06:00 on the
 *   clock in the hall, summer or winter).
 * - A shift crossing midnight belongs to the production date it started on:
 *   the night shift that starts at 22:00 on the 28th is the 28th's night shift.
 * - A shift ends when the next one starts (its `endsAt` is the next shift's
 *   local start), so the shifts of a pattern tile time without gaps or
 *   overlaps and every moment has exactly one shift instance. Across a DST
 *   change the night shift really is shorter or longer (7 h or 9 h for a
 *   22:00-06:00 shift in Berlin); `durationMinutes` is only the nominal length.
 *   A pattern with an unmanned gap (two 8 h shifts) counts the gap to the
 *   shift before it, as overtime would be.
 * - A moment exactly on a boundary belongs to the shift starting then.
 * - A start time that does not exist on the spring-forward night (02:30 in
 *   Berlin) starts an hour later; one that exists twice in autumn starts at
 *   the second occurrence (standard time). That is @date-fns/tz's resolution.
 * - Rotating patterns: `rotation[i]` names the crew on each shift on day i of
 *   the cycle, days counted from `rotationAnchor` (negative days wrap too).
 */
import { TZDateMini } from '@date-fns/tz';
import { HLC_ZERO } from '../merge/hlc.ts';
import type { Plant } from '../plant/plant-types.ts';
import type { ProductionDate } from '../records/record-types.ts';
import type { ShiftDefinition, ShiftInstance, ShiftPattern } from './shift-types.ts';

type PlantZone = Pick<Plant, 'id' | 'timeZone'>;
type Pattern = Pick<ShiftPattern, 'kind' | 'shifts' | 'crews' | 'rotationAnchor' | 'rotation'>;

const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

function parseDate(date: ProductionDate): [number, number, number] {
  const m = DATE_PATTERN.exec(date);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const back = new Date(Date.UTC(y, mo - 1, d));
    if (back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d) return [y, mo, d];
  }
  throw new RangeError(`Not a production date (yyyy-MM-dd): ${JSON.stringify(date)}`);
}

/** Calendar arithmetic on plain dates (no time zone involved: a date is a date). */
export function addProductionDays(date: ProductionDate, days: number): ProductionDate {
  const [y, m, d] = parseDate(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: ProductionDate, b: ProductionDate): number {
  const [ya, ma, da] = parseDate(a);
  const [yb, mb, db] = parseDate(b);
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / DAY_MS);
}

/** The calendar date on the plant's wall at a moment. */
export function plantLocalDate(timeZone: string, at: Date): ProductionDate {
  const local = new TZDateMini(at.getTime(), timeZone);
  if (Number.isNaN(local.getTime()) || Number.isNaN(local.getFullYear())) {
    throw new RangeError(`Unknown time zone or invalid moment: ${timeZone}, ${String(at)}`);
  }
  // Built by hand rather than with date-fns `format`: that one function and its locale
  // weigh about 6 kB gzipped, on the operator's first screen.
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  return `${pad(local.getFullYear(), 4)}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
}

function minutesOf(start: string): number {
  const m = TIME_PATTERN.exec(start);
  if (!m) throw new RangeError(`Not a local time (HH:mm): ${JSON.stringify(start)}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Why a pattern cannot be used, or null. For the plant admin's editor and for the calendar itself. */
export function validateShiftPattern(pattern: Pattern): string | null {
  if (pattern.shifts.length === 0) return 'A shift pattern needs at least one shift.';
  const codes = new Set<string>();
  const starts = new Set<number>();
  for (const s of pattern.shifts) {
    if (!TIME_PATTERN.test(s.start)) return `Shift ${s.code}: start ${JSON.stringify(s.start)} is not a time like 06:00.`;
    if (codes.has(s.code)) return `Two shifts have the code ${s.code}.`;
    const min = minutesOf(s.start);
    if (starts.has(min)) return `Two shifts start at ${s.start}.`;
    codes.add(s.code);
    starts.add(min);
  }
  if (pattern.kind === 'rotating' && (pattern.rotation.length === 0 || pattern.rotationAnchor === null)) {
    return 'A rotating pattern needs a rotation and the date it starts from (rotation anchor).';
  }
  if (pattern.rotationAnchor !== null && !DATE_PATTERN.test(pattern.rotationAnchor)) {
    return `Rotation anchor ${JSON.stringify(pattern.rotationAnchor)} is not a date like 2026-01-05.`;
  }
  for (const [i, day] of pattern.rotation.entries()) {
    if (day.length !== pattern.shifts.length) return `Rotation day ${i + 1} lists ${day.length} crews for ${pattern.shifts.length} shifts.`;
    for (const crew of day) if (crew !== null && !pattern.crews.includes(crew)) return `Rotation day ${i + 1} names unknown crew ${crew}.`;
  }
  return null;
}

interface Slot {
  /** Index in `pattern.shifts` (the order `rotation` rows use). */
  index: number;
  def: ShiftDefinition;
  minutes: number;
}

function slotsOf(pattern: Pattern): Slot[] {
  const problem = validateShiftPattern(pattern);
  if (problem) throw new RangeError(`Invalid shift pattern: ${problem}`);
  return pattern.shifts
    .map((def, index) => ({ index, def, minutes: minutesOf(def.start) }))
    .sort((a, b) => a.minutes - b.minutes);
}

function localStartMs(timeZone: string, date: ProductionDate, minutes: number): number {
  const [y, m, d] = parseDate(date);
  const ms = new TZDateMini(y, m - 1, d, Math.floor(minutes / 60), minutes % 60, timeZone).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`Unknown time zone: ${JSON.stringify(timeZone)}`);
  return ms;
}

/** The crew on a shift (by its index in `pattern.shifts`) on a production date; null for fixed patterns or a shift not worked. */
export function crewOn(pattern: Pattern, date: ProductionDate, shiftIndex: number): string | null {
  if (pattern.rotationAnchor === null || pattern.rotation.length === 0) return null;
  const n = pattern.rotation.length;
  const day = ((daysBetween(pattern.rotationAnchor, date) % n) + n) % n;
  return pattern.rotation[day]?.[shiftIndex] ?? null;
}

/** All shift instances of one production date, in start order. */
export function shiftInstancesOfDate(plant: PlantZone, pattern: Pattern, lineId: string, productionDate: ProductionDate): ShiftInstance[] {
  const slots = slotsOf(pattern);
  const first = slots[0];
  if (!first) return [];
  const starts = slots.map((s) => localStartMs(plant.timeZone, productionDate, s.minutes));
  const nextDayStart = localStartMs(plant.timeZone, addProductionDays(productionDate, 1), first.minutes);
  return slots.map((slot, i) => {
    const startsAt = starts[i] ?? 0;
    const endsAt = Math.max(startsAt, starts[i + 1] ?? nextDayStart);
    return {
      plantId: plant.id,
      lineId,
      shiftCode: slot.def.code,
      productionDate,
      crew: crewOn(pattern, productionDate, slot.index),
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(endsAt).toISOString(),
    };
  });
}

/** The shift instance a moment belongs to. */
export function shiftInstanceAt(plant: PlantZone, pattern: Pattern, lineId: string, at: Date): ShiftInstance {
  const t = at.getTime();
  if (Number.isNaN(t)) throw new RangeError('shiftInstanceAt: invalid moment');
  const today = plantLocalDate(plant.timeZone, at);
  // The moment's own date, or the night shift of the day before still running.
  for (const date of [today, addProductionDays(today, -1), addProductionDays(today, -2)]) {
    const found = shiftInstancesOfDate(plant, pattern, lineId, date).filter((si) => Date.parse(si.startsAt) <= t);
    const last = found[found.length - 1];
    if (last && t < Date.parse(last.endsAt)) return last;
  }
  throw new RangeError(`No shift covers ${at.toISOString()} (pattern times resolve out of order)`);
}

export function nextShiftInstance(plant: PlantZone, pattern: Pattern, si: ShiftInstance): ShiftInstance {
  return shiftInstanceAt(plant, pattern, si.lineId, new Date(Date.parse(si.endsAt)));
}

/** The shift before: whose open items the incoming lead acknowledges at handover. */
export function previousShiftInstance(plant: PlantZone, pattern: Pattern, si: ShiftInstance): ShiftInstance {
  return shiftInstanceAt(plant, pattern, si.lineId, new Date(Date.parse(si.startsAt) - 1));
}

/** `${plantId}|${lineId}|${shiftCode}|${productionDate}`: the key readings and handovers hang on. */
export function shiftInstanceKey(si: Pick<ShiftInstance, 'plantId' | 'lineId' | 'shiftCode' | 'productionDate'>): string {
  return `${si.plantId}|${si.lineId}|${si.shiftCode}|${si.productionDate}`;
}

// ---------------------------------------------------------------- pattern builders (demo data, admin presets)

function shiftsFrom(starts: readonly string[], codes: readonly string[], names: readonly string[]): ShiftDefinition[] {
  const mins = starts.map(minutesOf);
  return starts.map((start, i) => {
    const next = mins[(i + 1) % mins.length] ?? 0;
    const own = mins[i] ?? 0;
    return { code: codes[i] ?? `S${i + 1}`, name: names[i] ?? `Shift ${i + 1}`, start, durationMinutes: ((next - own + 1440 - 1) % 1440) + 1 };
  });
}

const FRESH_META = { hlc: HLC_ZERO, fieldClocks: {}, conflicts: [] };

/** Early / late / night, 8 hours each. */
export function threeByEight(id: string, plantId: string, starts: readonly [string, string, string] = ['06:00', '14:00', '22:00']): ShiftPattern {
  return {
    id, plantId, name: '3 x 8', kind: '3x8',
    shifts: shiftsFrom(starts, ['E', 'L', 'N'], ['Early', 'Late', 'Night']),
    crews: [], rotationAnchor: null, rotation: [], ...FRESH_META,
  };
}

/** Day and night, 12 hours each. */
export function twoByTwelve(id: string, plantId: string, starts: readonly [string, string] = ['06:00', '18:00']): ShiftPattern {
  return {
    id, plantId, name: '2 x 12', kind: '2x12',
    shifts: shiftsFrom(starts, ['D', 'N'], ['Day', 'Night']), crews: [], rotationAnchor: null, rotation: [], ...FRESH_META,
  };
}

/**
 * 2-2-3 "Panama": 14-day cycle, crews A and B share the days, C and D the
 * nights, each working 2 on, 2 off, 3 on, 2 off, 2 on, 3 off (84 h a fortnight).
 */
export function panama(id: string, plantId: string, anchor: ProductionDate, starts: readonly [string, string] = ['06:00', '18:00']): ShiftPattern {
  const on = [1, 1, 0, 0, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0];
  return {
    id, plantId, name: '2-2-3 Panama', kind: 'rotating',
    shifts: shiftsFrom(starts, ['D', 'N'], ['Day', 'Night']), crews: ['A', 'B', 'C', 'D'], rotationAnchor: anchor,
    rotation: on.map((a) => (a ? ['A', 'C'] : ['B', 'D'])), ...FRESH_META,
  };
}

/**
 * DuPont: 28-day cycle per crew, 4 nights, 3 off, 3 days, 1 off, 3 nights,
 * 3 off, 4 days, 7 off; the four crews start a week apart, so each shift of
 * each day has exactly one crew.
 */
export function dupont(id: string, plantId: string, anchor: ProductionDate, starts: readonly [string, string] = ['06:00', '18:00']): ShiftPattern {
  const cycle = 'NNNN---DDD-NNN---DDDD-------';
  const crews = ['A', 'B', 'C', 'D'];
  const rotation = Array.from({ length: 28 }, (_, day) => {
    const onShift = (code: string): string | null =>
      crews.find((_c, k) => cycle.charAt((((day - 7 * k) % 28) + 28) % 28) === code) ?? null;
    return [onShift('D'), onShift('N')];
  });
  return {
    id, plantId, name: 'DuPont', kind: 'rotating',
    shifts: shiftsFrom(starts, ['D', 'N'], ['Day', 'Night']), crews, rotationAnchor: anchor, rotation, ...FRESH_META,
  };
}

export const DEFAULT_PATTERNS = { threeByEight, twoByTwelve, panama, dupont } as const;
