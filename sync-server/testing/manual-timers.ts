/**
 * TESTS ONLY. Server timers that fire only when the test says so, so tests of reconnects,
 * checks and heartbeats never sleep on real time.
 */
import type { Timers } from '../server-timers.ts';

export interface ManualTimers extends Timers {
  /** How many timers are pending. */
  pending(): number;
  /** The delays the pending timers were set for, in the order they were set. */
  delays(): number[];
  /** Fires the timers pending now (not those they set in turn). */
  fireAll(): void;
  /** Fires the pending timers set for exactly `ms`. */
  fire(ms: number): void;
}

export function manualTimers(): ManualTimers {
  let next = 1;
  const queue = new Map<number, { fn: () => void; ms: number }>();
  const run = (due: [number, { fn: () => void; ms: number }][]) => {
    for (const [id] of due) queue.delete(id);
    for (const [, t] of due) t.fn();
  };
  return {
    setTimeout(fn, ms) {
      const id = next++;
      queue.set(id, { fn, ms });
      return id;
    },
    clearTimeout(h) {
      queue.delete(h as number);
    },
    pending: () => queue.size,
    delays: () => [...queue.values()].map((t) => t.ms),
    fireAll: () => run([...queue]),
    fire: (ms) => run([...queue].filter(([, t]) => t.ms === ms)),
  };
}
