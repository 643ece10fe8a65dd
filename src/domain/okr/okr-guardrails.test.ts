/** Issue 12, item 6: guardrails from practice, as warnings with a reason. */
import { describe, expect, it } from 'vitest';
import { testDef } from '../board/testing/board-test-fixtures.ts';
import { sampleRecord } from '../records/testing/sample-records.ts';
import { keyResultCountWarnings, kpiNotOkrWarning, newTargetOffers, objectiveCountWarnings, okrCandidates } from './okr-guardrails.ts';
import type { KeyResult, Objective } from './okr-types.ts';

const objective = (id: string, over: Partial<Objective> = {}): Objective => ({ ...sampleRecord('objectives'), id, cycle: '2026-Q4', level: 'plant', plantId: 'p1', status: 'active', ...over });
const keyResult = (id: string, over: Partial<KeyResult> = {}): KeyResult => ({ ...sampleRecord('key_results'), id, objectiveId: 'o1', state: 'active', ...over });

describe('3 to 5 active objectives per level and cycle', () => {
  it('warns about 2 plant objectives and 6 enterprise ones, each with its reason; 3 are fine', () => {
    const objectives = [
      objective('p-a'), objective('p-b'),
      objective('q-a', { plantId: 'p2' }), objective('q-b', { plantId: 'p2' }), objective('q-c', { plantId: 'p2' }),
      ...['e1', 'e2', 'e3', 'e4', 'e5', 'e6'].map((id) => objective(id, { level: 'enterprise', plantId: '' })),
      // Not counted: a draft, another cycle, the cycle record itself.
      objective('p-draft', { status: 'draft' }), objective('p-old', { cycle: '2026-Q3' }), objective('2026-Q4', { level: 'cycle', plantId: '' }),
    ];
    const warnings = objectiveCountWarnings(objectives, '2026-Q4');
    expect(warnings.map((w) => [w.code, w.recordId])).toEqual([['too_few_objectives', 'p-a'], ['too_many_objectives', 'e1']]);
    expect(warnings[0]?.reason).toBe('2 active objectives at this level in 2026-Q4: practice is 3 to 5, so the cascade has a focus.');
  });
});

describe('at most 5 key results per objective', () => {
  it('warns at 6 (proposed ones count, dropped ones do not)', () => {
    const krs = [1, 2, 3, 4, 5].map((i) => keyResult(`kr${i}`));
    expect(keyResultCountWarnings([...krs, keyResult('kr6', { state: 'dropped' })])).toEqual([]);
    const w = keyResultCountWarnings([...krs, keyResult('kr6', { state: 'proposed' })]);
    expect(w).toEqual([{ code: 'too_many_key_results', recordId: 'o1', params: { count: 6 }, reason: '6 key results on this objective: practice is at most 5.' }]);
  });
});

describe('"this is a KPI, not an OKR"', () => {
  const kpi = testDef({ id: 'kpi-1', target: 85, decimals: 1 });
  it('flags a key result whose target is the KPI\'s current target, at the KPI\'s precision', () => {
    expect(kpiNotOkrWarning(keyResult('kr1', { kpiId: 'kpi-1', to: 85.01 }), kpi)?.reason).toMatch(/this is a KPI, not an OKR/);
    expect(kpiNotOkrWarning(keyResult('kr1', { kpiId: 'kpi-1', to: 88 }), kpi)).toBeNull();
    expect(kpiNotOkrWarning(keyResult('kr1', { source: 'manual', kpiId: '', to: 85 }), kpi)).toBeNull();
  });
});

describe('KPI -> OKR candidate -> new baseline', () => {
  const scrap = testDef({ id: 'kpi-scrap', name: 'Scrap rate', direction: 'lower_is_better', target: 4, amberThreshold: 6, redThreshold: 8 });
  it('a KPI red or amber for N periods in a row is offered, pre-filled from its level and target (N = 2 by default)', () => {
    const [c] = okrCandidates([{ kpi: scrap, statuses: ['green', 'amber', 'red'], currentValue: 8 }]);
    expect(c).toMatchObject({ kpiId: 'kpi-scrap', baseline: 8, target: 4, periods: 2 });
    expect(c?.reason).toBe('Scrap rate has been red or amber for 2 periods in a row: make it an objective\'s key result, from 8 to 4.');
    expect(okrCandidates([{ kpi: scrap, statuses: ['red', 'green', 'red'], currentValue: 8 }])).toEqual([]);
    expect(okrCandidates([{ kpi: scrap, statuses: ['amber', 'red'], currentValue: 8 }], 3)).toEqual([]);
  });

  it('a reached KPI-fed key result offers its value as the KPI\'s next target when the cycle closes', () => {
    const kr = keyResult('kr-scrap', { source: 'kpi', kpiId: 'kpi-scrap', from: 8, to: 4, unit: '%', title: 'Scrap to 4 %' });
    const kpis = new Map([[scrap.id, { ...scrap, target: 5 }]]);
    expect(newTargetOffers({ state: 'active' }, [kr], kpis, new Map([['kr-scrap', 3.8]]))).toEqual([]);
    const [offer] = newTargetOffers({ state: 'closing' }, [kr], kpis, new Map([['kr-scrap', 3.8]]));
    expect(offer).toMatchObject({ keyResultId: 'kr-scrap', kpiId: 'kpi-scrap', currentTarget: 5, newTarget: 3.8 });
    // Not reached (4.5 is 87.5 % of the way): no offer.
    expect(newTargetOffers({ state: 'closed' }, [kr], kpis, new Map([['kr-scrap', 4.5]]))).toEqual([]);
  });
});
