import { describe, expect, it } from 'vitest';
import { createClockOffsetTracker, offsetSample, OFFSET_WINDOW } from './clock-offset.ts';

const iso = (ms: number) => new Date(ms).toISOString();

describe('clock offset', () => {
  it('[C-K1] takes the server time against the midpoint of send and receive', () => {
    // Sent at 1000, answered at 1200: the server stamped 5100 at device time ~1100.
    expect(offsetSample(1_000, 1_200, iso(5_100))).toBe(4_000);
    // A device ahead of the server gives a negative offset.
    expect(offsetSample(10_000, 10_400, iso(7_200))).toBe(-3_000);
  });

  it('[C-K1] ignores a missing or unreadable header and an impossible round trip', () => {
    expect(offsetSample(1_000, 1_200, null)).toBeNull();
    expect(offsetSample(1_000, 1_200, 'yesterday')).toBeNull();
    expect(offsetSample(1_200, 1_000, iso(5_000))).toBeNull();
  });

  it('[C-K1] smooths with the median, so one delayed answer does not move it', () => {
    const t = createClockOffsetTracker();
    expect(t.value()).toBe(0);
    t.add(4_000);
    t.add(4_020);
    expect(t.add(9_000)).toBe(4_020);
    expect(t.add(3_990)).toBe(4_010);
  });

  it('[C-K1] forgets samples older than the window, following real drift', () => {
    const t = createClockOffsetTracker();
    for (let i = 0; i < OFFSET_WINDOW; i++) t.add(1_000);
    for (let i = 0; i < OFFSET_WINDOW; i++) t.add(2_000);
    expect(t.value()).toBe(2_000);
    expect(t.sampleCount()).toBe(OFFSET_WINDOW);
  });
});
