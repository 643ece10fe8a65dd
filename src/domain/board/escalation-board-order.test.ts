import { describe, expect, it } from 'vitest';
import { DEFAULT_TIER_LADDER } from '../escalation/escalation-timers.ts';
import type { Escalation, EscalationEvent, EscalationEventType, Severity } from '../escalation/escalation-types.ts';
import { boardEscalation, escalationBoard } from './escalation-board-order.ts';

const T0 = Date.parse('2026-03-20T08:00:00Z');
const MIN = 60_000;
const ladder = DEFAULT_TIER_LADDER; // line lead 0, area 30 min, plant head 60 min, plant manager 240 min

function esc(id: string, severity: Severity, raisedMinutesAfterT0: number): Escalation {
  return {
    id, plantId: 'plant-1', lineId: 'line-1', category: 'machine', severity, description: id, photo: '',
    raisedBy: 'person-lead', raisedAt: new Date(T0 + raisedMinutesAfterT0 * MIN).toISOString(), deviceId: 'device-1', receivedAt: '',
  };
}

function ev(escalationId: string, type: EscalationEventType, minutesAfterT0: number, over: Partial<EscalationEvent> = {}): EscalationEvent {
  return {
    id: `${escalationId}-${type}-${minutesAfterT0}`, escalationId, plantId: 'plant-1', type, at: new Date(T0 + minutesAfterT0 * MIN).toISOString(),
    personId: 'person-maint', deviceId: 'device-2', tier: 0, toPersonId: '', comment: '', whys: [], rootCause: '', action: '', receivedAt: '',
    ...over,
  };
}

describe('escalationBoard', () => {
  it('sorts by severity, then oldest first, and leaves resolved and closed ones off', () => {
    const escalations = [esc('low-old', 'low', 0), esc('crit-new', 'critical', 50), esc('crit-old', 'critical', 10), esc('high', 'high', 20), esc('done', 'critical', 0)];
    const events = [ev('done', 'acknowledged', 1), ev('done', 'resolved', 5, { whys: ['w'], rootCause: 'r', action: 'a' })];
    const board = escalationBoard(escalations, events, ladder, T0 + 55 * MIN);
    expect(board.map((b) => b.escalation.id)).toEqual(['crit-old', 'crit-new', 'high', 'low-old']);
    expect(board.map((b) => b.ageMs / MIN)).toEqual([45, 5, 35, 55]);
  });

  it('climbs the ladder while nobody answers, even without timer events, and flags it overdue', () => {
    const e = esc('e', 'high', 0);
    const at = (min: number) => boardEscalation(e, [], ladder, T0 + min * MIN);
    expect(at(29)).toMatchObject({ tier: 1, tierLabel: 'line lead', overdue: false, nextTierAtMs: T0 + 30 * MIN, ownerId: '' });
    expect(at(30)).toMatchObject({ tier: 2, tierLabel: 'area / maintenance', overdue: true, overdueByMs: 0, nextTierAtMs: T0 + 60 * MIN });
    expect(at(70)).toMatchObject({ tier: 3, tierRole: 'plant_head', overdue: true, overdueByMs: 40 * MIN });
    expect(at(300)).toMatchObject({ tier: 4, nextTierAtMs: null });
    expect(at(70)?.acknowledge).toEqual({ ms: 70 * MIN, running: true });
  });

  it('stops the climb and the overdue flag once acknowledged, and names the owner', () => {
    const e = esc('e', 'medium', 0);
    const item = boardEscalation(e, [ev('e', 'acknowledged', 12, { personId: 'person-kim' })], ladder, T0 + 120 * MIN);
    expect(item).toMatchObject({ state: 'acknowledged', tier: 1, overdue: false, nextTierAtMs: null, ownerId: 'person-kim' });
    expect(item?.acknowledge).toEqual({ ms: 12 * MIN, running: false });
    const moved = boardEscalation(e, [ev('e', 'acknowledged', 12), ev('e', 'reassigned', 20, { toPersonId: 'person-lee' })], ladder, T0 + 120 * MIN);
    expect(moved?.ownerId).toBe('person-lee');
  });

  it('shows a contained escalation as still open, and a reopened one again, ranked by its first raise', () => {
    const contained = boardEscalation(esc('c', 'low', 0), [ev('c', 'contained', 5)], ladder, T0 + 10 * MIN);
    expect(contained?.state).toBe('contained');
    const events = [
      ev('r', 'acknowledged', 1),
      ev('r', 'resolved', 5, { whys: ['w'], rootCause: 'r', action: 'a' }),
      ev('r', 'reopened', 100, { personId: 'person-lead' }),
    ];
    const reopened = boardEscalation(esc('r', 'low', 0), events, ladder, T0 + 110 * MIN);
    expect(reopened).toMatchObject({ state: 'open', ageMs: 110 * MIN, overdue: false });
  });
});
