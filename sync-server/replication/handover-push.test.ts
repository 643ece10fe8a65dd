/**
 * [A8] [A12] Handover check-ins pushed by tablets: the server applies the
 * shared handover rules the screens sign by, checks the incoming lead a
 * check-in names, and authorises an acknowledgement as the lead who
 * acknowledges, so one made offline is not lost when the outgoing lead has
 * left the roster in the meantime.
 */
import type { PushAnswer } from '../../src/domain/wire/protocol.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acknowledgeHandover, isAcknowledged } from '../../src/domain/handover/handover-rules.ts';
import { formatHlc } from '../../src/domain/merge/hlc.ts';
import { stampEdit } from '../../src/domain/merge/merge.ts';
import type { HandoverCheckIn } from '../../src/domain/handover/handover-types.ts';
import type { Person } from '../../src/domain/people/people-types.ts';
import { demoDataset } from '../../src/demo/demo-data.ts';
import { idsWithRole } from '../../src/demo/demo-people.ts';
import { loadDataset } from '../seed-demo.ts';
import type { DeviceAuth, Store } from '../store/store.ts';
import { BOCHUM, nextId, PEOPLE, PR1, sqliteEngine, T0 } from '../http/testing/test-support.ts';
import { LiveHub } from './live-hub.ts';
import { pushChanges, type PushRow } from './push.ts';

const tabletA: DeviceAuth = { deviceId: 'tablet-a', plantId: BOCHUM, kind: 'tablet', lineId: PR1, name: 'A', enrolledAt: '2026-03-01T00:00:00.000Z', revokedAt: null };
const tabletB: DeviceAuth = { ...tabletA, deviceId: 'tablet-b', name: 'B' };

/** Thomas Klein hands over; Aylin Yılmaz, the other shift lead of the plant, takes over. */
const TOM = PEOPLE.shiftLead;
const AYLIN = 'person-bochum-aylin-yilmaz';

const row = (doc: { id: string }): PushRow => ({ newDocumentState: { ...doc, _deleted: false }, assumedMasterState: null });

/** The early shift's handover on 2026-03-02: one item carried in from the day before, one new today. */
function checkIn(over: Partial<HandoverCheckIn> = {}): HandoverCheckIn {
  return {
    id: nextId('handover'),
    plantId: BOCHUM,
    lineId: PR1,
    shiftCode: 'F',
    productionDate: '2026-03-02',
    outgoingLeadId: TOM,
    incomingLeadId: AYLIN,
    notes: 'Changeover to 4711 done.',
    safetyItems: ['Oil at station 3, cleaned'],
    openItems: [
      { id: 'item-s4', text: 'Sensor S4 intermittent', since: '2026-03-01' },
      { id: 'item-guard', text: 'Guard door 2 latch loose', since: '2026-03-02' },
    ],
    acknowledgedItemIds: ['item-s4', 'item-guard'],
    readingsSnapshot: {},
    deviceId: 'tablet-a',
    signedAt: '2026-03-02T13:55:00.000Z',
    receivedAt: '',
    ...over,
  };
}

