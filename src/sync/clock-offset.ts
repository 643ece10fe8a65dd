/**
 * How far the tablet's clock is from the server's, measured on every sync
 * response (NTP's midpoint rule): the server stamped `X-Server-Time` at some
 * moment between our send and our receive; assuming the request and the
 * answer took equally long, that moment is their midpoint, so
 *     offset = serverTime - (deviceSend + deviceReceive) / 2.
 * Readings carry this offset (KpiReading.clockOffsetMs) so the server and
 * the board can place a tap on the true timeline even when a tablet's clock
 * drifted.
 *
 * The last smoothed offset is also kept on the device (loadClockOffset,
 * saveClockOffset), so that after a reload without a network the first
 * screen's timers and stamps still use the corrected time.
 */
import type { SyncStore } from './sync-store.ts';

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

/** The offset as last measured, kept in the sync client's own store. */
export interface SavedClockOffset {
  offsetMs: number;
  /** Device ms of the measurement. */
  measuredAtMs: number;
  /** The server it was measured against: another server's clock says nothing about this one's. */
  serverUrl: string;
}

const SAVED_KEY = 'clock-offset';

export async function saveClockOffset(store: SyncStore, saved: SavedClockOffset): Promise<void> {
  await store.set(SAVED_KEY, saved);
}

/**
 * The offset last measured against `serverUrl`, or null. One measured against another server
 * (the device was enrolled elsewhere since) is dropped. An old one is kept however old it is:
 * a tablet's clock drifts seconds a day, while one set wrong by hand is minutes off from the
 * start, so a measurement from last month is still far closer than none (0).
 */
export async function loadClockOffset(store: SyncStore, serverUrl: string): Promise<SavedClockOffset | null> {
  const saved = await store.get<SavedClockOffset>(SAVED_KEY);
  if (!saved) return null;
  if (saved.serverUrl === serverUrl && Number.isFinite(saved.offsetMs)) return saved;
  await store.remove(SAVED_KEY);
  return null;
}
