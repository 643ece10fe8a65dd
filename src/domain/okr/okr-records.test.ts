/** [K1] Where the OKR records live, and what records stored before version 1 mean. */
import { describe, expect, it } from 'vitest';
import { demoDataset } from '../../demo/demo-data.ts';
import { sampleRecord } from '../records/testing/sample-records.ts';
import { cycleOf, krLinesOf, krStateOf, krWindowOf, linkTypeOf, logKindOf, objectiveWeightOf, priorityOf } from './okr-records.ts';
import { okrContextRefusal, okrRecordRefusal, type OkrContext } from './okr-rules.ts';
import type { KeyResult, KrCheckIn, Objective } from './okr-types.ts';

describe('[K1] OKR records', () => {
  it('[K1] a version 0 objective contributes with priority and weight 1; a version 0 key result is active over its last windowDays of the whole plant', () => {
    const { linkType: _l, priority: _p, weight: _w, ...objectiveFields } = sampleRecord('objectives');
    const v0Objective: Objective = objectiveFields;
    expect([linkTypeOf(v0Objective), priorityOf(v0Objective), objectiveWeightOf(v0Objective)]).toEqual(['contribute', 1, 1]);
    const { window: _win, scope: _s, lineIds: _li, state: _st, ...krFields } = sampleRecord('key_results');
    const v0Kr: KeyResult = krFields;
    expect([krStateOf(v0Kr), krWindowOf(v0Kr), krLinesOf(v0Kr)]).toEqual(['active', 'last_days', null]);
    expect(krWindowOf({ ...v0Kr, windowDays: 0 })).toBe('cycle_to_date');
    const { kind: _k, ...checkInFields } = sampleRecord('kr_checkins');
    const v0CheckIn: KrCheckIn = checkInFields;
    expect(logKindOf(v0CheckIn)).toBe('check_in');
  });

  it('[K1] a cycle is an objectives record of level cycle, read back as a cycle', () => {
    const data = demoDataset();
    const q4 = data.objectives.find((o) => o.id === '2026-Q4') as Objective;
    expect(cycleOf(q4)).toEqual({ id: '2026-Q4', title: 'Q4 2026', kind: 'quarterly', parentId: '2026', state: 'active', startDate: '2026-10-01', endDate: '2026-12-31', checkInWeekday: 1, candidatePeriods: 2 });
    expect(data.objectives.filter((o) => o.level !== 'cycle').every((o) => o.cycle === '2026-Q4')).toBe(true);
  });

  it('[K1] the demo OKRs pass every OKR rule', () => {
    const data = demoDataset();
    const krs = new Map(data.key_results.map((k) => [k.id, k]));
    const objectives = new Map(data.objectives.map((o) => [o.id, o]));
    const kpis = new Map(data.kpi_definitions.map((k) => [k.id, k]));
    const ctx: OkrContext = { keyResult: (id) => krs.get(id), objective: (id) => objectives.get(id), kpi: (id) => kpis.get(id) };
    const all: [string, KeyResult | Objective | KrCheckIn][] = [...data.objectives.map((o) => ['objectives', o] as [string, Objective]), ...data.key_results.map((k) => ['key_results', k] as [string, KeyResult])];
    for (const [collection, record] of all) {
      expect(okrRecordRefusal(collection, record as never), record.id).toBeNull();
      expect(okrContextRefusal(collection, record as never, ctx), record.id).toBeNull();
    }
  });
});
