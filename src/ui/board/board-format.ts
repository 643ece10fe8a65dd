/** Times, durations and months as the board shows them, in the plant's locale and time zone. */
import type { KpiDefinition } from '../../domain/kpi/kpi-types.ts';
import { formatNumber } from '../format.ts';
import { figureDecimals, roundTo } from '../../domain/kpi/kpi-figure.ts';

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function cachedFormat(locale: string, timeZone: string, kind: 'time' | 'date' | 'month'): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${kind}`;
  let f = dateTimeFormats.get(key);
  if (!f) {
    const opts: Intl.DateTimeFormatOptions =
      kind === 'time'
        ? { hour: '2-digit', minute: '2-digit', timeZone }
        : kind === 'date'
          ? { weekday: 'short', day: 'numeric', month: 'short', timeZone }
          : { month: 'long', year: 'numeric', timeZone: 'UTC' };
    f = new Intl.DateTimeFormat(locale, opts);
    dateTimeFormats.set(key, f);
  }
  return f;
}

export function boardTime(ms: number, locale: string, timeZone: string): string {
  return cachedFormat(locale, timeZone, 'time').format(new Date(ms));
}

export function boardDate(ms: number, locale: string, timeZone: string): string {
  return cachedFormat(locale, timeZone, 'date').format(new Date(ms));
}

/** `yyyy-MM` as `March 2026` (a calendar month: formatted in UTC so no zone moves it). */
export function boardMonth(month: string, locale: string): string {
  const [y, m] = month.split('-').map(Number);
  return cachedFormat(locale, 'UTC', 'month').format(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, 15)));
}

/** `1 h 05 min`, `12 min`, `2 d 3 h`: timers read at a glance; seconds only in the first minute. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${String(m % 60).padStart(2, '0')} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** What a tile's figure is judged against: the KPI's target and which side of it is good. */
export interface FigureTarget {
  target: number;
  direction: KpiDefinition['direction'];
}

function meets(value: number, { target, direction }: FigureTarget): boolean {
  return direction === 'higher_is_better' ? value >= target : value <= target;
}

/**
 * `value` rounded to `decimals`, but never onto or across the target: when
 * rounding to the nearest step would flip whether the figure meets the target
 * (19,960 -> 20.0k against 20,000), it is rounded one step the other way,
 * toward the side the value is on (19.9k). Only the thousands form shortens a
 * figure below its KPI's precision; this keeps it honest.
 */
function honestRound(value: number, decimals: number, against: FigureTarget | undefined): number {
  // Whole steps, divided at the end: 3 / 10 is the double 0.3, 3 * 0.1 is not.
  const scale = 10 ** decimals;
  const steps = Math.round(value * scale);
  const nearest = steps / scale;
  if (!against || meets(nearest, against) === meets(value, against)) return nearest;
  // Nearest rounding lies within half a step of the value, so one step back lands on the value's side.
  return (nearest > value ? steps - 1 : steps + 1) / scale;
}

/**
 * A tile's figure, or its target: rounded once by the KPI's own precision
 * (figureValue, the value its status is judged on), shown with that precision,
 * so value and target read alike and the figure never contradicts its colour.
 * Counts of 10,000 and more are shown in thousands (`12.3k`), what a glance at
 * 5 m needs, never rounded onto or across the target (honestRound).
 */
export function tileFigure(value: number, locale: string, decimals: number, against?: FigureTarget): string {
  const rounded = roundTo(value, decimals);
  const abs = Math.abs(rounded);
  const inThousands = against && { target: against.target / 1000, direction: against.direction };
  if (abs >= 100_000) return `${formatNumber(honestRound(rounded / 1000, 0, inThousands), locale, 0)}k`;
  if (abs >= 10_000) return `${formatNumber(honestRound(rounded / 1000, 1, inThousands), locale, 1)}k`;
  return formatNumber(rounded, locale, figureDecimals({ decimals }));
}
