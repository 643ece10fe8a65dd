import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveEscalation, raiseClockStart, validateEvent, type EscalationView } from './escalation-state.ts';
import {
  DEFAULT_TIER_LADDER,
  acknowledgeDeadline,
  autoEscalationEvents,
  currentStep,
  nextEscalationAt,
  overdue,
  tierDue,
  timeSinceRaised,
  timeToAcknowledge,
  validateTierLadder,
} from './escalation-timers.ts';
import type { Escalation, EscalationEvent, EscalationEventType } from './escalation-types.ts';

const T0 = Date.parse('2026-03-02T22:10:00.000Z');
const MIN = 60_000;
const ms = (min: number): number => T0 + min * MIN;
const at = (min: number): string => new Date(ms(min)).toISOString();
const ladder = [...DEFAULT_TIER_LADDER];

const header: Escalation = {
  id: 'ESC9', plantId: 'p1', lineId: 'l1', category: 'quality', severity: 'medium',
  description: 'Burr on part 4711', photo: '', raisedBy: 'op-1', raisedAt: at(0), deviceId: 'dev-a', receivedAt: '',
};
function ev(type: EscalationEventType, min: number, extra: Partial<EscalationEvent> = {}): EscalationEvent {
  return {
    id: `${type}-${min}`, escalationId: 'ESC9', plantId: 'p1', type, at: at(min), personId: 'lead-1', deviceId: 'dev-b',
    tier: 0, toPersonId: '', comment: '', whys: ['w'], rootCause: 'r', action: 'a', receivedAt: '', ...extra,
  };
}
const derive = (events: EscalationEvent[]): EscalationView => deriveEscalation(header, events, ladder);

/** A device's loop: every minute, append what the ladder says is due, offline (its own copy only). */
function runOffline(events: EscalationEvent[], fromMin: number, toMin: number): EscalationEvent[] {
  const log = [...events];
  for (let m = fromMin; m <= toMin; m++) log.push(...autoEscalationEvents(derive(log), ladder, ms(m)));
  return log;
}

