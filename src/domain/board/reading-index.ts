/**
 * The plant board's index over KPI readings: which reading counts for each
 * shift slot, and the SQDCP status counts per category and production date.
 *
 * A *slot* is (KPI, line, shift, production date): the place one reading
 * belongs. Readings are immutable and a correction supersedes an earlier
 * reading, so the reading that counts for a slot is the newest of the
 * readings nobody superseded ("newest" by the device time corrected with its
 * measured clock offset, i.e. server time; ties by id, which is time-sortable).
 * Two tablets that both entered the same shift offline leave two candidates;
 * the later tap wins, the other is kept in `others` so nothing is dropped.
 *
 * Production dates come from the reading itself (`productionDate`, stamped by
 * the shift calendar in the plant's time zone), never from a UTC timestamp: a
 * night shift in Chicago that ends at 06:00 on the 1st is still the 31st's.
 *
 * Two ways in, one result (a property test holds them equal):
 * - buildBoardIndex: the batch pass used at start-up (supersede pointers first,
 *   then one grouping pass).
 * - indexReading: one reading arriving live, in any order (a correction may
 *   arrive before what it corrects after a sync). Touches one or two KPI days.
 *
 * The index is mutable on purpose: with 80,000 readings a copy per live
 * reading would cost more than the whole rest of the board. Whoever holds it
 * owns it (board-state.ts). Its shape is cut for that plant too: KPI -> date
 * -> the readings that count, keyed by strings the readings already carry (no
 * key string built per reading), the category counts of a date shared by all
 * its KPI days, and bookkeeping (other candidates, a slot key) only where two
 * readings compete for one slot. The first, more object-rich version took 8
 * times as long as a bare grouping pass over the same readings.
 *
 * A definition is read when its KPI first enters the index and the counts are
 * made with it; after an admin edits a definition's category or thresholds,
 * rebuild the index (a rare event, and a full build is fast).
 */
import { figureStatus } from '../kpi/kpi-figure.ts';
import { derivedReadings, formulaPlan, isDerived, type FormulaPlan } from './formula-slots.ts';
import { SQDCP, type KpiDefinition, type KpiReading, type SqdcpCategory } from '../kpi/kpi-types.ts';
import { type ProductionDate } from '../records/record-types.ts';
import type { ImplausibleValue } from '../kpi/formula-results.ts';

export type DefinitionsById = ReadonlyMap<string, KpiDefinition>;

/**
 * What the board reads of a KPI reading: where it belongs, its value and when
 * it was tapped. A full KpiReading is one; so is what a board digest keeps
 * (board-digest.ts), which leaves out who and why.
 */
export type BoardReading = Pick<
  KpiReading,
  'id' | 'kpiId' | 'plantId' | 'lineId' | 'shiftCode' | 'productionDate' | 'value' | 'recordedAt' | 'clockOffsetMs' | 'supersedes'
> & {
  /** Set on a computed KPI's derived reading whose value is implausible (formula-slots.ts): no status, counts as no value. */
  implausible?: ImplausibleValue;
};

export interface StatusCounts {
  green: number;
  amber: number;
  red: number;
}

/** One KPI on one production date. */
export interface KpiDay {
  readonly kpiId: string;
  readonly date: ProductionDate;
  /** The reading that counts for each slot (line, shift) of the day, one per slot. */
  readonly winners: BoardReading[];
  /** The counts of the KPI's category on this date, shared by every KPI of that category. */
  readonly counts: StatusCounts;
}

interface KpiEntry {
  /** The definition the counts were made with (see the note on edits above). */
  readonly def: KpiDefinition;
  readonly days: Map<ProductionDate, KpiDay>;
}

/** Production dates an index holds, both ends included. */
export interface DateWindow {
  from: ProductionDate;
  to: ProductionDate;
}

/** Every date there is: yyyy-MM-dd strings sort as dates, and these bracket all of them. */
export const ALL_DATES: Readonly<DateWindow> = Object.freeze({ from: '0000-01-01', to: '9999-12-31' });

