/**
 * The timer port, as the clock is one: every wait the tablets, the wall screen and the server
 * schedule (a retry, a reconnect, a heartbeat, a silence check, a debounced save) goes through one
 * of these, passed in, so tests decide when time passes instead of sleeping on it. The real ones
 * (src/sync/live-stream.ts's `realTimers`, sync-server/server-timers.ts) call the global functions
 * indirectly: direct references would bypass test fakes installed after import.
 */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}
