import { describe, expect, it } from 'vitest';
import { boardFreshness, staleSinceLabel } from './staleness.ts';

const now = Date.parse('2026-03-20T14:00:00Z');
const MIN = 60_000;

describe('boardFreshness', () => {
  it('is fresh up to and including the plant-set time, stale after', () => {
    expect(boardFreshness(now - 5 * MIN, now, 5 * MIN)).toEqual({ stale: false, since: now - 5 * MIN, forMs: 5 * MIN });
    expect(boardFreshness(now - 5 * MIN - 1, now, 5 * MIN)).toEqual({ stale: true, since: now - 5 * MIN - 1, forMs: 5 * MIN + 1 });
  });

  it('is stale from the start when the server was never reached', () => {
    expect(boardFreshness(null, now, 5 * MIN)).toEqual({ stale: true, since: null, forMs: 0 });
  });

  it('takes a contact time in the future (clock stepped back) as just now', () => {
    expect(boardFreshness(now + 10 * MIN, now, 5 * MIN)).toEqual({ stale: false, since: now + 10 * MIN, forMs: 0 });
  });
});

describe('staleSinceLabel', () => {
  it('says the plant wall-clock time when it is the same day', () => {
    // 13:32 UTC is 14:32 in Berlin (CET) and 08:32 in Chicago (CDT).
    const since = Date.parse('2026-03-20T13:32:00Z');
    expect(staleSinceLabel(since, now, 'Europe/Berlin')).toBe('14:32');
    expect(staleSinceLabel(since, now, 'America/Chicago')).toBe('08:32');
  });

  it('adds the date when the contact was on an earlier day in the plant', () => {
    // 22:10 on the 19th in Chicago is already the 20th in UTC.
    const since = Date.parse('2026-03-20T03:10:00Z');
    expect(staleSinceLabel(since, now, 'America/Chicago')).toBe('2026-03-19 22:10');
    expect(staleSinceLabel(since, now, 'Europe/Berlin')).toBe('04:10');
  });
});
