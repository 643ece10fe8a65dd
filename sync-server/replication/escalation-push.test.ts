/**
 * [A10] [A11] Escalation steps pushed by tablets: the tier timer's steps are
 * authorised by the enrolled tablet and the shared escalation rules, two
 * devices' identical tier steps are stored once, and forged or incomplete
 * steps are refused with a sentence the shift lead can act on. [A13] No tier
 * move from a clock that runs ahead.
 */
import type { PushAnswer } from '../../src/domain/wire/protocol.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deriveEscalation, tierEventId, validateEvent, MINUTE_MS } from '../../src/domain/escalation/escalation-state.ts';
import { autoEscalationEvents } from '../../src/domain/escalation/escalation-timers.ts';
import { demoDataset } from '../../src/demo/demo-data.ts';
import type { Escalation, EscalationEvent } from '../../src/domain/escalation/escalation-types.ts';
import type { Person } from '../../src/domain/people/people-types.ts';
import type { Plant } from '../../src/domain/plant/plant-types.ts';
import { loadDataset } from '../seed-demo.ts';
import type { DeviceAuth, Store } from '../store/store.ts';
import { BOCHUM, PEOPLE, PR1, sqliteEngine, T0, escalationEvent } from '../http/testing/test-support.ts';
import { LiveHub } from './live-hub.ts';
import { pushChanges } from './push.ts';
import { escalationStepRefusal } from './permission-check.ts';

const tabletA: DeviceAuth = { deviceId: 'tablet-a', plantId: BOCHUM, kind: 'tablet', lineId: PR1, name: 'A', enrolledAt: '2026-03-01T00:00:00.000Z', revokedAt: null };
const tabletB: DeviceAuth = { ...tabletA, deviceId: 'tablet-b', name: 'B' };

const RAISED_AT = T0 + 5 * MINUTE_MS;

function header(over: Partial<Escalation> = {}): Escalation {
  return {
    id: '01KESCALATION0000000000001',
    plantId: BOCHUM,
    lineId: PR1,
    category: 'machine',
    severity: 'high',
    description: 'Press 1 clamp jams',
    photo: '',
    raisedBy: PEOPLE.shiftLead,
    raisedAt: new Date(RAISED_AT).toISOString(),
    deviceId: 'tablet-a',
    receivedAt: '',
    ...over,
  };
}

const row = (doc: { id: string }) => ({ newDocumentState: { ...doc, _deleted: false }, assumedMasterState: null });

/** A SQLite store with the demo enterprise loaded, and Bochum's plant record (its tier ladder). */
async function demoStore(): Promise<{ store: Store; destroy: () => Promise<void>; plant: Plant }> {
  const { store, destroy } = await sqliteEngine.open();
  const data = demoDataset();
  await loadDataset(store, data, new Date(T0).toISOString());
  return { store, destroy, plant: data.plants.find((p) => p.id === BOCHUM)! };
}

