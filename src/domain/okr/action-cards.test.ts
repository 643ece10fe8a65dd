/** Issue 12, item 7: Kanban cards move by tap, keep their first due date, and are born from check-ins and escalations. */
import { describe, expect, it } from 'vitest';
import { sampleRecord } from '../records/testing/sample-records.ts';
import { cardFromCheckIn, cardFromEscalation, isCardLate, moveCard, moveDue, nextLane } from './action-cards.ts';
import type { ImprovementAction } from './okr-types.ts';

const card = (over: Partial<ImprovementAction> = {}): ImprovementAction => {
  const { originalDue: _o, ...rest } = sampleRecord('improvement_actions');
  return { ...rest, status: 'backlog', due: '2026-12-05', ...over };
};

describe('Kanban cards', () => {
  it('a tap moves a card to the next lane along backlog, to do, doing, verify, done; done and dropped stay', () => {
    const lanes = ['backlog', 'todo', 'doing', 'verify', 'done'] as const;
    for (let i = 0; i < lanes.length - 1; i++) expect(nextLane(lanes[i] as never)).toBe(lanes[i + 1]);
    expect(nextLane('done')).toBe('done');
    expect(nextLane('dropped')).toBe('dropped');
    expect(moveCard(card(), 'dropped').status).toBe('dropped');
  });

  it('a due date that moves keeps the first one', () => {
    const once = moveDue(card(), '2026-12-12');
    expect([once.due, once.originalDue]).toEqual(['2026-12-12', '2026-12-05']);
    const twice = moveDue(once, '2026-12-19');
    expect([twice.due, twice.originalDue]).toEqual(['2026-12-19', '2026-12-05']);
    expect(moveDue(card({ due: '' }), '2026-12-12').originalDue).toBeUndefined();
  });

  it('a card past due that is not done is late', () => {
    expect(isCardLate(card(), '2026-12-06')).toBe(true);
    expect(isCardLate(card({ status: 'done' }), '2026-12-06')).toBe(false);
    expect(isCardLate(card(), '2026-12-05')).toBe(false);
  });

  it('is made from a low-confidence check-in\'s next action, linked to its key result', () => {
    const checkIn = { ...sampleRecord('kr_checkins'), confidence: 0.3, blocker: 'No die carts', nextAction: 'Borrow two die carts from PR1' };
    expect(cardFromCheckIn(checkIn, 'card-1', 'person-9', '2026-12-12')).toMatchObject({ title: 'Borrow two die carts from PR1', keyResultId: 'kr-1', status: 'todo', notedBy: 'person-3' });
    expect(cardFromCheckIn({ ...checkIn, confidence: 0.6 }, 'card-1', 'person-9', '2026-12-12')).toBeNull();
  });

  it('is made from an escalation\'s corrective action in one tap, linked to the escalation', () => {
    expect(cardFromEscalation({ id: 'esc-1', plantId: 'p1' }, ' Reroute the sensor cable ', 'card-2', 'person-4', 'person-5', '2026-12-10')).toMatchObject({ title: 'Reroute the sensor cable', escalationId: 'esc-1', plantId: 'p1' });
  });
});
