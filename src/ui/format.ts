/**
 * Numbers, times and dates in the plant's own locale and time zone.
 * Intl does the locale and time-zone work (no date-fns locale bundles in the
 * main chunk); date-fns does the arithmetic. Shift boundaries in the plant's
 * zone come from the domain's shift calendar.
 */
import { differenceInMinutes } from 'date-fns';

const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatNumber(value: number, locale: string, decimals: number): string {
  const key = `${locale}|${decimals}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    numberFormats.set(key, f);
  }
  return f.format(value);
}

/** `87.5 %` or `87,5 %`; units without a space (`%`) still get one for readability at a distance. */
export function formatValue(value: number, unit: string, locale: string, decimals: number): string {
  const n = formatNumber(value, locale, decimals);
  return unit ? `${n} ${unit}` : n;
}

export function decimalSeparator(locale: string): string {
  const part = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal');
  return part?.value ?? '.';
}

/** `14:32` on the plant's wall clock. */
export function formatClock(at: Date, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone }).format(at);
}

/** A production date (`yyyy-MM-dd`, the plant's calendar) as `Fri 20 Nov 2026` in the plant's locale. */
export function formatProductionDate(productionDate: string, locale: string): string {
  const [y, m, d] = productionDate.split('-').map(Number);
  // A plain calendar date: format it in UTC so no time zone can move it to the neighbouring day.
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
  return new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** Whole hours and minutes until the end of the shift, or null once it has ended. */
export function timeLeft(now: Date, endsAtIso: string): { h: number; m: number } | null {
  const minutes = differenceInMinutes(new Date(endsAtIso), now);
  if (minutes < 0) return null;
  return { h: Math.floor(minutes / 60), m: minutes % 60 };
}

export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: i === 0 ? 0 : 1 }).format(v)} ${units[i]}`;
}