describe('pushing escalation steps', () => {
  let store: Store;
  let destroy: () => Promise<void>;
  let plant: Plant;
  const deps = () => ({ store, hub: new LiveHub(), clock: () => RAISED_AT + 4 * 60 * MINUTE_MS });
  const pushEvents = (device: DeviceAuth, events: EscalationEvent[]): Promise<PushAnswer> =>
    pushChanges(deps(), device, 'escalation_events', events.map(row), '');

  beforeEach(async () => {
    ({ store, destroy, plant } = await demoStore());
  });
  afterEach(async () => destroy());

  async function storeHeader(h = header()): Promise<void> {
    const res = await pushChanges(deps(), tabletA, 'escalations', [row(h)], PEOPLE.shiftLead);
    expect(res.rejected).toEqual([]);
  }

  /** The tier timer's steps for the header at `nowMs`, exactly as every tablet makes them. */
  function timerSteps(h: Escalation, nowMs: number): EscalationEvent[] {
    return autoEscalationEvents(deriveEscalation(h, [], plant.tierLadder), plant.tierLadder, nowMs);
  }

  it('[A10] a forged early tier step is refused with its due time; the timer step on time is stored', async () => {
    const h = header();
    await storeHeader(h);
    const onTime = timerSteps(h, RAISED_AT + 31 * MINUTE_MS);
    expect(onTime.map((e) => e.tier)).toEqual([2]);
    const forged = { ...onTime[0]!, at: new Date(RAISED_AT + 10 * MINUTE_MS).toISOString() };

    const refused = await pushEvents(tabletA, [forged]);
    expect(refused.rejected).toEqual([{ id: forged.id, error: 'invalid_record', message: `Tier 2 is not due before ${new Date(RAISED_AT + 30 * MINUTE_MS).toISOString()}.` }]);
    expect(await store.getByIds('escalation_events', [forged.id])).toEqual([]);

    const accepted = await pushEvents(tabletA, onTime);
    expect(accepted.rejected).toEqual([]);
    expect((await store.getByIds('escalation_events', [forged.id]))[0]?.data).toMatchObject({ at: onTime[0]!.at, personId: 'system', tier: 2 });
  });

  it('[A10] two tablets that both moved it up offline: the identical tier steps are stored once', async () => {
    const h = header();
    await storeHeader(h);
    const fromA = timerSteps(h, RAISED_AT + 61 * MINUTE_MS);
    const fromB = timerSteps(h, RAISED_AT + 75 * MINUTE_MS);
    expect(fromB).toEqual(fromA);
    expect(fromA.map((e) => e.id)).toEqual([tierEventId(h.id, 0, 2), tierEventId(h.id, 0, 3)]);

    expect((await pushEvents(tabletA, fromA)).rejected).toEqual([]);
    const head = await store.headPosition();
    expect((await pushEvents(tabletB, fromB)).rejected).toEqual([]);
    expect(await store.headPosition()).toBe(head);
    const stored = await store.getByIds('escalation_events', fromA.map((e) => e.id));
    expect(stored.map((r) => r.rev)).toEqual([1, 1]);
  });

  it('[A10] a tier step of a reopen round is checked against the reopen time its id names', async () => {
    const h = header();
    await storeHeader(h);
    const tier2 = plant.tierLadder.find((s) => s.tier === 2)!;
    const reopenMs = RAISED_AT + 90 * MINUTE_MS;
    const dueMs = reopenMs + tier2.afterMinutes * MINUTE_MS;
    const step = (atMs: number): EscalationEvent => ({
      ...timerSteps(h, RAISED_AT + 31 * MINUTE_MS)[0]!, id: tierEventId(h.id, reopenMs, 2), at: new Date(atMs).toISOString(),
    });
    // Due under the raise time, but early in the round it names: refused.
    const early = step(dueMs - MINUTE_MS);
    expect((await pushEvents(tabletA, [early])).rejected).toEqual([
      { id: early.id, error: 'invalid_record', message: `Tier 2 is not due before ${new Date(dueMs).toISOString()}.` },
    ]);
    expect((await pushEvents(tabletA, [step(dueMs)])).rejected).toEqual([]);
  });

  it('[A10] the tier timer cannot be borrowed: no other step as "system", no device id, only its own ids', async () => {
    const h = header();
    await storeHeader(h);
    const [step] = timerSteps(h, RAISED_AT + 31 * MINUTE_MS);
    const asClose = { ...step!, id: 'forged-close', type: 'closed' as const };
    const withDevice = { ...step!, deviceId: 'tablet-a' };
    const otherId = { ...step!, id: `${h.id}:tier:9x` };
    const res = await pushEvents(tabletA, [asClose, withDevice, otherId]);
    expect(res.rejected).toEqual([
      { id: 'forged-close', error: 'not_allowed', message: 'Only the tier timer acts as "system", and it only moves escalations up.' },
      { id: withDevice.id, error: 'invalid_record', message: 'A tier timer event names no device (deviceId must be empty).' },
      { id: otherId.id, error: 'invalid_record', message: `A tier timer event must have the id ${tierEventId(h.id, 0, 2)} (or its reopen form).` },
    ]);
  });

  it('[A8] an operator closing an escalation is refused with the rule book sentence', async () => {
    await storeHeader();
    const close = escalationEvent({ escalationId: header().id, personId: PEOPLE.operator, type: 'closed' });
    const res = await pushChanges(deps(), tabletA, 'escalation_events', [row(close)], PEOPLE.operator);
    expect(res.rejected).toHaveLength(1);
    expect(res.rejected[0]).toMatchObject({ id: close.id, error: 'not_allowed' });
    expect(res.rejected[0]?.message).toMatch(/^Lukas Fischer: An operator cannot verify and close escalations; supervisors and plant heads can\.$/);
  });

  it('[A10] a resolution without its root cause and action is refused; with them it is stored', async () => {
    await storeHeader();
    const base = { escalationId: header().id, personId: PEOPLE.shiftLead, type: 'resolved' as const, at: new Date(RAISED_AT + 20 * MINUTE_MS).toISOString() };
    const bare = escalationEvent({ ...base, whys: ['Clamp sensor dirty'] });
    const full = escalationEvent({ ...base, whys: ['Clamp sensor dirty', 'No cleaning in the TPM plan'], rootCause: 'TPM plan misses the sensor', action: 'Sensor added to daily TPM' });
    const res = await pushEvents(tabletA, [bare, full]);
    expect(res.rejected).toEqual([{ id: bare.id, error: 'invalid_record', message: 'Thomas Klein: Name the root cause.' }]);
    expect((await store.getByIds('escalation_events', [full.id])).length).toBe(1);
  });

  it('[A10] the raised step must name the person who raised the escalation', async () => {
    await storeHeader();
    const mine = escalationEvent({ escalationId: header().id, personId: PEOPLE.shiftLead, type: 'raised', at: header().raisedAt });
    const someoneElse = escalationEvent({ escalationId: header().id, personId: PEOPLE.operator, type: 'raised', at: header().raisedAt });
    const res = await pushEvents(tabletA, [mine, someoneElse]);
    expect(res.rejected).toEqual([
      { id: someoneElse.id, error: 'invalid_record', message: 'Lukas Fischer: only the person who raised an escalation can be named on its "raised" step.' },
    ]);
  });

  it('[A11] steps that overtake their header are checked on everything but the raise time', async () => {
    const h = header({ id: '01KESCALATION0000000000002' });
    const [step] = timerSteps(h, RAISED_AT + 31 * MINUTE_MS);
    const ack = escalationEvent({ escalationId: h.id, personId: PEOPLE.shiftLead, type: 'acknowledged', at: new Date(RAISED_AT + 40 * MINUTE_MS).toISOString() });
    const offLadder = { ...step!, id: tierEventId(h.id, 0, 7), tier: 7 };
    const res = await pushEvents(tabletA, [step!, ack, offLadder]);
    expect(res.rejected).toEqual([{ id: offLadder.id, error: 'invalid_record', message: 'Tier 7 is not on this plant\'s ladder.' }]);
    // The header arrives afterwards: nothing needed re-sending.
    await storeHeader(h);
    expect((await store.getByIds('escalation_events', [step!.id, ack.id])).length).toBe(2);
  });
});

