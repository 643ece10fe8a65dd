/** Issue 12, "Bad input": the shared rules the device checks before saving and the server on push ([K2], [K3]). */
import { describe, expect, it } from 'vitest';
import { testDef } from '../board/testing/board-test-fixtures.ts';
import { recordRuleProblem } from '../records/record-rules.ts';
import { sampleRecord } from '../records/testing/sample-records.ts';
import { activatesByCatchball, okrContextRefusal, okrRefusalText, okrRecordRefusal, type OkrContext } from './okr-rules.ts';
import type { KeyResult, KrCheckIn, Objective } from './okr-types.ts';

const cycle = (over: Partial<Objective> = {}): Objective => ({ ...sampleRecord('objectives'), id: '2026-Q4', level: 'cycle', cycle: '2026-Q4', plantId: '', parentId: '', cycleState: 'active', startDate: '2026-10-01', endDate: '2026-12-31', ...over });
const objective = (over: Partial<Objective> = {}): Objective => ({ ...sampleRecord('objectives'), id: 'o1', cycle: '2026-Q4', ...over });
const kr = (over: Partial<KeyResult> = {}): KeyResult => ({ ...sampleRecord('key_results'), id: 'kr1', objectiveId: 'o1', kpiId: 'kpi-1', unit: '%', parentKeyResultId: '', ...over });
const checkIn = (over: Partial<KrCheckIn> = {}): KrCheckIn => ({ ...sampleRecord('kr_checkins'), keyResultId: 'kr1', kind: 'check_in', confidence: 0.6, computedValue: 78, value: 78, overrideReason: '', ...over });

function context(records: { krs?: KeyResult[]; objectives?: Objective[] } = {}): OkrContext {
  const krs = new Map((records.krs ?? [kr()]).map((k) => [k.id, k]));
  const objectives = new Map((records.objectives ?? [objective(), cycle()]).map((o) => [o.id, o]));
  const kpis = new Map([['kpi-1', testDef({ id: 'kpi-1', code: 'OEE', unit: '%' })]]);
  return { keyResult: (id) => krs.get(id), objective: (id) => objectives.get(id), kpi: (id) => kpis.get(id) };
}
const text = (r: ReturnType<typeof okrRecordRefusal>): string | null => (r ? okrRefusalText(r) : null);

describe('[K2] what a record says wrong on its own (record-rules, the server\'s [A14] check)', () => {
  it('[K2] a key result whose target equals its baseline', () => {
    expect(recordRuleProblem('key_results', kr({ from: 5, to: 5 }) as never)).toBe('The target (5) equals the baseline: a key result has to move something.');
    expect(recordRuleProblem('key_results', kr() as never)).toBeNull();
  });

  it('[K2] a check-in: confidence in tenths, below 0.4 with blocker and next action, an override with its reason', () => {
    expect(text(okrRecordRefusal('kr_checkins', checkIn({ confidence: 0.75 }) as never))).toBe('Confidence goes in steps of 0.1.');
    expect(text(okrRecordRefusal('kr_checkins', checkIn({ confidence: 0.2 }) as never))).toBe('With a confidence below 0.4, name what blocks the key result.');
    expect(okrRecordRefusal('kr_checkins', checkIn({ confidence: 0.2, blocker: 'No die carts', nextAction: 'Borrow two' }) as never)).toBeNull();
    expect(text(okrRecordRefusal('kr_checkins', checkIn({ value: 80 }) as never))).toBe("The value differs from the KPI's (78): say why it is overridden.");
    expect(okrRecordRefusal('kr_checkins', checkIn({ value: 80, overrideReason: 'Shift C not entered yet' }) as never)).toBeNull();
    // A check-in stored before version 1 has neither kind nor computed value: still a check-in, judged on its confidence.
    const { kind: _k, computedValue: _c, ...v0 } = checkIn();
    expect(okrRecordRefusal('kr_checkins', v0 as never)).toBeNull();
  });

  it('[K2] a catchball proposal or counter names its target; a cycle runs from its first day to its last', () => {
    const { target: _t, ...noTarget } = checkIn({ kind: 'propose' });
    expect(text(okrRecordRefusal('kr_checkins', noTarget as never))).toBe('A proposal or a counter names its target.');
    expect(okrRecordRefusal('kr_checkins', checkIn({ kind: 'accept' }) as never)).toBeNull();
    expect(text(okrRecordRefusal('objectives', cycle({ startDate: '2027-01-01' }) as never))).toMatch(/first not after the last/);
    expect(okrRecordRefusal('objectives', cycle() as never)).toBeNull();
  });
});