export interface BoardIndex {
  /** Readings of other plants are ignored; null takes every plant's (enterprise views). */
  readonly plantId: string | null;
  /**
   * Readings dated outside are left out (their supersede pointers still count):
   * a month's calendar needs a third of 90 days of readings, and skipping the
   * rest is the cheapest work there is.
   */
  readonly window: Readonly<DateWindow>;
  readonly kpis: Map<string, KpiEntry>;
  /** Category -> production date -> how many slots are green, amber, red. */
  readonly categoryDays: Record<SqdcpCategory, Map<ProductionDate, StatusCounts>>;
  /** Ids some reading supersedes, including ids not seen yet. */
  readonly superseded: Set<string>;
  /** Slot key -> candidates that are neither superseded nor the winner (two tablets, one shift). */
  readonly others: Map<string, BoardReading[]>;
  /**
   * The computed KPIs' inputs, resolved once. Their slots hold derived readings (formula-slots.ts),
   * made again whenever a reading of an input changes its day; readings typed for a computed KPI
   * (seeded history from before) are left out, so every screen shows the value of its inputs.
   */
  readonly formulas: FormulaPlan;
}

export const NO_COUNTS: Readonly<StatusCounts> = Object.freeze({ green: 0, amber: 0, red: 0 });

/** Server time of the tap: device time plus the offset measured when it was recorded. */
export function readingServerMs(r: Pick<BoardReading, 'recordedAt' | 'clockOffsetMs'>): number {
  const t = Date.parse(r.recordedAt);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t + (Number.isFinite(r.clockOffsetMs) ? r.clockOffsetMs : 0);
}

