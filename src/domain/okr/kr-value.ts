/**
 * A KPI-fed key result's value (issue 12, item 3), the same on a tablet, a desktop and the server:
 * a KPI, a scope (the whole plant or some lines), an aggregation and a window, computed over the
 * per-day summaries of the readings that count (kr-summary.ts), with where it came from.
 *
 * Aggregations: latest, mean (`average`), sum, min, max. A ratio KPI (OEE, scrap rate, first pass
 * yield, on-time delivery: a KPI with a formula) is never the mean of its shifts' ratios: its mean
 * and its sum are the formula over its inputs added up over the window, each by its own rule
 * (kpi-aggregation.ts), the ratio of sums; its latest, min and max are those of its days' ratios.
 *
 * Windows, in production dates of the plant's shift calendar (so a night shift past midnight, and a
 * DST night of 7 or 9 hours, belong where the board puts them):
 * - cycle_to_date: from the cycle's first day to today (the date of the shift running now);
 * - last_days: the last N days, today included;
 * - last_shift: the last complete shift (the one before the shift running now);
 * - last_day: the last complete production day (the day before today's, whose shifts have all ended);
 * - last_week: the last complete Monday-to-Sunday week of production days.
 */
import type { Iso, ProductionDate } from '../records/record-types.ts';
import type { KpiDefinition } from '../kpi/kpi-types.ts';
import type { Plant } from '../plant/plant-types.ts';
import type { ShiftPattern } from '../shift/shift-types.ts';
import { aggregationOf } from '../kpi/kpi-aggregation.ts';
import { formulaResult, usableValue } from '../kpi/formula-results.ts';
import type { FormulaPlan } from '../board/formula-slots.ts';
import { addProductionDays, previousShiftInstance, shiftInstanceAt } from '../shift/shift-calendar.ts';
import { lastWeekdayOnOrBefore } from './cycles.ts';
import type { OkrCycle } from './okr-records.ts';
import { krLinesOf, krWindowOf } from './okr-records.ts';
import type { KeyResult, KrAggregation, KrWindow } from './okr-types.ts';
import type { DaySummary, SummarySource } from './kr-summary.ts';

export interface KrSpan {
  window: KrWindow;
  /** Production dates, both included; from > to is an empty window (a cycle not begun). */
  from: ProductionDate;
  to: ProductionDate;
  /** last_shift: the one shift of `from`. */
  shiftCode: string | null;
}

export interface KrClock {
  plant: Pick<Plant, 'id' | 'timeZone'>;
  pattern: Pick<ShiftPattern, 'kind' | 'shifts' | 'crews' | 'rotationAnchor' | 'rotation'>;
  nowMs: number;
}

/** The production date of the shift running now: "today" on the floor. */
export function floorToday(clock: KrClock): ProductionDate {
  return shiftInstanceAt(clock.plant, clock.pattern, '', new Date(clock.nowMs)).productionDate;
}

/** Which dates (and shift) a key result's window covers at the clock's moment. */
export function krSpan(kr: Pick<KeyResult, 'window' | 'windowDays'>, cycle: Pick<OkrCycle, 'startDate' | 'endDate'>, clock: KrClock): KrSpan {
  const window = krWindowOf(kr);
  const current = shiftInstanceAt(clock.plant, clock.pattern, '', new Date(clock.nowMs));
  const today = current.productionDate;
  const span = (from: ProductionDate, to: ProductionDate, shiftCode: string | null = null): KrSpan => ({ window, from, to, shiftCode });
  switch (window) {
    case 'cycle_to_date':
      return span(cycle.startDate, cycle.endDate !== '' && cycle.endDate < today ? cycle.endDate : today);
    case 'last_days':
      return span(addProductionDays(today, 1 - Math.max(1, kr.windowDays)), today);
    case 'last_shift': {
      const prev = previousShiftInstance(clock.plant, clock.pattern, current);
      return span(prev.productionDate, prev.productionDate, prev.shiftCode);
    }
    case 'last_day': {
      const day = addProductionDays(today, -1);
      return span(day, day);
    }
    case 'last_week': {
      const sunday = lastWeekdayOnOrBefore(addProductionDays(today, -1), 7);
      return span(addProductionDays(sunday, -6), sunday);
    }
  }
}

export interface KrProvenance {
  kpiId: string;
  span: KrSpan;
  /** How many readings (for a ratio KPI: its inputs' readings) the value is made of. */
  count: number;
  /** Server time of the newest of them; '' without any. */
  lastReadingAt: Iso;
}

export interface KrValue {
  value: number | null;
  provenance: KrProvenance;
}

/** What was added up: counts, sums, extremes and the newest reading. */
interface Tally {
  n: number;
  sum: number;
  min: number;
  max: number;
  last: number;
  lastMs: number;
}

const EMPTY: Tally = { n: 0, sum: 0, min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY, last: Number.NaN, lastMs: Number.NEGATIVE_INFINITY };

