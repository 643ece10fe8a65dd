/**
 * Timers and moments as the floor reads them: a running clock `m:ss` /
 * `h:mm:ss` (digits read the same in every language, and tick visibly every
 * second), moments in the plant's own time zone.
 */

/** `0:07`, `12:34`, `1:02:05`, `27:00:00`: never negative. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, timeZone: string, withDate: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${withDate}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, withDate ? { timeZone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' } : { timeZone, hour: '2-digit', minute: '2-digit' });
    formats.set(key, f);
  }
  return f;
}

/** `14:32` on the plant's clock today, `19 Nov, 22:05` on another day. */
export function formatPlantMoment(iso: string, nowMs: number, locale: string, timeZone: string): string {
  const at = new Date(iso);
  if (!Number.isFinite(at.getTime())) return iso;
  const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  const sameDay = day(at) === day(new Date(nowMs));
  return formatter(locale, timeZone, !sameDay).format(at);
}