describe('[K3] what a record breaks among the records around it', () => {
  it('[K3] a window longer than its cycle (92 days)', () => {
    const r = okrContextRefusal('key_results', kr({ window: 'last_days', windowDays: 120 }) as never, context());
    expect(r && okrRefusalText(r)).toBe('The window of 120 days is longer than the cycle 2026-Q4 (92 days).');
    expect(okrContextRefusal('key_results', kr({ window: 'last_days', windowDays: 92 }) as never, context())).toBeNull();
  });

  it('[K3] a KPI measured in another unit than the key result', () => {
    const r = okrContextRefusal('key_results', kr({ unit: 'pcs' }) as never, context());
    expect(r && okrRefusalText(r)).toBe('The KPI OEE is measured in "%", the key result in "pcs": use the same unit.');
  });

  it('[K3] a roll-up cycle: a key result that counts itself through its children', () => {
    const a = kr({ id: 'a', source: 'rollup', kpiId: '', parentKeyResultId: 'c' });
    const b = kr({ id: 'b', source: 'rollup', kpiId: '', parentKeyResultId: 'a' });
    const c = kr({ id: 'c', source: 'rollup', kpiId: '', parentKeyResultId: 'b' });
    const r = okrContextRefusal('key_results', a as never, context({ krs: [a, b, c] }));
    expect(r && okrRefusalText(r)).toBe('This key result would count itself through its children (a → c → b → a).');
    expect(okrContextRefusal('key_results', kr({ id: 'self', parentKeyResultId: 'self' }) as never, context())).not.toBeNull();
    expect(okrContextRefusal('key_results', { ...b, parentKeyResultId: '' } as never, context({ krs: [a, c] }))).toBeNull();
  });

  it('[K3] a check-in on a closed cycle', () => {
    const closed = context({ objectives: [objective(), cycle({ cycleState: 'closed' })] });
    const r = okrContextRefusal('kr_checkins', checkIn() as never, closed);
    expect(r && okrRefusalText(r)).toBe('The cycle 2026-Q4 is closed: nothing more is checked in on it.');
    expect(okrContextRefusal('kr_checkins', checkIn() as never, context())).toBeNull();
  });

  it('[K3] unknown records around say nothing: the server cannot refuse what it cannot check', () => {
    expect(okrContextRefusal('kr_checkins', checkIn({ keyResultId: 'elsewhere' }) as never, context())).toBeNull();
  });
});

describe('[K5] a key result under an enterprise objective becomes active only by a catchball decision', () => {
  const ctx = context({ objectives: [objective({ level: 'enterprise', plantId: '' }), cycle()] });
  it('[K5] activating needs the decision; proposing, or editing an active one, does not', () => {
    expect(activatesByCatchball(kr({ state: 'active' }), null, ctx)).toBe(true);
    expect(activatesByCatchball(kr({ state: 'active' }), 'proposed', ctx)).toBe(true);
    expect(activatesByCatchball(kr({ state: 'proposed' }), null, ctx)).toBe(false);
    expect(activatesByCatchball(kr({ state: 'active' }), 'active', ctx)).toBe(false);
    expect(activatesByCatchball(kr({ state: 'active' }), null, context())).toBe(false);
  });
});
