import { describe, expect, it } from 'vitest';
import { every } from './server-timers.ts';
import { manualTimers } from './testing/manual-timers.ts';

describe('every: a repeating wait on injectable timers', () => {
  it('runs at each wait, one wait pending at a time, and never after it is stopped', () => {
    const timers = manualTimers();
    let runs = 0;
    const stop = every(timers, 15_000, () => runs++);
    expect(timers.delays()).toEqual([15_000]);
    timers.fireAll();
    timers.fireAll();
    expect(runs).toBe(2);
    expect(timers.delays()).toEqual([15_000]);
    stop();
    expect(timers.pending()).toBe(0);
    timers.fireAll();
    expect(runs).toBe(2);
  });

  it('stopped from inside its own run, it does not run again', () => {
    const timers = manualTimers();
    let runs = 0;
    const stop = every(timers, 100, () => {
      runs++;
      stop();
    });
    timers.fireAll();
    timers.fireAll();
    expect(runs).toBe(1);
    expect(timers.pending()).toBe(0);
  });
});
