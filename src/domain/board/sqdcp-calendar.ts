/**
 * The SQDCP calendar: for Safety, Quality, Delivery, Cost and People, one
 * cell per day of the month, green when the category met its criteria that
 * day and red when it did not.
 *
 * The criteria, fixed per plant by its KPI definitions (pass only the
 * definitions that make the plant's criteria, e.g. plant-level ones, if not all):
 * - Each shift slot (KPI, line, shift, production date) is judged by the
 *   reading that counts for it (newest not superseded, see reading-index.ts)
 *   against the KPI's thresholds with kpiStatus.
 * - A day is green for a category when every such slot of that category's
 *   KPIs was green. One amber or red slot makes the day red: amber means the
 *   target was missed, only by less, and the calendar answers one question,
 *   "did we meet it?". Partial data decides on what was read: a KPI nobody
 *   read that day neither helps nor hurts.
 * - A past day (or today) with no reading at all in a category is 'none', drawn
 *   grey and counted in `noDataDays`, never green: "no data" is not "met". It is
 *   not red either, because red says the criteria were missed, which nobody knows;
 *   the grey gap itself is what the board must show.
 * - Days after today are 'future', whatever is recorded for them (a reading
 *   dated in the future is an error elsewhere, not a result).
 * - Today is judged on what is in so far and marked `today`; a red today
 *   counts in `redDays` (an injury this morning is a red day already).
 *
 * Days are production dates in the plant's time zone, taken from each
 * reading's `productionDate`, never from UTC timestamps.
 */
import { plantLocalDate } from '../shift/shift-calendar.ts';
import { SQDCP, type KpiDefinition, type KpiReading, type SqdcpCategory } from '../kpi/kpi-types.ts';
import { type Plant } from '../plant/plant-types.ts';
import { type ProductionDate } from '../records/record-types.ts';
import { boardDefinitions, buildBoardIndex, categoryCounts, type BoardIndex, type StatusCounts } from './reading-index.ts';
import { daysInMonth, parseMonth } from './sqdcp-letters.ts';

export type SqdcpDayState = 'green' | 'red' | 'none' | 'future';

export interface SqdcpDay {
  date: ProductionDate;
  /** 1..31 */
  day: number;
  state: SqdcpDayState;
  today: boolean;
  /** Shift slots behind the state, for the cell's detail ("2 of 45 missed"). */
  counts: Readonly<StatusCounts>;
}

export interface SqdcpCategoryMonth {
  category: SqdcpCategory;
  days: SqdcpDay[];
  redDays: number;
  greenDays: number;
  /** Days up to today without any reading in this category. */
  noDataDays: number;
}

export interface SqdcpCalendar {
  /** `yyyy-MM` */
  month: string;
  today: ProductionDate;
  categories: Record<SqdcpCategory, SqdcpCategoryMonth>;
}

export interface SqdcpCalendarInput {
  plant: Pick<Plant, 'id' | 'timeZone'>;
  month: string;
  definitions: readonly KpiDefinition[];
  readings: readonly KpiReading[];
  now: Date;
}

export function sqdcpDayState(counts: Readonly<StatusCounts>, date: ProductionDate, today: ProductionDate): SqdcpDayState {
  if (date > today) return 'future'; // yyyy-MM-dd strings sort as dates
  if (counts.amber + counts.red > 0) return 'red';
  return counts.green > 0 ? 'green' : 'none';
}

export function dateOfMonth(month: string, day: number): ProductionDate {
  parseMonth(month);
  return `${month}-${String(day).padStart(2, '0')}`;
}

export function sqdcpDay(index: BoardIndex, category: SqdcpCategory, date: ProductionDate, today: ProductionDate): SqdcpDay {
  const counts = categoryCounts(index, category, date);
  return { date, day: Number(date.slice(8, 10)), state: sqdcpDayState(counts, date, today), today: date === today, counts: { ...counts } };
}

/** Tally a category's days; 31 cells, so recounting after a live update is as cheap as patching. */
export function sqdcpCategoryMonth(category: SqdcpCategory, days: SqdcpDay[]): SqdcpCategoryMonth {
  let redDays = 0;
  let greenDays = 0;
  let noDataDays = 0;
  for (const d of days) {
    if (d.state === 'red') redDays += 1;
    else if (d.state === 'green') greenDays += 1;
    else if (d.state === 'none') noDataDays += 1;
  }
  return { category, days, redDays, greenDays, noDataDays };
}

/** The calendar read off an index (155 lookups: 5 categories x up to 31 days). */
export function sqdcpCalendarFromIndex(index: BoardIndex, month: string, today: ProductionDate): SqdcpCalendar {
  const n = daysInMonth(month);
  const categories = {} as Record<SqdcpCategory, SqdcpCategoryMonth>;
  for (const category of SQDCP) {
    const days: SqdcpDay[] = [];
    for (let d = 1; d <= n; d++) days.push(sqdcpDay(index, category, dateOfMonth(month, d), today));
    categories[category] = sqdcpCategoryMonth(category, days);
  }
  return { month, today, categories };
}

/** One call from definitions and readings; `now` is placed in the plant's time zone to find today. */
export function sqdcpCalendar(input: SqdcpCalendarInput): SqdcpCalendar {
  const defs = boardDefinitions(input.definitions, input.plant.id);
  const window = { from: dateOfMonth(input.month, 1), to: dateOfMonth(input.month, daysInMonth(input.month)) };
  const index = buildBoardIndex(input.readings, defs, input.plant.id, window);
  return sqdcpCalendarFromIndex(index, input.month, plantLocalDate(input.plant.timeZone, input.now));
}
