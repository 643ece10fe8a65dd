/**
 * A debounce with a ceiling: run once things have been quiet for a while, but
 * never later than a fixed time after the first change that is still waiting.
 * The board saves its digest this way (board-digest-keeper.ts): a plant whose
 * readings never stop arriving would otherwise never save at all.
 *
 * Timers and the clock are passed in, so tests drive them.
 */
import type { Timers } from '../../domain/time/timers.ts';

export interface SaveScheduler {
  /** Runs the work after `delayMs`, or sooner when the ceiling counted from the first waiting change comes first. */
  schedule(delayMs: number): void;
  /** The work has begun: the next change starts a new ceiling. */
  started(): void;
  /** Forgets the pending run, if any. */
  cancel(): void;
}

export interface SaveSchedulerOptions {
  /** Longest wait from the first change not yet saved to the run. */
  atMostMs: number;
  /** When a change happened, in ms. */
  now: () => number;
  timers: Timers;
}

export function createSaveScheduler(run: () => void, { atMostMs, now, timers }: SaveSchedulerOptions): SaveScheduler {
  let timer: unknown = null;
  let firstWaitingAt = 0;
  return {
    schedule(delayMs) {
      const t = now();
      if (firstWaitingAt === 0) firstWaitingAt = t;
      if (timer) timers.clearTimeout(timer);
      timer = timers.setTimeout(
        () => {
          timer = null;
          run();
        },
        Math.max(0, Math.min(delayMs, firstWaitingAt + atMostMs - t)),
      );
    },
    started() {
      firstWaitingAt = 0;
    },
    cancel() {
      if (timer) timers.clearTimeout(timer);
      timer = null;
    },
  };
}