describe('pushing handover check-ins', () => {
  let store: Store;
  let destroy: () => Promise<void>;
  const deps = () => ({ store, hub: new LiveHub(), clock: () => T0 + 8 * 3_600_000 });
  const pushHandovers = (device: DeviceAuth, records: HandoverCheckIn[], session = ''): Promise<PushAnswer> =>
    pushChanges(deps(), device, 'handovers', records.map(row), session);
  const stored = async (id: string) => (await store.getByIds('handovers', [id]))[0]?.data as unknown as HandoverCheckIn | undefined;

  beforeEach(async () => {
    ({ store, destroy } = await sqliteEngine.open());
    await loadDataset(store, demoDataset(), new Date(T0).toISOString());
  });
  afterEach(async () => destroy());

  /** The plant admin takes someone off the active roster, as the people screen does. */
  async function deactivate(personId: string): Promise<void> {
    const [record] = await store.getByIds('people', [personId]);
    const base = record?.data as unknown as Person;
    const changed = stampEdit(base, { active: false }, formatHlc({ wallMs: T0 + 60_000, counter: 0, nodeId: 'tablet-a' }), 'tablet-a');
    const res = await pushChanges(deps(), tabletA, 'people', [{ newDocumentState: { ...changed, _deleted: false }, assumedMasterState: { ...base, _deleted: false } }], PEOPLE.admin, {
      verifiedPersonId: PEOPLE.admin, // [T2] a roster change: the server checked the admin's PIN
    });
    expect(res.rejected).toEqual([]);
  }

  it('[A12] a handover signed together, or by the outgoing lead alone, is stored (a carried item keeps its older date)', async () => {
    const together = checkIn();
    const alone = checkIn({ incomingLeadId: '', acknowledgedItemIds: [] });
    expect((await pushHandovers(tabletA, [together, alone], TOM)).rejected).toEqual([]);
    expect(await stored(together.id)).toMatchObject({ incomingLeadId: AYLIN, acknowledgedItemIds: ['item-s4', 'item-guard'] });
    expect(await stored(alone.id)).toMatchObject({ incomingLeadId: '' });
  });

  it('[A12] a check-in the handover screens would refuse to sign is refused with the rule\'s sentence', async () => {
    const sameLead = checkIn({ incomingLeadId: TOM });
    const notAcknowledged = checkIn({ acknowledgedItemIds: ['item-s4'] });
    const ackedAlone = checkIn({ incomingLeadId: '', acknowledgedItemIds: ['item-s4'] });
    const unknownItem = checkIn({ acknowledgedItemIds: ['item-s4', 'item-guard', 'item-never'] });
    const emptySafety = checkIn({ safetyItems: ['  '] });
    const res = await pushHandovers(tabletA, [sameLead, notAcknowledged, ackedAlone, unknownItem, emptySafety], TOM);
    expect(res.rejected).toEqual([
      { id: sameLead.id, error: 'invalid_record', message: 'The incoming lead must be someone other than the outgoing lead.' },
      { id: notAcknowledged.id, error: 'invalid_record', message: 'The incoming lead has not acknowledged "Guard door 2 latch loose" yet.' },
      { id: ackedAlone.id, error: 'invalid_record', message: 'Only the incoming lead acknowledges items.' },
      { id: unknownItem.id, error: 'invalid_record', message: 'Acknowledged item item-never is not among the items handed over.' },
      { id: emptySafety.id, error: 'invalid_record', message: 'A safety item is empty.' },
    ]);
    for (const r of [sameLead, notAcknowledged, ackedAlone, unknownItem, emptySafety]) expect(await stored(r.id)).toBeUndefined();
  });

  it('[A12] [T1] the incoming lead must be an active lead of the plant: not an operator, nobody unknown, nobody inactive, nobody of another plant (unknown here)', async () => {
    const operator = checkIn({ incomingLeadId: PEOPLE.operator });
    const nobody = checkIn({ incomingLeadId: 'person-bochum-nobody', acknowledgedItemIds: [] });
    const elsewhere = checkIn({ incomingLeadId: idsWithRole('peoria', 'shift_lead')[0]! });
    await deactivate('person-bochum-michael-schulz');
    const inactive = checkIn({ incomingLeadId: 'person-bochum-michael-schulz' });
    const res = await pushHandovers(tabletA, [operator, nobody, elsewhere, inactive], TOM);
    expect(res.rejected).toEqual([
      { id: operator.id, error: 'not_allowed', message: expect.stringMatching(/^Lukas Fischer: An operator cannot sign the shift handover/) },
      { id: nobody.id, error: 'unknown_person', message: expect.stringContaining('person-bochum-nobody') },
      { id: elsewhere.id, error: 'unknown_person', message: expect.stringContaining(elsewhere.incomingLeadId) },
      { id: inactive.id, error: 'unknown_person', message: expect.stringContaining('person-bochum-michael-schulz') },
    ]);
    for (const r of [operator, nobody, elsewhere, inactive]) expect(await stored(r.id)).toBeUndefined();
  });

  it('[A8] a handover signed alone is the outgoing lead\'s: an operator or an inactive lead cannot sign it', async () => {
    const byOperator = checkIn({ outgoingLeadId: PEOPLE.operator, incomingLeadId: '', acknowledgedItemIds: [] });
    await deactivate(TOM);
    const byInactive = checkIn({ incomingLeadId: '', acknowledgedItemIds: [] });
    const res = await pushHandovers(tabletA, [byOperator, byInactive], TOM);
    expect(res.rejected).toEqual([
      { id: byOperator.id, error: 'not_allowed', message: expect.stringMatching(/^Lukas Fischer: An operator cannot sign the shift handover/) },
      { id: byInactive.id, error: 'unknown_person', message: expect.stringContaining(TOM) },
    ]);
  });

  it('[A8] [A12] an acknowledgement is the incoming lead\'s: made offline after the outgoing lead left the roster, it is stored', async () => {
    // Tom signs alone at the end of his shift; the check-in reaches the server.
    const alone = checkIn({ incomingLeadId: '', acknowledgedItemIds: [], deviceId: 'tablet-a' });
    expect((await pushHandovers(tabletA, [alone], TOM)).rejected).toEqual([]);
    // Tom is taken off the active roster; Aylin, offline on another tablet, acknowledges his handover.
    await deactivate(TOM);
    const ack = acknowledgeHandover(alone, {
      id: nextId('handover'),
      incomingLeadId: AYLIN,
      acknowledgedItemIds: ['item-s4', 'item-guard'],
      deviceId: 'tablet-b',
      signedAt: '2026-03-02T15:10:00.000Z',
    });
    expect((await pushHandovers(tabletB, [ack], AYLIN)).rejected).toEqual([]);
    const kept = await stored(ack.id);
    expect(kept).toMatchObject({ outgoingLeadId: TOM, incomingLeadId: AYLIN });
    expect(isAcknowledged(kept!)).toBe(true);
  });

  it('[A12] an acknowledgement is checked like any signature: not by the outgoing lead, not by an operator', async () => {
    const alone = checkIn({ incomingLeadId: '', acknowledgedItemIds: [] });
    expect((await pushHandovers(tabletA, [alone], TOM)).rejected).toEqual([]);
    const ack = (incomingLeadId: string) =>
      acknowledgeHandover(alone, { id: nextId('handover'), incomingLeadId, acknowledgedItemIds: ['item-s4', 'item-guard'], deviceId: 'tablet-b', signedAt: '2026-03-02T15:10:00.000Z' });
    const bySelf = ack(TOM);
    const byOperator = ack(PEOPLE.operator);
    const res = await pushHandovers(tabletB, [bySelf, byOperator], TOM);
    expect(res.rejected).toEqual([
      { id: bySelf.id, error: 'invalid_record', message: 'The incoming lead must be someone other than the outgoing lead.' },
      { id: byOperator.id, error: 'not_allowed', message: expect.stringMatching(/^Lukas Fischer: An operator cannot sign the shift handover/) },
    ]);
  });
});