function addDay(t: Tally, s: DaySummary, shiftCode: string | null): void {
  if (shiftCode === null) {
    t.n += s.n;
    t.sum += s.sum;
    if (s.min < t.min) t.min = s.min;
    if (s.max > t.max) t.max = s.max;
    if (s.lastMs > t.lastMs) {
      t.last = s.last;
      t.lastMs = s.lastMs;
    }
    return;
  }
  const v = s.shifts[shiftCode];
  if (!v) return;
  t.n += 1;
  t.sum += v.value;
  if (v.value < t.min) t.min = v.value;
  if (v.value > t.max) t.max = v.value;
  if (v.ms > t.lastMs) {
    t.last = v.value;
    t.lastMs = v.ms;
  }
}

type LineFilter = (lineId: string) => boolean;

function tallyOf(source: SummarySource, kpiId: string, span: KrSpan, lines: LineFilter, from = span.from, to = span.to): Tally {
  const t = { ...EMPTY };
  if (from > to) return t;
  for (const s of source.days(kpiId, from, to)) if (lines(s.lineId)) addDay(t, s, span.shiftCode);
  return t;
}

function typedValue(rule: KrAggregation, t: Tally): number | null {
  if (t.n === 0) return null;
  switch (rule) {
    case 'latest':
      return t.last;
    case 'average':
      return t.sum / t.n;
    case 'sum':
      return t.sum;
    case 'min':
      return t.min;
    case 'max':
      return t.max;
  }
}

/** An input added up by its own rule (kpi-aggregation.ts): a count summed, a level averaged or the latest. */
function inputValue(def: KpiDefinition, t: Tally): number | null {
  const rule = aggregationOf(def);
  return t.n === 0 ? null : rule === 'sum' ? t.sum : rule === 'latest' ? t.last : t.sum / t.n;
}

interface Counted {
  value: number | null;
  n: number;
  lastMs: number;
}

/**
 * A formula KPI's value over dates: the formula over its inputs added up over those dates (ratio
 * of sums). Line inputs of a line formula count only the formula's own line (formula-slots.ts).
 */
function ratioOver(def: KpiDefinition, plan: FormulaPlan, source: SummarySource, span: KrSpan, lines: LineFilter, from: ProductionDate, to: ProductionDate): Counted {
  const inputs = plan.inputs.get(def.id);
  if (!inputs) return { value: null, n: 0, lastMs: Number.NEGATIVE_INFINITY };
  const byCode = new Map<string, number>();
  let n = 0;
  let lastMs = Number.NEGATIVE_INFINITY;
  for (const { def: input } of inputs) {
    const ownLine = def.level === 'line' && input.level === 'line';
    const inputLines: LineFilter = ownLine ? (l) => l === def.lineId && lines(l) : lines;
    const counted =
      input.formula === null
        ? ((t: Tally): Counted => ({ value: inputValue(input, t), n: t.n, lastMs: t.lastMs }))(tallyOf(source, input.id, span, inputLines, from, to))
        : ratioOver(input, plan, source, span, inputLines, from, to);
    n += counted.n;
    if (counted.lastMs > lastMs) lastMs = counted.lastMs;
    if (counted.value !== null) byCode.set(input.code, counted.value);
  }
  return { value: usableValue(formulaResult(def, byCode)), n, lastMs };
}

function dates(from: ProductionDate, to: ProductionDate): ProductionDate[] {
  const out: ProductionDate[] = [];
  for (let d = from; d <= to; d = addProductionDays(d, 1)) out.push(d);
  return out;
}

function ratioValue(kr: Pick<KeyResult, 'aggregation'>, def: KpiDefinition, plan: FormulaPlan, source: SummarySource, span: KrSpan, lines: LineFilter): Counted {
  const whole = ratioOver(def, plan, source, span, lines, span.from, span.to);
  if (kr.aggregation === 'average' || kr.aggregation === 'sum' || whole.n === 0) return whole;
  // latest, min, max: over the days' ratios (each a ratio of that day's sums).
  let pick: number | null = null;
  let latestDay: ProductionDate | null = null;
  for (const day of dates(span.from, span.to)) {
    const v = ratioOver(def, plan, source, span, lines, day, day).value;
    if (v === null) continue;
    latestDay = day;
    if (pick === null || (kr.aggregation === 'min' ? v < pick : kr.aggregation === 'max' ? v > pick : true)) pick = v;
  }
  return latestDay === null ? { ...whole, value: null } : { ...whole, value: pick };
}

/**
 * The value of a KPI-fed key result over `span`. `def` is its KPI; `plan` resolves a formula KPI's
 * inputs (formulaPlan over the plant's definitions); `source` holds the day summaries.
 */
export function kpiFedValue(kr: Pick<KeyResult, 'aggregation' | 'scope' | 'lineIds'>, def: KpiDefinition, plan: FormulaPlan, source: SummarySource, span: KrSpan): KrValue {
  const only = krLinesOf(kr);
  const lines: LineFilter = only === null ? () => true : (l) => only.has(l);
  const counted: Counted =
    def.formula === null
      ? ((t: Tally): Counted => ({ value: typedValue(kr.aggregation, t), n: t.n, lastMs: t.lastMs }))(tallyOf(source, def.id, span, lines))
      : ratioValue(kr, def, plan, source, span, lines);
  return {
    value: counted.value,
    provenance: {
      kpiId: def.id,
      span,
      count: counted.n,
      lastReadingAt: Number.isFinite(counted.lastMs) ? new Date(counted.lastMs).toISOString() : '',
    },
  };
}