describe('[A13] tier moves against the server clock', () => {
  let store: Store;
  let destroy: () => Promise<void>;
  let plant: Plant;
  const at = (ms: number): string => new Date(ms).toISOString();
  const push = (serverNowMs: number, collection: 'escalations' | 'escalation_events', docs: { id: string }[], person = '') =>
    pushChanges({ store, hub: new LiveHub(), clock: () => serverNowMs }, tabletA, collection, docs.map(row), person);

  beforeEach(async () => {
    ({ store, destroy, plant } = await demoStore());
  });
  afterEach(async () => destroy());

  it('[A13] a tablet 5 h fast cannot move a fresh escalation to the plant manager: its tier steps are refused until they fall due', async () => {
    const h = header();
    expect((await push(RAISED_AT + MINUTE_MS, 'escalations', [h], PEOPLE.shiftLead)).rejected).toEqual([]);
    // The fast tablet, one minute after the raise by real time, believes tiers 2, 3 and 4 are due.
    const steps = autoEscalationEvents(deriveEscalation(h, [], plant.tierLadder), plant.tierLadder, RAISED_AT + 5 * 60 * MINUTE_MS + MINUTE_MS);
    expect(steps.map((e) => e.tier)).toEqual([2, 3, 4]);
    const early = await push(RAISED_AT + MINUTE_MS, 'escalation_events', steps);
    expect(early.rejected.map((r) => [r.id, r.error])).toEqual(steps.map((e) => [e.id, 'invalid_record']));
    expect(early.rejected[0]!.message).toMatch(/later than the server's clock: the device's clock runs ahead/);
    expect(await store.getByIds('escalation_events', steps.map((e) => e.id))).toEqual([]);
    // Half an hour later by the server's clock the same tier 2 step is stored; 3 and 4 still wait.
    const later = await push(RAISED_AT + 31 * MINUTE_MS, 'escalation_events', steps);
    expect(later.rejected.map((r) => r.id)).toEqual([steps[1]!.id, steps[2]!.id]);
    expect((await store.getByIds('escalation_events', [steps[0]!.id])).length).toBe(1);
  });

  it('[A13] a raise stamped 5 h ahead climbs on time: its clock starts when the server stored it', async () => {
    const fast = header({ raisedAt: at(RAISED_AT + 5 * 60 * MINUTE_MS) });
    expect((await push(RAISED_AT, 'escalations', [fast], PEOPLE.shiftLead)).rejected).toEqual([]);
    const [stored] = await store.getByIds('escalations', [fast.id]);
    const storedHeader = stored!.data as unknown as Escalation;
    expect(storedHeader.receivedAt).toBe(at(RAISED_AT));
    // Any tablet holding the stored header moves it to tier 2 thirty minutes after it was stored.
    const steps = autoEscalationEvents(deriveEscalation(storedHeader, [], plant.tierLadder), plant.tierLadder, RAISED_AT + 31 * MINUTE_MS);
    expect(steps.map((e) => [e.tier, e.at])).toEqual([[2, at(RAISED_AT + 30 * MINUTE_MS)]]);
    expect((await push(RAISED_AT + 31 * MINUTE_MS, 'escalation_events', steps)).rejected).toEqual([]);
  });
});