describe('tier ladder on time', () => {
  it('tierDue follows the default ladder: 1 at once, 2 at 30 min, 3 at 1 h, 4 at 4 h', () => {
    const v = derive([]);
    const cases: [number, number][] = [[0, 1], [29.99, 1], [30, 2], [59, 2], [60, 3], [239, 3], [240, 4], [10_000, 4]];
    for (const [min, tier] of cases) expect([min, tierDue(v, ladder, ms(min))]).toEqual([min, tier]);
  });

  it('an offline device moves the escalation up on time, stamping each step with its due time, not its own now', () => {
    const log = runOffline([], 0, 300);
    const steps = log.filter((e) => e.type === 'escalated');
    expect(steps.map((e) => [e.id, e.tier, e.at])).toEqual([
      ['ESC9:tier:2', 2, at(30)],
      ['ESC9:tier:3', 3, at(60)],
      ['ESC9:tier:4', 4, at(240)],
    ]);
    expect(derive(log).tier).toBe(4);
  });

  it('a device that wakes up late appends every missed tier at once, in order', () => {
    const events = autoEscalationEvents(derive([]), ladder, ms(75));
    expect(events.map((e) => e.tier)).toEqual([2, 3]);
    expect(events.every((e) => e.personId === 'system' && e.deviceId === '' && e.receivedAt === '')).toBe(true);
  });

  it('two devices create byte-identical tier events, so the server stores them once', () => {
    // Device A checks every minute; device B wakes up at odd moments. Neither sees the other.
    const a = runOffline([], 0, 250).filter((e) => e.type === 'escalated');
    const b = [...autoEscalationEvents(derive([]), ladder, ms(61)), ...autoEscalationEvents(derive([]), ladder, ms(241)).slice(2)];
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const merged = derive([...a, ...b]);
    expect(merged.timeline).toHaveLength(3);
  });

  it('property: whenever devices look, they agree on the events (same id means same content)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 6 }), fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 6 }), (looksA, looksB) => {
        const collect = (looks: number[]): Map<string, string> => {
          let log: EscalationEvent[] = [];
          for (const m of [...looks].sort((x, y) => x - y)) log = [...log, ...autoEscalationEvents(derive(log), ladder, ms(m))];
          return new Map(log.map((e) => [e.id, JSON.stringify(e)]));
        };
        const a = collect(looksA);
        const b = collect(looksB);
        for (const [id, content] of a) if (b.has(id)) expect(b.get(id)).toBe(content);
      }),
    );
  });

  it('acknowledgement stops the ladder', () => {
    const log = runOffline([ev('acknowledged', 12)], 0, 300);
    expect(log.filter((e) => e.type === 'escalated')).toEqual([]);
    const v = derive(log);
    expect([v.tier, nextEscalationAt(v, ladder), tierDue(v, ladder, ms(300))]).toEqual([1, null, 1]);
  });

  it('an acknowledgement made elsewhere while this device was offline wins over its tier steps when they reconcile', () => {
    const offline = runOffline([], 0, 90);
    const merged = derive([...offline, ev('acknowledged', 20, { personId: 'resp-1' })]);
    expect([merged.state, merged.tier]).toEqual(['acknowledged', 1]);
  });

  it('reopen restarts the clock from the reopen, keeps the tier reached, and uses new ids for the new round', () => {
    const first = runOffline([], 0, 35);
    const reopened = derive([...first, ev('acknowledged', 40), ev('resolved', 50), ev('reopened', 100, { personId: 'sup-1' })]);
    expect([reopened.tier, nextEscalationAt(reopened, ladder)]).toEqual([2, ms(100 + 60)]);
    const next = autoEscalationEvents(reopened, ladder, ms(170));
    expect(next.map((e) => [e.id, e.at])).toEqual([[`ESC9:reopen:${ms(100)}:tier:3`, at(160)]]);
    expect(derive([...reopened.timeline, ...next]).tier).toBe(3);
  });

  it('two tablets that each reopened offline write distinct tier steps, and every device folds them to the same state', () => {
    const resolved = [ev('acknowledged', 5), ev('resolved', 10)];
    // Tablet A reopens at 100, tablet B at 120; neither sees the other. Each runs its tier timer until 200.
    const onA = runOffline([...resolved, ev('reopened', 100, { personId: 'sup-1' })], 100, 200);
    const onB = runOffline([...resolved, ev('reopened', 120, { personId: 'sup-2' })], 120, 200);
    const contents = new Map<string, string>();
    for (const e of [...onA, ...onB]) {
      const copy = JSON.stringify(e);
      expect(contents.get(e.id) ?? copy, e.id).toBe(copy);
      contents.set(e.id, copy);
    }
    // The server keeps the first copy of an id it gets; whichever tablet pushes first, the fold is the same.
    const storeFirst = (...logs: EscalationEvent[][]): EscalationEvent[] => [...new Map(logs.flat().reverse().map((e) => [e.id, e])).values()];
    const answered = ev('acknowledged', 140, { personId: 'resp-1', deviceId: 'dev-c' });
    const aFirst = derive([...storeFirst(onA, onB), answered]);
    const bFirst = derive([...storeFirst(onB, onA), answered]);
    expect(bFirst).toEqual(aFirst);
    // A's earlier reopen counts: its tier 2 (due 130) came before the answer at 140.
    expect([aFirst.state, aFirst.tier, aFirst.clockStartAt]).toEqual(['acknowledged', 2, at(100)]);
  });
});

describe('timers for display', () => {
  it('time since raised and a running, then frozen, time to acknowledge', () => {
    const open = derive([]);
    expect(timeSinceRaised(open, ms(7))).toBe(7 * MIN);
    expect(timeToAcknowledge(open, ms(7))).toEqual({ ms: 7 * MIN, running: true });
    const acked = derive([ev('acknowledged', 9)]);
    expect(timeToAcknowledge(acked, ms(500))).toEqual({ ms: 9 * MIN, running: false });
    expect(timeSinceRaised(open, ms(-5))).toBe(0);
  });

  it('overdue once tier 1 let its window pass, and while it climbs; not once acknowledged', () => {
    const open = derive([]);
    expect(acknowledgeDeadline(open, ladder)).toBe(ms(30));
    expect(overdue(open, ladder, ms(29))).toEqual({ overdue: false, byMs: 0 });
    expect(overdue(open, ladder, ms(45))).toEqual({ overdue: true, byMs: 15 * MIN });
    const climbed = derive(runOffline([], 0, 70));
    expect(overdue(climbed, ladder, ms(70)).overdue).toBe(true);
    expect(overdue(derive([ev('acknowledged', 40)]), ladder, ms(70)).overdue).toBe(false);
  });

  it('names the step it is at', () => {
    expect(currentStep(derive(runOffline([], 0, 65)))?.label).toBe('plant head');
  });
});

