/** The board digest's save debounce: quiet, but never later than the ceiling; on fake timers and a fake clock. */
import { describe, expect, it, vi } from 'vitest';
import { createSaveScheduler } from './save-scheduler.ts';

function setUp() {
  let nowMs = 1_000;
  const pending: { fn: () => void; at: number }[] = [];
  const timers = {
    setTimeout: (fn: () => void, ms: number) => {
      const t = { fn, at: nowMs + ms };
      pending.push(t);
      return t;
    },
    clearTimeout: (h: unknown) => void pending.splice(pending.indexOf(h as (typeof pending)[number]), 1),
  };
  const run = vi.fn();
  const scheduler = createSaveScheduler(run, { atMostMs: 60_000, now: () => nowMs, timers });
  const advance = (ms: number) => {
    nowMs += ms;
    for (const t of pending.filter((p) => p.at <= nowMs)) {
      pending.splice(pending.indexOf(t), 1);
      t.fn();
    }
  };
  return { scheduler, run, advance, pending };
}

describe('save scheduler', () => {
  it('runs once the changes have been quiet for the delay, each change starting the wait again', () => {
    const { scheduler, run, advance, pending } = setUp();
    scheduler.schedule(10_000);
    advance(9_000);
    scheduler.schedule(10_000);
    advance(9_000);
    expect(run).not.toHaveBeenCalled();
    expect(pending).toHaveLength(1);
    advance(1_000);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('runs at the ceiling counted from the first waiting change when the changes never stop', () => {
    const { scheduler, run, advance } = setUp();
    for (let i = 0; i < 12; i++) {
      scheduler.schedule(10_000);
      advance(5_000);
    }
    expect(run).toHaveBeenCalledTimes(1); // at 60 s, not 10 s after the last change
  });

  it('starts a new ceiling once the work has begun, and forgets the pending run on cancel', () => {
    const { scheduler, run, advance } = setUp();
    for (let i = 0; i < 10; i++) {
      scheduler.schedule(10_000);
      advance(5_000);
    }
    scheduler.started(); // 50 s after the first change: without this the ceiling would come in 10 s
    scheduler.schedule(30_000);
    advance(20_000);
    expect(run).not.toHaveBeenCalled();
    advance(10_000);
    expect(run).toHaveBeenCalledTimes(1);
    scheduler.schedule(10_000);
    scheduler.cancel();
    advance(60_000);
    expect(run).toHaveBeenCalledTimes(1);
  });
});