describe('[A10] the server checks without the event log, and loses nothing by it', () => {
  it("in 'sync' mode the answer is the same with or without the escalation's events folded in", () => {
    const plant = demoDataset().plants.find((p) => p.id === BOCHUM)!;
    const people = new Map(demoDataset().people.map((p) => [p.id, p]));
    const h = header();
    const at = (min: number) => new Date(RAISED_AT + min * MINUTE_MS).toISOString();
    const ev = (id: string, over: Partial<EscalationEvent>) => escalationEvent({ id, escalationId: h.id, ...over });
    const log: EscalationEvent[] = [
      ev('e1', { type: 'acknowledged', personId: PEOPLE.shiftLead, at: at(3) }),
      ev('e2', { type: 'resolved', personId: PEOPLE.shiftLead, at: at(20), whys: ['w'], rootCause: 'r', action: 'a' }),
      ev('e3', { type: 'closed', personId: PEOPLE.supervisor, at: at(25) }),
      ev('e4', { type: 'reopened', personId: PEOPLE.supervisor, at: at(90), comment: 'back again' }),
    ];
    const candidates: EscalationEvent[] = [
      ...log,
      ev('c1', { type: 'acknowledged', personId: PEOPLE.operator, at: at(30) }),
      ev('c2', { type: 'closed', personId: PEOPLE.shiftLead, at: at(30) }),
      ev('c3', { type: 'reassigned', personId: PEOPLE.shiftLead, at: at(30), toPersonId: '' }),
      ev('c4', { type: 'escalated', personId: PEOPLE.shiftLead, at: at(30), tier: 2 }),
      ev('c5', { type: 'commented', personId: PEOPLE.operator, at: at(30), comment: ' ' }),
      { ...autoEscalationEvents(deriveEscalation(h, [], plant.tierLadder), plant.tierLadder, RAISED_AT + 61 * MINUTE_MS)[1]! },
      { ...ev(tierEventId(h.id, Date.parse(at(90)), 2), { type: 'escalated', personId: 'system', deviceId: '', tier: 2, at: at(150) }) },
      { ...ev(tierEventId(h.id, Date.parse(at(90)), 3), { type: 'escalated', personId: 'system', deviceId: '', tier: 3, at: at(100) }) },
    ];
    const device = { kind: 'tablet' as const, plantId: BOCHUM };
    const withLog = deriveEscalation(h, log, plant.tierLadder);
    const headerOnly = deriveEscalation(h, [], plant.tierLadder);
    expect(withLog.state).toBe('open');
    for (const e of candidates) {
      const p: Person | undefined = people.get(e.personId);
      const who = p ? { role: p.role, plantId: p.plantId, personId: p.id } : { role: 'operator' as const, plantId: BOCHUM };
      expect(validateEvent(headerOnly, e, who, { mode: 'sync', device }), e.id).toBe(validateEvent(withLog, e, who, { mode: 'sync', device }));
    }
    // And the server's own check gives the domain's answer.
    const tabletDevice = { ...tabletA };
    expect(escalationStepRefusal({ event: candidates[1]!, header: h, ladder: plant.tierLadder, person: people.get(PEOPLE.shiftLead)!, device: tabletDevice })).toBeNull();
  });
});
