/**
 * A KPI tile on the plant board: the latest value against target, status by
 * colour and icon, leading or lagging, the owner, a trend arrow and the 7- and
 * 30-day trend series.
 *
 * - The value is the reading that counts in the latest slot within the last
 *   30 days: latest production date, then the shift that comes last in that
 *   day (by the plant's shift pattern, see shiftOrderOf). Not the newest tap:
 *   a correction of the early shift at 22:10 replaces the early shift's value
 *   and must not hide the late shift's red. Equal slots (two lines on the
 *   same shift, or shift codes the pattern does not know, which rank before
 *   every known shift) go to the newest tap, then the id, so every screen
 *   picks the same reading. Older than 30 days, the tile shows no
 *   value rather than a stale number dressed as current; `ageDays` tells the
 *   board how old a shown value is (0 = today).
 * - The arrow compares the newest day's value with the mean of the 7 days
 *   before it (days with data only), judged by the KPI's direction: 'better',
 *   'worse' or 'flat', and 'none' when either side has no data or the newest
 *   value is 7 or more days old (off the 7-day trend line).
 */
import { statusIcon, statusLabel, type KpiStatus, type StatusIcon } from '../kpi/kpi-status.ts';
import { figureStatus } from '../kpi/kpi-figure.ts';
import type { ImplausibleValue } from '../kpi/formula-results.ts';
import { addProductionDays, daysBetween, plantLocalDate } from '../shift/shift-calendar.ts';
import type { KpiAggregation, KpiDefinition, KpiReading, SqdcpCategory } from '../kpi/kpi-types.ts';
import { aggregationOf } from '../kpi/kpi-aggregation.ts';
import type { ProductionDate } from '../records/record-types.ts';
import type { ShiftPattern } from '../shift/shift-types.ts';
import { buildBoardIndex, compareReadings, winnersOn, type BoardIndex, type BoardReading } from './reading-index.ts';
import { datesEnding, trendFromIndex, type KpiTrendSeries } from './kpi-trend.ts';

export type TrendArrow = 'better' | 'worse' | 'flat' | 'none';

/** The window the tile looks back over: the longer of its two trend lines. */
export const TILE_WINDOW_DAYS = 30;
/** The arrow's baseline: a week, so each weekday (and each crew of a weekly rotation) weighs in once. */
export const ARROW_BASELINE_DAYS = 7;

export interface KpiTile {
  kpiId: string;
  code: string;
  name: string;
  lineId: string;
  category: SqdcpCategory;
  unit: string;
  decimals: number;
  /** How a day's value adds up (kpi-aggregation.ts): the history says so beside its days. */
  aggregation: KpiAggregation;
  /**
   * The target a day's value (the trend lines, the history) is drawn against: the target, or null
   * where the target is per shift and a day is the sum of its shifts (three shifts' units against
   * one shift's target would always look green).
   */
  dayTarget: number | null;
  value: number | null;
  /** Why the value is implausible (a computed KPI whose inputs do not fit), or null: then it has no status. */
  implausible: ImplausibleValue | null;
  valueDate: ProductionDate | null;
  valueShift: string | null;
  /** Days between the value's production date and today; null without a value. */
  ageDays: number | null;
  target: number;
  direction: KpiDefinition['direction'];
  status: KpiStatus;
  icon: StatusIcon;
  statusLabel: string;
  indicator: KpiDefinition['indicator'];
  ownerId: string;
  trend: TrendArrow;
  trend7: KpiTrendSeries;
  trend30: KpiTrendSeries;
}

/**
 * Moves smaller than a quarter of the amber band (target to amber threshold)
 * show as flat: the plant sized that band to what it tolerates, and a quarter
 * of it keeps the arrow from flickering shift to shift on noise. Without an
 * amber band, one step of the KPI's entered precision.
 */
export function flatTolerance(def: Pick<KpiDefinition, 'target' | 'amberThreshold' | 'decimals'>): number {
  const band = Math.abs(def.target - def.amberThreshold) / 4;
  return band > 0 ? band : 10 ** -Math.max(0, def.decimals);
}

