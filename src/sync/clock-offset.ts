/**
 * How far the tablet's clock is from the server's, measured on every sync
 * response (NTP's midpoint rule): the server stamped `X-Server-Time` at some
 * moment between our send and our receive; assuming the request and the
 * answer took equally long, that moment is their midpoint, so
 *     offset = serverTime - (deviceSend + deviceReceive) / 2.
 * Readings carry this offset (KpiReading.clockOffsetMs) so the server and
 * the board can place a tap on the true timeline even when a tablet's clock
 * drifted.
 */

/** One measurement in ms, or null when the header is missing or unreadable. */
export function offsetSample(deviceSendMs: number, deviceReceiveMs: number, serverTimeIso: string | null): number | null {
  if (!serverTimeIso) return null;
  const serverMs = Date.parse(serverTimeIso);
  if (!Number.isFinite(serverMs) || deviceReceiveMs < deviceSendMs) return null;
  return Math.round(serverMs - (deviceSendMs + deviceReceiveMs) / 2);
}

/**
 * Median of the last 9 samples. Why a median: one answer that sat in a
 * Wi-Fi retry queue on the way back skews its midpoint by half the delay;
 * the median ignores such outliers where a mean would not. Why 9: odd, so
 * the median is a real sample; with live sync a tablet makes a request at
 * least every few minutes, so 9 samples span minutes (not hours), which
 * follows real drift while tolerating up to 4 bad samples in a row.
 */
export const OFFSET_WINDOW = 9;

export interface ClockOffsetTracker {
  /** Adds a sample; returns the new smoothed offset. */
  add(sampleMs: number): number;
  /** Smoothed offset in ms (server minus device); 0 before any sample. */
  value(): number;
  sampleCount(): number;
}

export function createClockOffsetTracker(window = OFFSET_WINDOW): ClockOffsetTracker {
  const samples: number[] = [];
  const median = (): number => {
    if (samples.length === 0) return 0;
    const sorted = [...samples].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    if (sorted.length % 2 === 1) return sorted[mid] ?? 0;
    return Math.round(((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2);
  };
  return {
    add(sampleMs) {
      samples.push(sampleMs);
      if (samples.length > window) samples.shift();
      return median();
    },
    value: median,
    sampleCount: () => samples.length,
  };
}

/** Device time corrected to the server's timeline. */
export function correctedTime(deviceNowMs: number, offsetMs: number): number {
  return deviceNowMs + offsetMs;
}
