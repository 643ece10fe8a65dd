import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  HLC_ZERO,
  MAX_DRIFT_MS,
  MAX_HLC_COUNTER,
  compareHlc,
  createHlc,
  currentStamp,
  formatHlc,
  isHlc,
  maxHlc,
  parseHlc,
  receive,
  tick,
  type HlcState,
} from './hlc.ts';

const T0 = 1_790_000_000_000; // 2026-09-21, a plain date in the app's life time

describe('string form', () => {
  it('is zero-padded wall:counter:node and parses back', () => {
    const s = formatHlc({ wallMs: T0, counter: 7, nodeId: 'tab-1' });
    expect(s).toBe('001790000000000:000007:tab-1');
    expect(parseHlc(s)).toEqual({ wallMs: T0, counter: 7, nodeId: 'tab-1' });
    expect(isHlc(s)).toBe(true);
  });

  it('keeps node ids that contain colons intact', () => {
    expect(parseHlc(formatHlc({ wallMs: 1, counter: 2, nodeId: 'a:b:c' })).nodeId).toBe('a:b:c');
  });

  it('refuses strings that are not stamps', () => {
    expect(() => parseHlc('12:3:x')).toThrow(TypeError);
    expect(() => parseHlc('')).toThrow(TypeError);
    expect(isHlc('001790000000000-000007-x')).toBe(false);
  });

  it('HLC_ZERO sorts before any stamp a clock issues', () => {
    const { stamp } = tick(createHlc('a'), 0);
    expect(compareHlc(HLC_ZERO, stamp)).toBe(-1);
  });

  it('string order equals (wall, counter, node) order', () => {
    const part = fc.record({
      wallMs: fc.integer({ min: 0, max: 10 ** 15 - 1 }),
      counter: fc.integer({ min: 0, max: MAX_HLC_COUNTER }),
      nodeId: fc.string({ minLength: 1, maxLength: 8 }),
    });
    fc.assert(
      fc.property(part, part, (a, b) => {
        const tuple = a.wallMs - b.wallMs || a.counter - b.counter || (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0);
        expect(compareHlc(formatHlc(a), formatHlc(b))).toBe(Math.sign(tuple));
      }),
    );
  });
});

describe('tick', () => {
  it('follows the wall clock when it moves forward', () => {
    const a = tick(createHlc('tab'), T0);
    expect(a.stamp).toBe(formatHlc({ wallMs: T0, counter: 0, nodeId: 'tab' }));
    const b = tick(a.state, T0 + 5);
    expect(parseHlc(b.stamp)).toEqual({ wallMs: T0 + 5, counter: 0, nodeId: 'tab' });
  });

  it('counts up when the wall clock stands still or goes backwards (NTP step back)', () => {
    const a = tick(createHlc('tab'), T0);
    const b = tick(a.state, T0);
    const c = tick(b.state, T0 - 60_000);
    expect(parseHlc(b.stamp).counter).toBe(1);
    expect(parseHlc(c.stamp)).toEqual({ wallMs: T0, counter: 2, nodeId: 'tab' });
  });

  it('borrows the next millisecond when the counter would overflow', () => {
    const full: HlcState = { nodeId: 'tab', wallMs: T0, counter: MAX_HLC_COUNTER };
    const next = tick(full, T0);
    expect(parseHlc(next.stamp)).toEqual({ wallMs: T0 + 1, counter: 0, nodeId: 'tab' });
    expect(next.stamp > currentStamp(full)).toBe(true);
  });

  it('refuses a now that is not a time', () => {
    expect(() => tick(createHlc('x'), Number.NaN)).toThrow(RangeError);
    expect(() => tick(createHlc('x'), -1)).toThrow(RangeError);
    expect(() => createHlc('')).toThrow(TypeError);
  });

  it('is strictly monotonic for any sequence of clock readings', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: T0 - 10_000, max: T0 + 10_000 }), { minLength: 1, maxLength: 60 }), (nows) => {
        let state = createHlc('tab');
        let last = HLC_ZERO;
        for (const now of nows) {
          const r = tick(state, now);
          expect(compareHlc(last, r.stamp)).toBe(-1);
          last = r.stamp;
          state = r.state;
        }
      }),
    );
  });
});

