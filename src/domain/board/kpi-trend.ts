/**
 * A KPI's trend line on the board: one value per production date over the
 * last 7 or 30 days, and the SVG polyline that draws it.
 *
 * The day's value follows the definition's own rule (kpi-aggregation.ts), the
 * one every screen uses: a count is the day's sum, a level the mean or the
 * latest of its shifts (after a second tablet also entered it, the newer tap
 * counts, as in the slot), and a computed KPI the formula over its inputs'
 * day values (a ratio of sums, formula-slots.ts). A day without readings is a
 * gap (null), never zero; an implausible computed value is a gap too.
 *
 * The day's status is not the status of that value: a mean of 100 and 96
 * against a target of 98 is on target while one shift missed it. Each point
 * carries the SQDCP calendar's verdict on the KPI's own slots that day
 * (sqdcpDayState: any amber or red slot makes the day red), so the history
 * never shows green where the calendar shows red.
 */
import type { KpiDefinition, KpiReading } from '../kpi/kpi-types.ts';
import { aggregateValues, aggregationOf, type AggregationDef } from '../kpi/kpi-aggregation.ts';
import { usableValue } from '../kpi/formula-results.ts';
import { valueOver } from './formula-slots.ts';
import type { ProductionDate } from '../records/record-types.ts';
import { addProductionDays } from '../shift/shift-calendar.ts';
import { buildBoardIndex, compareReadings, tally, winnersOn, type BoardIndex, type BoardReading, type StatusCounts } from './reading-index.ts';
import { sqdcpDayState, type SqdcpDayState } from './sqdcp-calendar.ts';

export interface TrendPoint {
  date: ProductionDate;
  value: number | null;
  /** The calendar's rule applied to this KPI's slots of the day ('none' without readings). */
  state: SqdcpDayState;
}

export interface KpiTrendSeries {
  /** Oldest first, ending today; one point per day, nulls for days without readings. */
  points: TrendPoint[];
  /** Over the values present; null when there are none. */
  min: number | null;
  max: number | null;
}

/** A typed KPI's day value from the readings that count that day (one per line and shift), by its own rule. */
export function dailyValue(def: AggregationDef, winners: readonly BoardReading[]): number | null {
  const usable = winners.filter((r) => Number.isFinite(r.value) && !r.implausible).sort(compareReadings);
  const rule = aggregationOf(def);
  return rule === 'ratio' ? null : aggregateValues(rule, usable.map((r) => r.value));
}

/** The calendar's day state over one KPI's slots of a day (the readings that count, one per line and shift). */
export function kpiDayState(def: KpiDefinition, winners: readonly BoardReading[], date: ProductionDate, today: ProductionDate): SqdcpDayState {
  const counts: StatusCounts = { green: 0, amber: 0, red: 0 };
  for (const r of winners) tally(counts, def, r, 1);
  return sqdcpDayState(counts, date, today);
}

let lastDates: { today: ProductionDate; days: number; dates: readonly ProductionDate[] } | null = null;

/**
 * The `days` production dates ending `today`, oldest first. Remembers the last
 * answer: a board asks the same 30 dates for each of its 300 tiles, and date
 * arithmetic was a third of building them.
 */
export function datesEnding(today: ProductionDate, days: number): readonly ProductionDate[] {
  if (lastDates?.today === today && lastDates.days === days) return lastDates.dates;
  const dates = Array.from({ length: days }, (_, i) => addProductionDays(today, i + 1 - days));
  lastDates = { today, days, dates };
  return dates;
}

/** The last `days` days up to and including `today`, read off an index. */
export function trendFromIndex(index: BoardIndex, def: KpiDefinition, today: ProductionDate, days: number): KpiTrendSeries {
  const points: TrendPoint[] = [];
  let min: number | null = null;
  let max: number | null = null;
  for (const date of datesEnding(today, days)) {
    const winners = winnersOn(index, def.id, date);
    const value = def.formula === null ? dailyValue(def, winners) : usableValue(valueOver(def, [date], index.formulas, (id, d) => winnersOn(index, id, d)));
    if (value !== null) {
      min = min === null ? value : Math.min(min, value);
      max = max === null ? value : Math.max(max, value);
    }
    points.push({ date, value, state: kpiDayState(def, winners, date, today) });
  }
  return { points, min, max };
}

/** The same from a KPI's readings (corrections and duplicates resolved as on the board). */
export function kpiTrend(def: KpiDefinition, readings: readonly KpiReading[], today: ProductionDate, days: number): KpiTrendSeries {
  const index = buildBoardIndex(readings, new Map([[def.id, def]]), null, { from: addProductionDays(today, 1 - days), to: today });
  return trendFromIndex(index, def, today, days);
}

export interface TrendScale {
  min: number;
  max: number;
}

/**
 * The value range to draw: the values and, when given, the target, so the
 * target line fits on the tile too. A flat range is widened by one on each
 * side so the line sits in the middle instead of dividing by zero.
 */
export function trendScale(series: Pick<KpiTrendSeries, 'min' | 'max'>, target?: number): TrendScale | null {
  const lo = [series.min, target].filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  if (lo.length === 0) return null;
  const min = Math.min(...lo);
  const max = Math.max(...[series.max, target].filter((x): x is number => typeof x === 'number' && Number.isFinite(x)));
  return min === max ? { min: min - 1, max: max + 1 } : { min, max };
}

/** One decimal: sub-pixel precision is invisible and every character travels to the wall screen. */
function px(n: number): string {
  return String(Math.round(n * 10) / 10);
}

function project(points: readonly TrendPoint[], width: number, height: number, scale: TrendScale) {
  const step = points.length > 1 ? width / (points.length - 1) : 0;
  const span = scale.max - scale.min;
  return points.map((p, i) =>
    p.value === null ? null : `${px(points.length > 1 ? i * step : width / 2)},${px(height - ((p.value - scale.min) / span) * height)}`,
  );
}

/**
 * `points` for one <polyline>: x spreads the days evenly over the width (a
 * day without readings keeps its place, so the line bridges it with a longer
 * segment), y runs top-down as in SVG. Empty string when there is nothing to draw.
 */
export function trendPolyline(series: KpiTrendSeries, width: number, height: number, scale = trendScale(series)): string {
  if (!scale) return '';
  return project(series.points, width, height, scale).filter((p) => p !== null).join(' ');
}

/** The honest variant: one `points` string per run of consecutive days, broken at gaps. */
export function trendSegments(series: KpiTrendSeries, width: number, height: number, scale = trendScale(series)): string[] {
  if (!scale) return [];
  const out: string[] = [];
  let run: string[] = [];
  for (const p of project(series.points, width, height, scale)) {
    if (p === null) {
      if (run.length > 0) out.push(run.join(' '));
      run = [];
    } else run.push(p);
  }
  if (run.length > 0) out.push(run.join(' '));
  return out;
}
