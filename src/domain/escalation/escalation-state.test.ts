import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedTransitions, deriveEscalation, tierEventId, validateEvent, SYSTEM_PERSON_ID, type EscalationView } from './escalation-state.ts';
import { DEFAULT_TIER_LADDER, autoEscalationEvents } from './escalation-timers.ts';
import type { Escalation, EscalationEvent, EscalationEventType } from './escalation-types.ts';
import type { Role } from '../people/people-types.ts';

const T0 = Date.parse('2026-03-02T08:00:00.000Z');
const MIN = 60_000;
const at = (min: number): string => new Date(T0 + min * MIN).toISOString();
const ladder = [...DEFAULT_TIER_LADDER];

const header: Escalation = {
  id: 'ESC1', plantId: 'p1', lineId: 'l1', category: 'machine', severity: 'high',
  description: 'Press 2 stops every few cycles', photo: '', raisedBy: 'op-1', raisedAt: at(0), deviceId: 'dev-a', receivedAt: '',
};

let seq = 0;
function ev(type: EscalationEventType, min: number, extra: Partial<EscalationEvent> = {}): EscalationEvent {
  seq += 1;
  return {
    id: `E${String(seq).padStart(4, '0')}`, escalationId: 'ESC1', plantId: 'p1', type, at: at(min), personId: 'lead-1', deviceId: 'dev-a',
    tier: 0, toPersonId: '', comment: '', whys: [], rootCause: '', action: '', receivedAt: '', ...extra,
  };
}
const resolution = { whys: ['Sensor dirty'], rootCause: 'No cleaning step in the TPM plan', action: 'Cleaned, added to TPM' };
const system = (tier: number, min: number, round = 0): EscalationEvent =>
  ev('escalated', min, { id: tierEventId('ESC1', round, tier), personId: SYSTEM_PERSON_ID, deviceId: '', tier });

const derive = (events: EscalationEvent[]): EscalationView => deriveEscalation(header, events, ladder);

describe('deriveEscalation: the standard flow', () => {
  it('starts open at tier 1 with nobody owning it', () => {
    const v = derive([]);
    expect([v.state, v.tier, v.ownerId, v.acknowledgedAt, v.timeToAcknowledgeMs]).toEqual(['open', 1, '', null, null]);
  });

  it('walks acknowledged -> contained -> resolved -> closed with every time and the root cause', () => {
    const v = derive([
      ev('acknowledged', 4, { personId: 'resp-1' }),
      ev('contained', 10, { personId: 'resp-1' }),
      ev('resolved', 50, { personId: 'resp-1', ...resolution }),
      ev('closed', 90, { personId: 'sup-1' }),
    ]);
    expect(v.state).toBe('closed');
    expect(v.ownerId).toBe('resp-1');
    expect([v.acknowledgedAt, v.containedAt, v.resolvedAt, v.closedAt]).toEqual([at(4), at(10), at(50), at(90)]);
    expect(v.timeToAcknowledgeMs).toBe(4 * MIN);
    expect(v.rootCause).toEqual({ ...resolution, resolvedBy: 'resp-1', resolvedAt: at(50) });
    expect(v.ignored).toEqual({});
  });

  it('resolving an open escalation acknowledges it too, so the tier clock stops', () => {
    const v = derive([ev('resolved', 3, { personId: 'lead-2', ...resolution })]);
    expect([v.state, v.acknowledgedAt, v.ownerId, v.timeToAcknowledgeMs]).toEqual(['resolved', at(3), 'lead-2', 3 * MIN]);
  });

  it('reassigning moves the owner, not the state', () => {
    const v = derive([ev('acknowledged', 2), ev('reassigned', 5, { toPersonId: 'maint-7' })]);
    expect([v.state, v.ownerId]).toEqual(['acknowledged', 'maint-7']);
  });

  it('reopen goes back to open: clock restarts, tier stays, earlier round cleared from the view, kept in the timeline', () => {
    const v = derive([
      system(2, 30),
      ev('acknowledged', 35, { personId: 'resp-1' }),
      ev('resolved', 60, { personId: 'resp-1', ...resolution }),
      ev('closed', 70, { personId: 'sup-1' }),
      ev('reopened', 120, { personId: 'sup-1', comment: 'Stopped again' }),
    ]);
    expect([v.state, v.tier, v.roundStartTier, v.reopenCount, v.clockStartAt]).toEqual(['open', 2, 2, 1, at(120)]);
    expect([v.acknowledgedAt, v.resolvedAt, v.closedAt, v.rootCause, v.timeToAcknowledgeMs]).toEqual([null, null, null, null, null]);
    expect(v.firstAcknowledgedAt).toBe(at(35));
    expect(v.ownerId).toBe('resp-1');
    expect(v.timeline).toHaveLength(5);
  });
});

