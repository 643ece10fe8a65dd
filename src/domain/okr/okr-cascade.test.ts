/** Issue 12, item 4: the cascade's figures at every node, a worked example. */
import { describe, expect, it } from 'vitest';
import { sampleRecord } from '../records/testing/sample-records.ts';
import { cascade, latestCheckIns } from './okr-cascade.ts';
import type { OkrCycle } from './okr-records.ts';
import type { KeyResult, KrCheckIn, Objective } from './okr-types.ts';

const CYCLE: OkrCycle = { id: 'Q', title: 'Q', kind: 'quarterly', parentId: '', state: 'active', startDate: '2026-10-01', endDate: '2026-12-29', checkInWeekday: 1, candidatePeriods: 2 };
const objective = (id: string, over: Partial<Objective> = {}): Objective => ({ ...sampleRecord('objectives'), id, cycle: 'Q', parentId: '', status: 'active', countChildren: false, linkType: 'contribute', weight: 1, ...over });
const kr = (id: string, objectiveId: string, over: Partial<KeyResult> = {}): KeyResult => ({ ...sampleRecord('key_results'), id, objectiveId, from: 0, to: 100, source: 'manual', kpiId: '', parentKeyResultId: '', weight: 1, state: 'active', ...over });
const checkIn = (keyResultId: string, value: number, at: string, over: Partial<KrCheckIn> = {}): KrCheckIn => ({ ...sampleRecord('kr_checkins'), id: `c-${keyResultId}-${at}`, keyResultId, value, at, kind: 'check_in', confidence: 0.7, ...over });
const dateOf = (at: string) => at.slice(0, 10);

describe('the cascade of a cycle', () => {
  // Saturday 14 November is day 45 of the 90-day cycle: e = 0.5. The check-ins of Monday 9 November are this week's.
  const today = '2026-11-14';
  const objectives = [
    objective('ent', { level: 'enterprise', countChildren: true }),
    objective('plant-a', { parentId: 'ent', weight: 1 }),
    objective('plant-b', { parentId: 'ent', linkType: 'support' }),
  ];
  const keyResults = [
    kr('scrap', 'plant-a', { source: 'kpi', kpiId: 'kpi-scrap', from: 8, to: 4 }),
    kr('audits', 'plant-a', { from: 0, to: 8 }),
    kr('lines', 'ent', { source: 'rollup', rollup: 'sum', from: 0, to: 10 }),
    kr('line-1', 'plant-b', { parentKeyResultId: 'lines', from: 0, to: 5 }),
    kr('line-2', 'plant-b', { parentKeyResultId: 'lines', from: 0, to: 5 }),
    kr('proposed', 'plant-a', { state: 'proposed' }),
  ];
  const log = [
    checkIn('audits', 2, '2026-11-09T08:00:00.000Z'),
    checkIn('audits', 1, '2026-11-02T08:00:00.000Z'),
    checkIn('line-1', 3, '2026-11-09T08:00:00.000Z'),
    checkIn('line-2', 2, '2026-11-09T08:00:00.000Z', { confidence: 0.3 }),
    checkIn('scrap', 6.5, '2026-11-09T08:00:00.000Z'),
    { ...checkIn('audits', 99, '2026-11-10T08:00:00.000Z'), kind: 'propose' as const },
  ];
  const [root] = cascade({ cycle: CYCLE, today, objectives, keyResults, log, kpiValues: new Map([['scrap', 6]]), dateOf });

  it('key results: KPI-fed from its KPI value, manual from the latest check-in, rolled up from its children', () => {
    const a = root?.children.find((c) => c.objective.id === 'plant-a');
    const scrap = a?.keyResults.find((k) => k.keyResult.id === 'scrap');
    const audits = a?.keyResults.find((k) => k.keyResult.id === 'audits');
    expect([scrap?.value, scrap?.raw, scrap?.status]).toEqual([6, 0.5, 'on_track']);
    // 2 of 8 is 0.25, 0.25 behind the pace of 0.5: at risk.
    expect([audits?.value, audits?.clamped, audits?.status, audits?.confidence]).toEqual([2, 0.25, 'at_risk', 0.7]);
    const lines = root?.keyResults.find((k) => k.keyResult.id === 'lines');
    expect([lines?.value, lines?.clamped]).toEqual([5, 0.5]);
    // A proposed key result counts nowhere until accepted.
    expect(a?.keyResults.map((k) => k.keyResult.id)).toEqual(['scrap', 'audits']);
  });

  it('objectives: weighted mean of their key results, plus contributing children where counted; a supporting child is shown, not counted', () => {
    const a = root?.children.find((c) => c.objective.id === 'plant-a');
    expect(a?.progress).toBeCloseTo(0.375, 12);
    expect(a?.status).toBe('at_risk');
    // ent: its own key result (0.5) and plant-a (0.375); plant-b supports and does not count.
    expect(root?.progress).toBeCloseTo(0.4375, 12);
    expect(root?.status).toBe('at_risk');
    expect(root?.children.map((c) => c.objective.id)).toEqual(['plant-a', 'plant-b']);
  });

  it('an overdue check-in turns a key result and its objective to overdue, whatever the numbers say', () => {
    const [late] = cascade({ cycle: CYCLE, today: '2026-11-17', objectives, keyResults, log, kpiValues: new Map([['scrap', 4]]), dateOf });
    const a = late?.children.find((c) => c.objective.id === 'plant-a');
    expect(a?.keyResults.map((k) => k.status)).toEqual(['overdue', 'overdue']);
    expect(a?.status).toBe('overdue');
  });

  it('the latest check-in is the latest check-in, never a catchball step', () => {
    expect(latestCheckIns(log).get('audits')?.value).toBe(2);
  });
});
