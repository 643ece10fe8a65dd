/**
 * [K2]-[K5] OKR records pushed by devices, on both engines: bad input refused with the shared
 * rules' sentence and nothing of it stored while the rest of the push goes in; each role's
 * forbidden OKR step refused; a key result under an enterprise objective made active only by a
 * catchball decision.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENTERPRISE_LEADER_ID } from '../../src/demo/demo-kpis.ts';
import { nthWithRole } from '../../src/demo/demo-people.ts';
import { formatHlc } from '../../src/domain/merge/hlc.ts';
import type { KeyResult, KrCheckIn, Objective } from '../../src/domain/okr/okr-types.ts';
import type { PushAnswer } from '../../src/domain/wire/protocol.ts';
import { loadDataset } from '../seed-demo.ts';
import { BOCHUM, PEOPLE, T0, enroll, postgresEngine, push, row, signInOnServer, sqliteEngine, startTestServer, type Enrolled, type TestServer } from '../http/testing/test-support.ts';

const HEAD = nthWithRole('bochum', 'plant_head', 0);
const LEADER = ENTERPRISE_LEADER_ID;
const meta = () => {
  const hlc = formatHlc({ wallMs: T0, counter: 0, nodeId: 'tablet-okr' });
  return { hlc, fieldClocks: {}, conflicts: [] };
};

function keyResult(id: string, over: Partial<KeyResult> = {}): KeyResult {
  return {
    ...meta(), id, objectiveId: 'obj-bochum-presses', plantId: BOCHUM, title: 'Tandem line 3 OEE from 68 % to 76 %', from: 68, to: 76, unit: '%',
    dueDate: '2026-12-31', ownerId: HEAD, stretch: false, source: 'kpi', kpiId: 'kpi-bochum-pr3-oee', aggregation: 'average', windowDays: 14,
    window: 'last_days', state: 'active', ...over,
  };
}

let seq = 0;
function logEntry(over: Partial<KrCheckIn> = {}): KrCheckIn {
  seq += 1;
  return {
    id: `kr-log-${String(seq).padStart(4, '0')}`, keyResultId: 'kr-bochum-pr3-oee', plantId: BOCHUM, value: 71, confidence: 0.7, note: '', personId: PEOPLE.shiftLead,
    deviceId: 'tablet-okr', at: new Date(T0).toISOString(), receivedAt: '', kind: 'check_in', ...over,
  };
}

function cycle(id: string, over: Partial<Objective> = {}): Objective {
  return { ...meta(), id, level: 'cycle', plantId: '', lineId: '', parentId: '2026', title: id, cycle: id, ownerId: LEADER, status: 'active', cycleKind: 'quarterly', cycleState: 'active', startDate: '2026-07-01', endDate: '2026-09-30', ...over };
}

describe.each([sqliteEngine, postgresEngine])('OKR pushes, on $name', (engine) => {
  let s: TestServer;
  let tablet: Enrolled;
  beforeEach(async () => {
    s = await startTestServer(engine);
    tablet = await enroll(s, 'tablet');
  });
  afterEach(async () => {
    await s.close();
  });

  async function pushAs(person: string, collection: string, docs: object[], assumed: object | null = null, headers: Record<string, string> = {}): Promise<PushAnswer> {
    const res = await push(s, tablet, collection, docs.map((d) => row(d, assumed)), { 'x-tierboard-person': person, ...headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<PushAnswer>();
  }
  const stored = async (collection: 'key_results' | 'kr_checkins' | 'objectives', id: string) => (await s.store.getByIds(collection, [id]))[0]?.data;

  it('[K2] a key result whose target equals its baseline, and check-ins off the confidence rules, are refused; the rest of the push is stored', async () => {
    const flat = keyResult('kr-flat', { from: 70, to: 70 });
    const good = keyResult('kr-good');
    const krs = await pushAs(HEAD, 'key_results', [flat, good]);
    expect(krs.rejected).toEqual([{ id: 'kr-flat', error: 'invalid_record', message: 'The target (70) equals the baseline: a key result has to move something.' }]);
    expect(await stored('key_results', 'kr-flat')).toBeUndefined();
    expect(await stored('key_results', 'kr-good')).toMatchObject({ state: 'active' });

    const quarter = logEntry({ confidence: 0.75 });
    const low = logEntry({ confidence: 0.2 });
    const override = logEntry({ value: 74, computedValue: 71 });
    const fine = logEntry({ confidence: 0.2, blocker: 'Die carts late', nextAction: 'Borrow two from PR1' });
    const answer = await pushAs(PEOPLE.shiftLead, 'kr_checkins', [quarter, low, override, fine]);
    expect(answer.rejected).toEqual([
      { id: quarter.id, error: 'invalid_record', message: 'Confidence goes in steps of 0.1.' },
      { id: low.id, error: 'invalid_record', message: 'With a confidence below 0.4, name what blocks the key result.' },
      { id: override.id, error: 'invalid_record', message: "The value differs from the KPI's (71): say why it is overridden." },
    ]);
    expect(await stored('kr_checkins', fine.id)).toMatchObject({ blocker: 'Die carts late' });
  });

  it('[K3] a window longer than the cycle, a KPI in another unit and a roll-up cycle are refused', async () => {
    const long = keyResult('kr-long', { windowDays: 120 });
    const unit = keyResult('kr-unit', { unit: 'pcs' });
    const a = keyResult('kr-a', { source: 'rollup', kpiId: '', parentKeyResultId: 'kr-b' });
    const b = keyResult('kr-b', { source: 'rollup', kpiId: '', parentKeyResultId: 'kr-a' });
    const child = keyResult('kr-child', { parentKeyResultId: 'kr-bochum-smed', unit: '%' });
    const answer = await pushAs(HEAD, 'key_results', [long, unit, a, b, child]);
    expect(answer.rejected).toEqual([
      { id: 'kr-long', error: 'invalid_record', message: 'The window of 120 days is longer than the cycle 2026-Q4 (92 days).' },
      { id: 'kr-unit', error: 'invalid_record', message: 'The KPI PR3-OEE is measured in "%", the key result in "pcs": use the same unit.' },
      { id: 'kr-a', error: 'invalid_record', message: 'This key result would count itself through its children (kr-a → kr-b → kr-a).' },
      { id: 'kr-b', error: 'invalid_record', message: 'This key result would count itself through its children (kr-b → kr-a → kr-b).' },
    ]);
    expect(await stored('key_results', 'kr-child')).toBeDefined();
    // A stored key result that closes the loop later is refused too: its parent chain is read from the store.
    const loop = keyResult('kr-bochum-smed-loop', { source: 'rollup', kpiId: '', parentKeyResultId: 'kr-child' });
    const closing = { ...keyResult('kr-child'), parentKeyResultId: 'kr-bochum-smed-loop' };
    expect((await pushAs(HEAD, 'key_results', [loop])).rejected).toEqual([]);
    const again = await pushAs(HEAD, 'key_results', [closing], await stored('key_results', 'kr-child'));
    expect(again.rejected.map((r) => r.id)).toEqual(['kr-child']);
  });

  it('[K3] a check-in on a closed cycle is refused; one on the active cycle is stored', async () => {
    await loadDataset(s.store, {
      objectives: [cycle('2026-Q3', { cycleState: 'closed' }), { ...cycle('obj-q3'), level: 'plant', plantId: BOCHUM, parentId: '', cycle: '2026-Q3', cycleKind: undefined, cycleState: undefined, startDate: undefined, endDate: undefined }],
      key_results: [keyResult('kr-q3', { objectiveId: 'obj-q3' })],
    }, new Date(T0).toISOString());
    const late = logEntry({ keyResultId: 'kr-q3' });
    const now = logEntry();
    const answer = await pushAs(PEOPLE.shiftLead, 'kr_checkins', [late, now]);
    expect(answer.rejected).toEqual([{ id: late.id, error: 'invalid_record', message: 'The cycle 2026-Q3 is closed: nothing more is checked in on it.' }]);
    expect(await stored('kr_checkins', late.id)).toBeUndefined();
    expect(await stored('kr_checkins', now.id)).toBeDefined();
  });

  it('[K4] each role\'s forbidden OKR step is refused: an operator checks in, a plant head decides catchball, a shift lead proposes, a plant head sets an enterprise objective', async () => {
    const byOperator = logEntry({ personId: PEOPLE.operator });
    const decidedByHead = logEntry({ kind: 'accept', personId: HEAD, target: 76 });
    const proposedByLead = logEntry({ kind: 'propose', personId: PEOPLE.shiftLead, target: 76, dueDate: '2026-12-31', needs: 'A second die cart' });
    const proposedByHead = logEntry({ kind: 'propose', personId: HEAD, target: 76, dueDate: '2026-12-31', needs: 'A second die cart' });
    const decidedByLeader = logEntry({ kind: 'counter', personId: LEADER, target: 78, note: 'Peoria reached 78 on the same press' });
    const answer = await pushAs(PEOPLE.shiftLead, 'kr_checkins', [byOperator, decidedByHead, proposedByLead, proposedByHead, decidedByLeader]);
    // [T2] The leader's catchball decision is enterprise-wide: refused until the server itself
    // checked the leader's PIN, stored once it did.
    expect(answer.rejected.map((r) => [r.id, r.error])).toEqual([
      [byOperator.id, 'not_allowed'],
      [decidedByHead.id, 'not_allowed'],
      [proposedByLead.id, 'not_allowed'],
      [decidedByLeader.id, 'person_session_required'],
    ]);
    const verified = await pushAs(LEADER, 'kr_checkins', [decidedByLeader], null, await signInOnServer(s, tablet, LEADER));
    expect(verified.rejected).toEqual([]);
    expect(answer.rejected[1]?.message).toMatch(/A plant head cannot accept, counter or reject proposed key results; enterprise leaders can\./);
    expect(await stored('kr_checkins', decidedByLeader.id)).toMatchObject({ kind: 'counter', target: 78 });
    expect(await stored('kr_checkins', proposedByHead.id)).toMatchObject({ kind: 'propose' });

    const enterpriseObjective: Objective = { ...meta(), id: 'obj-ent-quality', level: 'enterprise', plantId: '', lineId: '', parentId: '', title: 'Right first time', cycle: '2026-Q4', ownerId: LEADER, status: 'active' };
    const refused = await pushAs(HEAD, 'objectives', [enterpriseObjective]);
    expect(refused.rejected.map((r) => r.error)).toEqual(['not_allowed']);
    expect((await pushAs(PEOPLE.supervisor, 'objectives', [cycle('2027-Q1', { startDate: '2027-01-01', endDate: '2027-03-31' })])).rejected.map((r) => r.error)).toEqual(['not_allowed']);
    // [T2] The leader's own enterprise objective: only with a session the server verified.
    expect((await pushAs(LEADER, 'objectives', [enterpriseObjective])).rejected.map((r) => r.error)).toEqual(['person_session_required']);
    expect((await pushAs(LEADER, 'objectives', [enterpriseObjective], null, await signInOnServer(s, tablet, LEADER))).rejected).toEqual([]);
  });

  it('[K5] a key result under an enterprise objective is proposed by the plant head and made active only by the enterprise leader', async () => {
    const active = keyResult('kr-ent-oee', { objectiveId: 'obj-ent-automation' });
    const refused = await pushAs(HEAD, 'key_results', [active]);
    expect(refused.rejected.map((r) => [r.id, r.error])).toEqual([['kr-ent-oee', 'not_allowed']]);
    expect(refused.rejected[0]?.message).toMatch(/becomes active when the enterprise leader accepts it/);

    const proposed = { ...active, state: 'proposed' as const };
    expect((await pushAs(HEAD, 'key_results', [proposed])).rejected).toEqual([]);
    const master = await stored('key_results', 'kr-ent-oee');
    const later = formatHlc({ wallMs: T0 + 60_000, counter: 0, nodeId: 'tablet-okr' });
    const accepted = { ...proposed, state: 'active' as const, hlc: later, fieldClocks: { state: later } };
    // The plant head cannot make it active by editing it either; the leader can.
    expect((await pushAs(HEAD, 'key_results', [accepted], master)).rejected.map((r) => r.error)).toEqual(['not_allowed']);
    expect((await pushAs(LEADER, 'key_results', [accepted], master)).rejected).toEqual([]);
    expect(await stored('key_results', 'kr-ent-oee')).toMatchObject({ state: 'active' });
  });
});