describe('deriveEscalation: events from several devices', () => {
  it('keeps an offline device\'s late acknowledgement after the close in the timeline, but it changes nothing', () => {
    const close = [ev('acknowledged', 1), ev('resolved', 5, resolution), ev('closed', 9, { personId: 'sup-1' })];
    const late = ev('acknowledged', 12, { personId: 'resp-9', deviceId: 'dev-offline' });
    const v = derive([...close, late]);
    expect(v.state).toBe('closed');
    expect(v.ownerId).toBe('lead-1');
    expect(v.timeline.map((e) => e.id)).toContain(late.id);
    expect(v.ignored[late.id]).toMatch(/closed/);
  });

  it('collapses two escalations to the same tier to the earliest, and a re-sent id to one', () => {
    const manual = ev('escalated', 20, { tier: 2, id: 'M-late-id' });
    const sys = system(2, 30);
    const v = derive([sys, manual, { ...sys }, ev('escalated', 25, { tier: 2, personId: 'lead-2' })]);
    const escalations = v.timeline.filter((e) => e.type === 'escalated');
    expect(escalations.map((e) => e.id)).toEqual(['M-late-id']);
    expect(v.tier).toBe(2);
  });

  it('a tier timer event that arrives after an acknowledgement does not move the escalation', () => {
    const sys = system(2, 30);
    const v = derive([sys, ev('acknowledged', 20, { personId: 'resp-1' })]);
    expect([v.state, v.tier]).toEqual(['acknowledged', 1]);
    expect(v.ignored[sys.id]).toMatch(/stops the ladder/);
  });

  it('a timer event of the first round cannot move a reopened escalation', () => {
    const stale = system(4, 240);
    const v = derive([ev('acknowledged', 5), ev('resolved', 10, resolution), ev('reopened', 100, { personId: 'sup-1' }), stale]);
    expect([v.state, v.tier]).toEqual(['open', 1]);
    expect(v.ignored[stale.id]).toMatch(/another round/);
  });

  it('a resolver cannot close their own fix through a merge: the close by the person whose resolution counts is ignored', () => {
    // Supervisor resolves on offline tablet B at 20; responder resolves on tablet A at 25; the supervisor closes on A at 30
    // (A's view said the responder resolved). Merged, the supervisor's resolution counts (earlier), so the close is theirs.
    const base = [ev('acknowledged', 1, { personId: 'resp-1' })];
    const onB = ev('resolved', 20, { personId: 'sup-1', deviceId: 'dev-b', ...resolution });
    const onA = ev('resolved', 25, { personId: 'resp-1', ...resolution });
    const close = ev('closed', 30, { personId: 'sup-1' });
    const v = derive([...base, close, onA, onB]);
    expect([v.state, v.rootCause?.resolvedBy, v.closedAt]).toEqual(['resolved', 'sup-1', null]);
    expect(v.ignored[close.id]).toMatch(/resolution counts/);
    // Another person verifies it: now it closes.
    const verified = derive([...base, close, onA, onB, ev('closed', 40, { personId: 'ph-1' })]);
    expect([verified.state, verified.closedAt]).toEqual(['closed', at(40)]);
  });

  it('an edited ladder does not take back a tier the timer reached, and a timer step dated before its round is ignored', () => {
    // Tier 2 was written for 08:30 under a 30-minute ladder; the admin then moves tier 2 to 45 minutes.
    const longer = ladder.map((s) => (s.tier === 2 ? { ...s, afterMinutes: 45 } : s));
    const step = system(2, 30);
    const v = deriveEscalation(header, [step], longer);
    expect([v.state, v.tier, v.ignored]).toEqual(['open', 2, {}]);
    // So at 08:45 the timer has nothing to write (it could not: the id is taken).
    expect(autoEscalationEvents(v, longer, T0 + 45 * MIN)).toEqual([]);
    // Tier 4 removed from the ladder: reached stays reached.
    const reachedTop = derive([system(2, 30), system(3, 60), system(4, 240)]);
    expect(deriveEscalation(header, reachedTop.timeline, ladder.slice(0, 3)).tier).toBe(4);
    const beforeRaise = system(3, -5);
    expect(derive([beforeRaise]).ignored[beforeRaise.id]).toMatch(/before this round began/);
  });

  it('ignores events of other escalations and never throws on odd ones', () => {
    const other = { ...ev('closed', 3), escalationId: 'OTHER' };
    const bad = { ...ev('acknowledged', 4), at: 'yesterday' };
    const unknown = { ...ev('commented', 5), type: 'exploded' as EscalationEventType };
    const v = derive([other, bad, unknown]);
    expect(v.state).toBe('open');
    expect(v.timeline.map((e) => e.id)).toEqual([unknown.id, bad.id]);
    expect(Object.keys(v.ignored).sort()).toEqual([bad.id, unknown.id].sort());
  });

  it('is the same view whatever order the events arrive in (property)', () => {
    const types: EscalationEventType[] = ['acknowledged', 'escalated', 'reassigned', 'commented', 'contained', 'resolved', 'closed', 'reopened'];
    const eventArb = fc.record({
      type: fc.constantFrom(...types),
      min: fc.integer({ min: 0, max: 300 }),
      tier: fc.integer({ min: 1, max: 5 }),
      system: fc.boolean(),
      person: fc.constantFrom('lead-1', 'resp-1', 'sup-1'),
      idn: fc.integer({ min: 0, max: 40 }),
    }).map((r) => ev(r.type, r.min, {
      id: r.system && r.type === 'escalated' ? tierEventId('ESC1', 0, r.tier) : `X${r.idn}-${r.type}-${r.min}`,
      personId: r.system && r.type === 'escalated' ? SYSTEM_PERSON_ID : r.person, tier: r.tier, toPersonId: 'maint-1', ...resolution,
    }));
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 25 }).chain((events) => fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }))), ([events, shuffled]) => {
        // Duplicated deliveries too: a device re-sending what it sent before.
        expect(derive([...shuffled, ...shuffled.slice(0, 3)])).toEqual(derive(events));
      }),
      { numRuns: 300 },
    );
  });
});

