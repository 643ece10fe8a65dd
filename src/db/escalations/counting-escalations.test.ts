/**
 * A refused escalation step never counts ([C-O6]): what the screens, the tier timer and the board
 * fold is what the server holds or may still take, so the state, owner, tier and timers fall back
 * to the server's. The domain's fold never hears of refusals; the data layer leaves them out.
 */
import { describe, expect, it } from 'vitest';
import { deriveEscalation, SYSTEM_PERSON_ID, tierEventId } from '../../domain/escalation/escalation-state.ts';
import { autoEscalationEvents, DEFAULT_TIER_LADDER, overdue, timeToAcknowledge } from '../../domain/escalation/escalation-timers.ts';
import type { Escalation, EscalationEvent, EscalationEventType } from '../../domain/escalation/escalation-types.ts';
import type { RefusedEntry } from '../../sync/status.ts';
import { createSyncStatusStore } from '../../sync/status.ts';
import { refusedRecordsFrom } from '../refused-records.ts';
import { countingEscalations, refusedEscalationRecords, splitRefusedEscalations, type EscalationRecords } from './counting-escalations.ts';

const T0 = Date.parse('2026-03-02T08:00:00.000Z');
const MIN = 60_000;
const at = (min: number): string => new Date(T0 + min * MIN).toISOString();
const ladder = [...DEFAULT_TIER_LADDER];

const header = (id: string): Escalation => ({
  id, plantId: 'p1', lineId: 'l1', category: 'machine', severity: 'high',
  description: 'Press 2 stops', photo: '', raisedBy: 'op-1', raisedAt: at(0), deviceId: 'dev-a', receivedAt: '',
});
const ev = (id: string, type: EscalationEventType, min: number, extra: Partial<EscalationEvent> = {}): EscalationEvent => ({
  id, escalationId: 'ESC1', plantId: 'p1', type, at: at(min), personId: 'resp-1', deviceId: 'dev-a',
  tier: 0, toPersonId: '', comment: '', whys: [], rootCause: '', action: '', receivedAt: '', ...extra,
});
const resolution = { whys: ['Sensor dirty'], rootCause: 'No cleaning step', action: 'Cleaned' };

const entry = (collection: RefusedEntry['collection'], id: string, discarded = false): RefusedEntry => ({
  collection, id, error: 'not_allowed', message: 'Dan Okafor: A responder cannot verify and close escalations.', atMs: T0,
  ...(discarded ? { discardedAtMs: T0, discardedBy: 'sup-1' } : {}),
});

function refusedOf(entries: RefusedEntry[]) {
  const status = createSyncStatusStore();
  status.setState({ refused: entries });
  return refusedRecordsFrom(status);
}

const all: EscalationRecords = {
  escalations: [header('ESC1')],
  events: [
    ev('R1', 'raised', 0, { personId: 'op-1' }),
    ev('A1', 'acknowledged', 4),
    ev('C1', 'contained', 10),
    ev('S1', 'resolved', 50, resolution),
  ],
};
const view = (records: EscalationRecords, id = 'ESC1') => deriveEscalation(header(id), records.events, ladder);

describe('[C-O6] a refused escalation step does not count', () => {
  it('a refused resolution leaves the escalation contained, with no root cause, on every device that folds what counts', () => {
    const counted = countingEscalations(all, new Set(), new Set(['S1']));
    const v = view(counted);
    expect([v.state, v.resolvedAt, v.rootCause, v.containedAt]).toEqual(['contained', null, null, at(10)]);
    // The same records without the refusal: resolved (what the tablet would show had it not been refused).
    expect(view(all).state).toBe('resolved');
    expect(v.timeline.map((e) => e.id)).toEqual(['R1', 'A1', 'C1']);
  });

  it('a refused acknowledgement: open again, the acknowledge clock runs, the ladder climbs and shows overdue', () => {
    const onlyAck: EscalationRecords = { escalations: all.escalations, events: all.events.slice(0, 2) };
    const counted = countingEscalations(onlyAck, new Set(), new Set(['A1']));
    const v = view(counted);
    expect([v.state, v.ownerId, v.acknowledgedAt]).toEqual(['open', '', null]);
    const now = T0 + 45 * MIN;
    expect(timeToAcknowledge(v, now)).toMatchObject({ running: true, ms: 45 * MIN });
    expect(overdue(v, ladder, now).overdue).toBe(true);
    expect(autoEscalationEvents(v, ladder, now).map((e) => e.id)).toEqual([tierEventId('ESC1', 0, 2)]);
    // Counted, the acknowledgement would have stopped all of it.
    expect(autoEscalationEvents(view(onlyAck), ladder, now)).toEqual([]);
  });

  it('a refused tier step leaves the tier where the server has it', () => {
    const tier2: EscalationEvent = ev(tierEventId('ESC1', 0, 2), 'escalated', 30, { personId: SYSTEM_PERSON_ID, deviceId: '', tier: 2 });
    const records: EscalationRecords = { escalations: all.escalations, events: [all.events[0]!, tier2] };
    expect(view(records).tier).toBe(2);
    expect(view(countingEscalations(records, new Set(), new Set([tier2.id]))).tier).toBe(1);
  });

  it('a discarded step still does not count; only open ones are listed as refused', () => {
    const refused = refusedOf([entry('escalation_events', 'S1', true), entry('escalation_events', 'C1')]);
    const split = splitRefusedEscalations(all, refused);
    expect(split.events.map((e) => e.id)).toEqual(['R1', 'A1']);
    expect(view(split).state).toBe('acknowledged');
    expect(split.refused.steps.map((r) => [r.event.id, r.entry.error])).toEqual([['C1', 'not_allowed']]);
    expect(split.refused.raises).toEqual([]);
  });

  it('a refused raise takes its steps with it, and is listed with the steps discarding it gives up too', () => {
    const other = header('ESC2');
    const records: EscalationRecords = {
      escalations: [...all.escalations, other],
      events: [...all.events, ev('R2', 'raised', 1, { escalationId: 'ESC2' }), ev('A2', 'acknowledged', 2, { escalationId: 'ESC2' })],
    };
    const refused = refusedOf([entry('escalations', 'ESC2'), entry('escalation_events', 'R2')]);
    const split = splitRefusedEscalations(records, refused);
    expect(split.escalations.map((e) => e.id)).toEqual(['ESC1']);
    expect(split.events.some((e) => e.escalationId === 'ESC2')).toBe(false);
    expect(split.refused.raises.map((r) => [r.escalation.id, r.stepIds])).toEqual([['ESC2', ['R2']]]);
    // The raise's own refused step is said by the raise, not listed again as a step.
    expect(split.refused.steps).toEqual([]);
    expect(refusedEscalationRecords(records, refusedOf([])).raises).toEqual([]);
  });
});
