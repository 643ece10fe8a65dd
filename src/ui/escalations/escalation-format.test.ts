import { describe, expect, it } from 'vitest';
import { formatDuration, formatPlantMoment } from './escalation-format.ts';

describe('escalation timers and moments', () => {
  it('formats running timers as m:ss and h:mm:ss, never negative', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(7_999)).toBe('0:07');
    expect(formatDuration(754_000)).toBe('12:34');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
    expect(formatDuration(27 * 3_600_000)).toBe('27:00:00');
    expect(formatDuration(-5_000)).toBe('0:00');
  });

  it("shows moments on the plant's clock, with the date when it is another day there", () => {
    const now = Date.UTC(2026, 10, 20, 9, 0);
    expect(formatPlantMoment('2026-11-20T08:32:00.000Z', now, 'en-GB', 'Europe/Berlin')).toBe('09:32');
    // 08:32 UTC is 02:32 in Chicago, the same plant day as 03:00 there; 04:00 UTC is still the day before.
    expect(formatPlantMoment('2026-11-20T08:32:00.000Z', now, 'en-US', 'America/Chicago')).toBe('02:32 AM');
    expect(formatPlantMoment('2026-11-20T04:00:00.000Z', now, 'en-US', 'America/Chicago')).toBe('Nov 19, 10:00 PM');
    expect(formatPlantMoment('2026-11-19T21:05:00.000Z', now, 'de-DE', 'Europe/Berlin')).toBe('19. Nov., 22:05');
  });
});