export function trendArrow(def: Pick<KpiDefinition, 'direction' | 'target' | 'amberThreshold' | 'decimals'>, series: KpiTrendSeries): TrendArrow {
  const pts = series.points;
  let last = pts.length - 1;
  while (last >= 0 && pts[last]?.value === null) last--;
  if (last < 0 || pts.length - 1 - last >= ARROW_BASELINE_DAYS) return 'none';
  let sum = 0;
  let n = 0;
  for (let i = Math.max(0, last - ARROW_BASELINE_DAYS); i < last; i++) {
    const v = pts[i]?.value;
    if (v !== null && v !== undefined) {
      sum += v;
      n += 1;
    }
  }
  if (n === 0) return 'none';
  const delta = (pts[last]?.value as number) - sum / n;
  if (Math.abs(delta) < flatTolerance(def)) return 'flat';
  return delta > 0 === (def.direction === 'higher_is_better') ? 'better' : 'worse';
}

/** Shift code -> its place in the production day (0 = first shift). */
export type ShiftOrder = ReadonlyMap<string, number>;

/** No pattern known: every shift ranks alike and the newest tap decides, as before patterns were read. */
export const NO_SHIFT_ORDER: ShiftOrder = new Map();

/**
 * The shifts of a pattern in the order they run in a production day: by local
 * start time, as the shift calendar orders a date's shift instances (a night
 * shift starting 22:00 is the last of the date it starts on).
 */
export function shiftOrderOf(pattern: Pick<ShiftPattern, 'shifts'> | null | undefined): ShiftOrder {
  if (!pattern) return NO_SHIFT_ORDER;
  // `HH:mm` strings sort as times.
  const byStart = [...pattern.shifts].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  return new Map(byStart.map((s, i) => [s.code, i]));
}

/** Positive when `a` sits in a later slot of the same production date than `b`; equal slots go to the newer tap. */
function compareSlotsOfDay(a: BoardReading, b: BoardReading, order: ShiftOrder): number {
  const d = (order.get(a.shiftCode) ?? -1) - (order.get(b.shiftCode) ?? -1);
  return d !== 0 ? d : compareReadings(a, b);
}

function latestSlotReading(index: BoardIndex, def: KpiDefinition, today: ProductionDate, days: number, order: ShiftOrder): BoardReading | null {
  const dates = datesEnding(today, days);
  for (let i = dates.length - 1; i >= 0; i--) {
    const date = dates[i] as ProductionDate;
    let best: BoardReading | null = null;
    for (const r of winnersOn(index, def.id, date)) if (best === null || compareSlotsOfDay(r, best, order) > 0) best = r;
    if (best) return best;
  }
  return null;
}

/** The tile read off an index: O(30 days x slots per day), whatever the index holds. */
export function tileFromIndex(index: BoardIndex, def: KpiDefinition, today: ProductionDate, shiftOrder: ShiftOrder = NO_SHIFT_ORDER): KpiTile {
  const trend30 = trendFromIndex(index, def, today, TILE_WINDOW_DAYS);
  const trend7Points = trend30.points.slice(-7);
  const present = trend7Points.map((p) => p.value).filter((v): v is number => v !== null);
  const trend7: KpiTrendSeries = {
    points: trend7Points,
    min: present.length ? Math.min(...present) : null,
    max: present.length ? Math.max(...present) : null,
  };
  const latest = latestSlotReading(index, def, today, TILE_WINDOW_DAYS, shiftOrder);
  const value = latest ? latest.value : null;
  const implausible = latest?.implausible ?? null;
  const status = implausible ? 'none' : figureStatus(def, value);
  return {
    kpiId: def.id,
    code: def.code,
    name: def.name,
    lineId: def.lineId,
    category: def.category,
    unit: def.unit,
    decimals: def.decimals,
    aggregation: aggregationOf(def),
    dayTarget: aggregationOf(def) === 'sum' && def.frequency === 'per_shift' ? null : def.target,
    value,
    implausible,
    valueDate: latest ? latest.productionDate : null,
    valueShift: latest ? latest.shiftCode : null,
    ageDays: latest ? daysBetween(latest.productionDate, today) : null,
    target: def.target,
    direction: def.direction,
    status,
    icon: statusIcon(status),
    statusLabel: statusLabel(status),
    indicator: def.indicator,
    ownerId: def.ownerId,
    trend: trendArrow(def, trend30),
    trend7,
    trend30,
  };
}

/** One tile from a KPI's readings; `now` is placed in the plant's time zone to find today. */
export function kpiTile(def: KpiDefinition, readings: readonly KpiReading[], now: Date, timeZone: string, shiftOrder: ShiftOrder = NO_SHIFT_ORDER): KpiTile {
  const today = plantLocalDate(timeZone, now);
  const index = buildBoardIndex(readings, new Map([[def.id, def]]), null, { from: addProductionDays(today, 1 - TILE_WINDOW_DAYS), to: today });
  return tileFromIndex(index, def, today, shiftOrder);
}
