/**
 * The server's real timers, behind the same port as the tablets' (src/domain/time/timers.ts):
 * the LISTEN connection's reconnect and checks, the live streams' heartbeats. Tests pass
 * hand-driven ones (sync-server/testing/manual-timers.ts) so no server test sleeps on real time.
 *
 * Unref'd: a pending reconnect or heartbeat must not keep a process alive that is shutting down.
 */
import type { Timers } from '../src/domain/time/timers.ts';

export type { Timers };

export const serverTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Runs `fn` every `ms` on `timers` until the returned stop is called (a repeating timeout, so fakes need only one call). */
export function every(timers: Timers, ms: number, fn: () => void): () => void {
  let handle: unknown = null;
  let stopped = false;
  const arm = (): void => {
    handle = timers.setTimeout(() => {
      if (stopped) return;
      arm();
      fn();
    }, ms);
  };
  arm();
  return () => {
    stopped = true;
    timers.clearTimeout(handle);
  };
}