describe('a raise stamped by a clock that runs ahead', () => {
  // A tablet 5 h fast that has not measured its offset yet stamps its raise 5 h in the future;
  // the server stored it at T0 (receivedAt).
  const fast: Escalation = { ...header, raisedAt: at(5 * 60), receivedAt: at(0) };

  it('[A13] the tier clock starts when the server stored the raise, if that was earlier than its stamp', () => {
    expect(raiseClockStart(fast)).toBe(at(0));
    expect(raiseClockStart(header)).toBe(at(0));
    // An honest raise sent an hour late keeps its own, earlier time.
    expect(raiseClockStart({ ...header, receivedAt: at(60) })).toBe(at(0));
    // Not yet stored (on the raising tablet): its own stamp.
    expect(raiseClockStart({ ...fast, receivedAt: '' })).toBe(at(5 * 60));
  });

  it('[A13] it still climbs, and shows overdue and its age, on time', () => {
    const view = deriveEscalation(fast, [], ladder);
    expect(tierDue(view, ladder, ms(31))).toBe(2);
    expect(autoEscalationEvents(view, ladder, ms(31)).map((e) => [e.tier, e.at])).toEqual([[2, at(30)]]);
    expect(overdue(view, ladder, ms(31)).overdue).toBe(true);
    expect(timeSinceRaised(view, ms(31))).toBe(31 * MIN);
  });

  it('[A13] a tier step dated past the receive time (plus 2 min) is refused; a person\'s step is kept whatever its time', () => {
    const view = deriveEscalation(header, [], ladder);
    // A tablet 5 h fast, one minute after the raise, believes every tier has fallen due.
    const steps = autoEscalationEvents(view, ladder, ms(5 * 60 + 1));
    expect(steps.map((e) => e.tier)).toEqual([2, 3, 4]);
    const who = { role: 'operator' as const, plantId: 'p1' };
    const device = { kind: 'tablet' as const, plantId: 'p1' };
    for (const step of steps) {
      expect(validateEvent(view, step, who, { mode: 'sync', device, receivedAtMs: ms(1) })).toBe(
        `This tier move is dated ${step.at}, later than the server's clock: the device's clock runs ahead. It is made again when the tier falls due.`,
      );
    }
    // Once the server's time has come, the very same step is stored.
    expect(validateEvent(view, steps[0]!, who, { mode: 'sync', device, receivedAtMs: ms(31) })).toBeNull();
    // Within the allowance (a measured offset is never perfect): stored.
    expect(validateEvent(view, steps[0]!, who, { mode: 'sync', device, receivedAtMs: ms(29) })).toBeNull();
    const comment = ev('commented', 5 * 60, { comment: 'clamp checked', personId: 'lead-1' });
    expect(validateEvent(view, comment, { role: 'shift_lead', plantId: 'p1', personId: 'lead-1' }, { mode: 'sync', device, receivedAtMs: ms(1) })).toBeNull();
  });
});

describe('validateTierLadder', () => {
  it.each([
    ['the default', [...DEFAULT_TIER_LADDER], null],
    ['empty', [], /at least one/],
    ['a gap', [{ tier: 1, label: 'a', role: 'shift_lead', afterMinutes: 0 }, { tier: 3, label: 'b', role: 'plant_head', afterMinutes: 30 }], /without gaps/],
    ['not later', [{ tier: 1, label: 'a', role: 'shift_lead', afterMinutes: 0 }, { tier: 2, label: 'b', role: 'plant_head', afterMinutes: 0 }], /must come later/],
    ['tier 1 late', [{ tier: 1, label: 'a', role: 'shift_lead', afterMinutes: 5 }], /at once/],
  ] as const)('%s', (_name, l, expected) => {
    const result = validateTierLadder(l);
    if (expected === null) expect(result).toBeNull();
    else expect(result).toMatch(expected);
  });
});
