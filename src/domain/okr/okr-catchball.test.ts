/** Issue 12, item 2: the catchball thread, read the same by the plant and the enterprise. */
import { describe, expect, it } from 'vitest';
import { sampleRecord } from '../records/testing/sample-records.ts';
import { catchballThread, fitsThread, stateAfter } from './okr-catchball.ts';
import type { KrCheckIn } from './okr-types.ts';

const step = (kind: KrCheckIn['kind'], at: string, over: Partial<KrCheckIn> = {}): KrCheckIn => ({ ...sampleRecord('kr_checkins'), id: `s-${at}`, keyResultId: 'kr-scrap', kind, at, ...over });

describe('the catchball thread', () => {
  const propose = step('propose', '2026-09-20T08:00:00.000Z', { target: 5, needs: 'A second die cart' });
  const counter = step('counter', '2026-09-21T08:00:00.000Z', { target: 4, note: 'Peoria runs at 4 % on the same press' });
  const again = step('propose', '2026-09-22T08:00:00.000Z', { target: 4.5 });
  const accept = step('accept', '2026-09-23T08:00:00.000Z', { target: 4.5, note: 'Agreed, with the die cart' });
  const checkIn = step('check_in', '2026-10-05T08:00:00.000Z');

  it('keeps every step, oldest first, whatever order they arrived in; check-ins are not part of it', () => {
    const t = catchballThread([accept, checkIn, counter, propose, again], 'kr-scrap');
    expect(t.steps.map((s) => s.kind)).toEqual(['propose', 'counter', 'propose', 'accept']);
    expect([t.standing, t.target, t.waitingFor, stateAfter(t)]).toEqual(['accepted', 4.5, null, 'active']);
  });

  it('says whose move it is and which target is on the table', () => {
    expect(catchballThread([propose], 'kr-scrap')).toMatchObject({ standing: 'proposed', target: 5, waitingFor: 'enterprise' });
    expect(catchballThread([propose, counter], 'kr-scrap')).toMatchObject({ standing: 'countered', target: 4, waitingFor: 'plant' });
    const rejected = catchballThread([propose, step('reject', '2026-09-21T09:00:00.000Z', { target: 0 })], 'kr-scrap');
    expect([rejected.standing, rejected.target, rejected.waitingFor, stateAfter(rejected)]).toEqual(['rejected', 5, 'plant', 'rejected']);
    expect(catchballThread([], 'kr-scrap')).toMatchObject({ standing: 'none', target: null, waitingFor: null });
  });

  it('a decision answers a proposal; a proposal opens the thread or follows a counter or a rejection', () => {
    expect(fitsThread(catchballThread([], 'kr-scrap'), 'propose')).toBe(true);
    expect(fitsThread(catchballThread([], 'kr-scrap'), 'accept')).toBe(false);
    expect(fitsThread(catchballThread([propose], 'kr-scrap'), 'counter')).toBe(true);
    expect(fitsThread(catchballThread([propose], 'kr-scrap'), 'propose')).toBe(false);
    expect(fitsThread(catchballThread([propose, counter], 'kr-scrap'), 'propose')).toBe(true);
    expect(fitsThread(catchballThread([propose, accept], 'kr-scrap'), 'reject')).toBe(false);
  });
});