describe('receive', () => {
  it('orders the next local stamp after a remote stamp that is ahead', () => {
    const local = tick(createHlc('a'), T0).state;
    const remote = formatHlc({ wallMs: T0 + 2_000, counter: 4, nodeId: 'b' });
    const r = receive(local, remote, T0);
    expect(r.skewed).toBe(false);
    expect(parseHlc(r.stamp)).toEqual({ wallMs: T0 + 2_000, counter: 5, nodeId: 'a' });
    expect(tick(r.state, T0 + 1).stamp > remote).toBe(true);
  });

  it('uses the wall clock when it is ahead of both', () => {
    const r = receive(createHlc('a'), formatHlc({ wallMs: T0, counter: 9, nodeId: 'b' }), T0 + 10);
    expect(parseHlc(r.stamp)).toEqual({ wallMs: T0 + 10, counter: 0, nodeId: 'a' });
  });

  it('takes the larger counter when local and remote share the wall time', () => {
    const local: HlcState = { nodeId: 'a', wallMs: T0, counter: 3 };
    const r = receive(local, formatHlc({ wallMs: T0, counter: 8, nodeId: 'b' }), T0);
    expect(parseHlc(r.stamp).counter).toBe(9);
  });

  it(`does not follow a stamp more than ${MAX_DRIFT_MS} ms ahead, but still moves forward`, () => {
    const local = tick(createHlc('a'), T0).state;
    const wrongClock = formatHlc({ wallMs: T0 + 365 * 86_400_000, counter: 0, nodeId: 'bad-tablet' });
    const r = receive(local, wrongClock, T0 + 1);
    expect(r.skewed).toBe(true);
    expect(parseHlc(r.stamp).wallMs).toBe(T0 + 1);
    expect(r.stamp > currentStamp(local)).toBe(true);
    // Exactly at the limit is still accepted.
    const edge = receive(local, formatHlc({ wallMs: T0 + MAX_DRIFT_MS, counter: 0, nodeId: 'b' }), T0);
    expect(edge.skewed).toBe(false);
    expect(parseHlc(edge.stamp).wallMs).toBe(T0 + MAX_DRIFT_MS);
  });

  it('refuses a malformed remote stamp', () => {
    expect(() => receive(createHlc('a'), 'garbage', T0)).toThrow(TypeError);
  });

  const event = fc.oneof(
    fc.record({ kind: fc.constant('tick' as const), now: fc.integer({ min: T0 - 5_000, max: T0 + 5_000 }) }),
    fc.record({
      kind: fc.constant('receive' as const),
      now: fc.integer({ min: T0 - 5_000, max: T0 + 5_000 }),
      remoteWall: fc.integer({ min: T0 - 10_000, max: T0 + MAX_DRIFT_MS + 10_000 }),
      remoteCounter: fc.integer({ min: 0, max: 50 }),
    }),
  );

  it('never goes backwards, and orders after every accepted remote stamp', () => {
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 60 }), (events) => {
        let state = createHlc('me');
        let last = HLC_ZERO;
        for (const e of events) {
          if (e.kind === 'tick') {
            const r = tick(state, e.now);
            expect(r.stamp > last).toBe(true);
            state = r.state;
            last = r.stamp;
          } else {
            const remote = formatHlc({ wallMs: e.remoteWall, counter: e.remoteCounter, nodeId: 'other' });
            const r = receive(state, remote, e.now);
            expect(r.stamp > last).toBe(true);
            expect(r.skewed).toBe(e.remoteWall > e.now + MAX_DRIFT_MS);
            if (!r.skewed) {
              const got = parseHlc(r.stamp);
              const after = got.wallMs > e.remoteWall || (got.wallMs === e.remoteWall && got.counter > e.remoteCounter);
              expect(after).toBe(true);
            }
            state = r.state;
            last = r.stamp;
          }
        }
      }),
    );
  });

  it('gives a total order across devices: distinct nodes never issue equal stamps', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: T0, max: T0 + 3 }), { minLength: 2, maxLength: 30 }), (nows) => {
        let a = createHlc('a');
        let b = createHlc('b');
        const stamps: string[] = [];
        nows.forEach((now, i) => {
          if (i % 2 === 0) {
            const r = tick(a, now);
            a = r.state;
            stamps.push(r.stamp);
            b = receive(b, r.stamp, now).state;
          } else {
            const r = tick(b, now);
            b = r.state;
            stamps.push(r.stamp);
          }
        });
        expect(new Set(stamps).size).toBe(stamps.length);
        const sorted = [...stamps].sort(compareHlc);
        for (let i = 1; i < sorted.length; i++) expect(compareHlc(sorted[i - 1] ?? '', sorted[i] ?? '')).toBe(-1);
        expect(maxHlc(sorted[0] ?? '', sorted[sorted.length - 1] ?? '')).toBe(sorted[sorted.length - 1]);
      }),
    );
  });
});