/** Positive when `a` is newer than `b`. */
export function compareReadings(a: BoardReading, b: BoardReading): number {
  const d = readingServerMs(a) - readingServerMs(b);
  if (d !== 0 && !Number.isNaN(d)) return d;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function slotKeyOf(r: BoardReading): string {
  return `${r.kpiId}|${r.lineId}|${r.shiftCode}|${r.productionDate}`;
}

function sameSlot(a: BoardReading, b: BoardReading): boolean {
  return a.lineId === b.lineId && a.shiftCode === b.shiftCode;
}

function emptyIndex(plantId: string | null, window: Readonly<DateWindow>, defsById: DefinitionsById): BoardIndex {
  const categoryDays = {} as Record<SqdcpCategory, Map<ProductionDate, StatusCounts>>;
  for (const c of SQDCP) categoryDays[c] = new Map();
  return { plantId, window, kpis: new Map(), categoryDays, superseded: new Set(), others: new Map(), formulas: formulaPlan(defsById) };
}

/** Count a slot's reading into (or, by -1, out of) a day's counts: the calendar's input, and a KPI history day's. */
export function tally(counts: StatusCounts, def: KpiDefinition, r: BoardReading, by: 1 | -1): void {
  if (r.implausible) return;
  const status = figureStatus(def, r.value);
  if (status !== 'none') counts[status] += by;
}

function entryFor(index: BoardIndex, kpiId: string, defsById: DefinitionsById): KpiEntry | undefined {
  let entry = index.kpis.get(kpiId);
  if (!entry) {
    const def = defsById.get(kpiId);
    if (!def) return undefined;
    index.kpis.set(kpiId, (entry = { def, days: new Map() }));
  }
  return entry;
}

function dayFor(index: BoardIndex, entry: KpiEntry, date: ProductionDate): KpiDay {
  let day = entry.days.get(date);
  if (!day) {
    const byDate = index.categoryDays[entry.def.category];
    let counts = byDate.get(date);
    if (!counts) byDate.set(date, (counts = { green: 0, amber: 0, red: 0 }));
    entry.days.set(date, (day = { kpiId: entry.def.id, date, winners: [], counts }));
  }
  return day;
}

/** Put a reading nobody supersedes into its slot. False when it was there already (re-sent). */
function insert(index: BoardIndex, entry: KpiEntry, r: BoardReading): boolean {
  const day = dayFor(index, entry, r.productionDate);
  const winners = day.winners;
  for (let i = 0; i < winners.length; i++) {
    const w = winners[i] as BoardReading;
    if (!sameSlot(w, r)) continue;
    if (w.id === r.id) return false;
    const key = slotKeyOf(r);
    const others = index.others.get(key) ?? [];
    if (others.some((o) => o.id === r.id)) return false;
    if (compareReadings(r, w) > 0) {
      tally(day.counts, entry.def, w, -1);
      tally(day.counts, entry.def, r, 1);
      winners[i] = r;
      others.push(w);
    } else {
      others.push(r);
    }
    index.others.set(key, others);
    return true;
  }
  winners.push(r);
  tally(day.counts, entry.def, r, 1);
  return true;
}

/** Take a superseded reading out of its slot; the newest other candidate, if any, takes its place. */
function remove(index: BoardIndex, entry: KpiEntry, day: KpiDay, id: string): boolean {
  const winners = day.winners;
  for (let i = 0; i < winners.length; i++) {
    const w = winners[i] as BoardReading;
    const key = slotKeyOf(w);
    const others = index.others.get(key);
    if (w.id === id) {
      tally(day.counts, entry.def, w, -1);
      let best = -1;
      for (let j = 0; j < (others?.length ?? 0); j++) {
        if (best < 0 || compareReadings(others?.[j] as BoardReading, others?.[best] as BoardReading) > 0) best = j;
      }
      if (others && best >= 0) {
        const next = others.splice(best, 1)[0] as BoardReading;
        winners[i] = next;
        tally(day.counts, entry.def, next, 1);
        if (others.length === 0) index.others.delete(key);
      } else winners.splice(i, 1);
      return true;
    }
    const at = others ? others.findIndex((o) => o.id === id) : -1;
    if (others && at >= 0) {
      others.splice(at, 1);
      if (others.length === 0) index.others.delete(key);
      return true;
    }
  }
  return false;
}

function inPlant(index: BoardIndex, r: BoardReading): boolean {
  return index.plantId === null || r.plantId === index.plantId;
}

/**
 * The batch pass: supersede pointers first, then every reading nobody
 * supersedes into its slot. `alsoSuperseded` adds ids known to be superseded
 * by readings not passed in (a digest keeps the ids, not the readings that
 * superseded readings outside its window or long gone from memory).
 */
export function buildBoardIndex(
  readings: readonly BoardReading[],
  defsById: DefinitionsById,
  plantId: string | null,
  window: Readonly<DateWindow> = ALL_DATES,
  alsoSuperseded: Iterable<string> = [],
): BoardIndex {
  const index = emptyIndex(plantId, window, defsById);
  const superseded = index.superseded;
  for (const id of alsoSuperseded) superseded.add(id);
  const { from, to } = window;
  for (const r of readings) if (r.supersedes && inPlant(index, r)) superseded.add(r.supersedes);
  const checkSuperseded = superseded.size > 0;
  for (const r of readings) {
    const date = r.productionDate;
    if (date < from || date > to || !inPlant(index, r) || (checkSuperseded && superseded.has(r.id))) continue;
    const entry = entryFor(index, r.kpiId, defsById);
    if (entry && entry.def.formula === null) insert(index, entry, r);
  }
  for (const id of index.formulas.inputs.keys()) {
    const entry = entryFor(index, id, defsById);
    if (!entry) continue;
    const dates = new Set<ProductionDate>();
    for (const input of index.formulas.inputs.get(id) ?? []) for (const date of index.kpis.get(input.def.id)?.days.keys() ?? []) dates.add(date);
    // Inputs before the formulas that read them: the plan lists dependents in that order.
    for (const date of [...dates].sort()) settleDerived(index, entry, date);
  }
  return index;
}

/**
 * Make a computed KPI's derived readings of one date again from its inputs' readings, and adjust
 * the day's counts. True when anything it shows changed. Cost: the inputs' slots of that date.
 */
function settleDerived(index: BoardIndex, entry: KpiEntry, date: ProductionDate): boolean {
  const next = derivedReadings(entry.def, date, index.formulas, (kpiId, d) => winnersOn(index, kpiId, d));
  const old = entry.days.get(date);
  if (!old && next.length === 0) return false;
  const day = old ?? dayFor(index, entry, date);
  const same = day.winners.length === next.length && day.winners.every((w, i) => sameDerived(w, next[i] as BoardReading));
  if (same) return false;
  for (const w of day.winners) tally(day.counts, entry.def, w, -1);
  day.winners.length = 0;
  for (const r of next) {
    day.winners.push(r);
    tally(day.counts, entry.def, r, 1);
  }
  return true;
}

function sameDerived(a: BoardReading, b: BoardReading): boolean {
  return a.id === b.id && a.value === b.value && a.recordedAt === b.recordedAt && a.implausible?.code === b.implausible?.code;
}

/** After a reading changed `date` of `kpiId`, the computed KPIs that read it, made again for that date. */
function settleDependents(index: BoardIndex, kpiId: string, date: ProductionDate, defsById: DefinitionsById, changed: IndexChange[]): void {
  for (const f of index.formulas.dependents.get(kpiId) ?? []) {
    const entry = entryFor(index, f.id, defsById);
    if (entry && settleDerived(index, entry, date) && !changed.some((c) => c.kpiId === f.id && c.date === date)) changed.push({ kpiId: f.id, date });
  }
}

/** A changed KPI day: its calendar cell and its KPI's tile need a look. */
export interface IndexChange {
  kpiId: string;
  date: ProductionDate;
}

/**
 * One reading arriving live, in any order, re-sent or not. Returns the KPI
 * days it changed (none for a re-sent reading; two when a correction lands on
 * another day or KPI than the reading it corrects). Cost: the day's slots,
 * except for that last case, which searches the index once (a correction that
 * moves a reading to another day is rare; a map from every id would cost every
 * reading a map entry).
 */
export function indexReading(index: BoardIndex, r: BoardReading, defsById: DefinitionsById): IndexChange[] {
  if (!inPlant(index, r)) return [];
  const changed: IndexChange[] = [];
  const old = r.supersedes;
  if (old && !index.superseded.has(old)) {
    index.superseded.add(old);
    const entry = index.kpis.get(r.kpiId);
    const day = entry?.days.get(r.productionDate);
    if (entry && day && remove(index, entry, day, old)) changed.push({ kpiId: r.kpiId, date: r.productionDate });
    else {
      search: for (const e of index.kpis.values()) {
        for (const d of e.days.values()) {
          if (remove(index, e, d, old)) {
            changed.push({ kpiId: d.kpiId, date: d.date });
            break search;
          }
        }
      }
    }
  }
  const removed = [...changed];
  for (const c of removed) settleDependents(index, c.kpiId, c.date, defsById, changed);
  if (index.superseded.has(r.id) || r.productionDate < index.window.from || r.productionDate > index.window.to) return changed;
  const entry = entryFor(index, r.kpiId, defsById);
  if (!entry || entry.def.formula !== null || !insert(index, entry, r)) return changed;
  if (!changed.some((c) => c.kpiId === r.kpiId && c.date === r.productionDate)) changed.push({ kpiId: r.kpiId, date: r.productionDate });
  settleDependents(index, r.kpiId, r.productionDate, defsById, changed);
  return changed;
}

/**
 * Every reading the index holds for a production date: the winners of each
 * slot and the candidates they beat. Fed back to buildBoardIndex with the
 * index's superseded ids, they make the same index for that date.
 */
export function readingsOn(index: BoardIndex, date: ProductionDate): BoardReading[] {
  const out: BoardReading[] = [];
  for (const entry of index.kpis.values()) {
    const day = entry.days.get(date);
    if (!day) continue;
    for (const w of day.winners) {
      if (isDerived(w)) continue;
      out.push(w);
      const others = index.others.get(slotKeyOf(w));
      if (others) out.push(...others);
    }
  }
  return out;
}

/** Production dates the index holds readings for. */
export function datesHeld(index: BoardIndex): Set<ProductionDate> {
  const dates = new Set<ProductionDate>();
  for (const entry of index.kpis.values()) for (const date of entry.days.keys()) dates.add(date);
  return dates;
}

/** The readings that count for one KPI on one production date (one per line and shift). */
export function winnersOn(index: BoardIndex, kpiId: string, date: ProductionDate): readonly BoardReading[] {
  return index.kpis.get(kpiId)?.days.get(date)?.winners ?? [];
}

export function categoryCounts(index: BoardIndex, category: SqdcpCategory, date: ProductionDate): Readonly<StatusCounts> {
  return index.categoryDays[category].get(date) ?? NO_COUNTS;
}

/** Definitions by id, keeping only active ones of the plant (plus enterprise-wide ones, plantId ''). */
export function boardDefinitions(definitions: readonly KpiDefinition[], plantId: string | null): Map<string, KpiDefinition> {
  const out = new Map<string, KpiDefinition>();
  for (const d of definitions) {
    if (d.active && (plantId === null || d.plantId === plantId || d.plantId === '')) out.set(d.id, d);
  }
  return out;
}