describe('allowedTransitions and validateEvent', () => {
  const open = derive([]);
  const resolved = derive([ev('acknowledged', 1, { personId: 'resp-1' }), ev('resolved', 5, { personId: 'resp-1', ...resolution })]);
  const closed = derive([...resolved.timeline, ev('closed', 8, { personId: 'sup-1' })]);

  const table: [string, EscalationView, Role, EscalationEventType[]][] = [
    ['open, shift lead', open, 'shift_lead', ['acknowledged', 'escalated', 'reassigned', 'commented', 'contained', 'resolved']],
    ['open, operator', open, 'operator', ['escalated', 'commented']],
    ['resolved, supervisor', resolved, 'supervisor', ['commented', 'closed', 'reopened']],
    ['resolved, responder', resolved, 'responder', ['commented']],
    ['closed, plant head', closed, 'plant_head', ['commented', 'reopened']],
    ['closed, enterprise leader', closed, 'enterprise_leader', ['commented']],
  ];
  it.each(table)('%s', (_name, view, role, expected) => {
    expect(allowedTransitions(view, role)).toEqual(expected);
  });

  it('offers no escalation at the top of the ladder', () => {
    const top = derive([ev('escalated', 1, { tier: 4 })]);
    expect(allowedTransitions(top, 'shift_lead')).not.toContain('escalated');
  });

  it('does not offer closing to the person who resolved it', () => {
    expect(allowedTransitions(resolved, { role: 'supervisor', plantId: 'p1', personId: 'resp-1' })).not.toContain('closed');
    expect(validateEvent(resolved, ev('closed', 9, { personId: 'resp-1' }), 'supervisor')).toMatch(/cannot also verify/);
  });

  it('refuses with a clear message what the role, plant, state or content do not allow', () => {
    expect(validateEvent(open, ev('closed', 3, { personId: 'op-1' }), 'operator')).toMatch(/operator cannot verify and close/i);
    expect(validateEvent(open, ev('acknowledged', 3), { role: 'shift_lead', plantId: 'p2' })).toMatch(/plant p2/);
    expect(validateEvent(closed, ev('acknowledged', 9), 'shift_lead')).toMatch(/closed; it cannot be acknowledged/);
    expect(validateEvent(open, ev('resolved', 3, { whys: [], rootCause: 'x', action: 'y' }), 'shift_lead')).toMatch(/why/);
    expect(validateEvent(open, ev('resolved', 3, { ...resolution, action: ' ' }), 'shift_lead')).toMatch(/action taken/);
    expect(validateEvent(open, ev('escalated', 3, { tier: 9 }), 'shift_lead')).toMatch(/not on this plant's ladder/);
    expect(validateEvent(open, { ...ev('commented', 3), escalationId: 'X' }, 'shift_lead')).toMatch(/another escalation/);
    expect(validateEvent(open, ev('acknowledged', 3), 'shift_lead')).toBeNull();
  });

  it('in sync mode accepts a late event the state no longer allows (the fold decides), but still checks the role', () => {
    const late = ev('acknowledged', 12, { personId: 'resp-9' });
    expect(validateEvent(closed, late, 'responder', { mode: 'sync' })).toBeNull();
    expect(validateEvent(closed, late, 'operator', { mode: 'sync' })).toMatch(/cannot acknowledge/);
  });

  it('accepts a tier timer event only with its deterministic id, no device and not before its due time', () => {
    expect(validateEvent(open, system(2, 30), 'operator', { mode: 'sync' })).toBeNull();
    expect(validateEvent(open, system(2, 30, 3), 'operator', { mode: 'sync' })).toBeNull();
    expect(validateEvent(open, { ...system(2, 30), id: 'RANDOM' }, 'operator', { mode: 'sync' })).toMatch(/must have the id ESC1:tier:2/);
    expect(validateEvent(open, { ...system(2, 30), deviceId: 'dev-a' }, 'operator', { mode: 'sync' })).toMatch(/names no device/);
    expect(validateEvent(open, system(2, 29), 'operator', { mode: 'sync' })).toMatch(/not due before/);
    expect(validateEvent(open, { ...ev('closed', 3), personId: SYSTEM_PERSON_ID }, 'supervisor')).toMatch(/only moves escalations up/);
  });
});
