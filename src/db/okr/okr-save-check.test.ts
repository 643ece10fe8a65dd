/** [K2] [K3] The device checks an OKR record with the server's rules before it saves it, over its own records. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleRecord } from '../../domain/records/testing/sample-records.ts';
import type { KeyResult, KrCheckIn, Objective } from '../../domain/okr/okr-types.ts';
import type { TierboardDatabase } from '../database.ts';
import { openTestDatabase } from '../testing/test-database.ts';
import { okrSaveRefusal } from './okr-save-check.ts';

const cycle: Objective = { ...sampleRecord('objectives', 1), id: '2026-Q3', level: 'cycle', plantId: '', parentId: '', cycle: '2026-Q3', cycleState: 'closed', startDate: '2026-07-01', endDate: '2026-09-30' };
const objective: Objective = { ...sampleRecord('objectives', 2), id: 'obj-1', cycle: '2026-Q3' };
const kr: KeyResult = { ...sampleRecord('key_results', 1), id: 'kr-1', objectiveId: 'obj-1', kpiId: 'kpi-1', unit: '%', parentKeyResultId: '' };
const checkIn: KrCheckIn = { ...sampleRecord('kr_checkins', 1), keyResultId: 'kr-1', value: 77.5, computedValue: 77.5 };

describe('[K2] [K3] checking an OKR record before it is saved', () => {
  let db: TierboardDatabase;
  beforeEach(async () => {
    db = await openTestDatabase();
    await db.objectives.bulkInsert([cycle, objective]);
    await db.key_results.insert(kr);
    await db.kpi_definitions.insert({ ...sampleRecord('kpi_definitions', 1), id: 'kpi-1', unit: '%' });
  });
  afterEach(async () => {
    await db.close();
  });

  it('[K3] refuses a check-in on a closed cycle and a key result in another unit than its KPI', async () => {
    expect(await okrSaveRefusal(db, 'kr_checkins', checkIn)).toEqual({ code: 'checkInCycleClosed', params: { cycle: '2026-Q3' } });
    expect((await okrSaveRefusal(db, 'key_results', { ...kr, unit: 'pcs' }))?.code).toBe('krUnitMismatch');
    expect((await okrSaveRefusal(db, 'key_results', { ...kr, window: 'last_days', windowDays: 100 }))?.code).toBe('krWindowLongerThanCycle');
  });

  it('[K3] refuses a roll-up that leads back to itself through the stored key results', async () => {
    await db.key_results.insert({ ...kr, id: 'kr-2', source: 'rollup', kpiId: '', parentKeyResultId: 'kr-1' });
    expect((await okrSaveRefusal(db, 'key_results', { ...kr, parentKeyResultId: 'kr-2' }))?.code).toBe('krRollupCycle');
  });

  it('[K2] refuses what the record says wrong on its own, and lets a good record through', async () => {
    expect((await okrSaveRefusal(db, 'key_results', { ...kr, from: 5, to: 5 }))?.code).toBe('krTargetEqualsBaseline');
    await db.objectives.upsert({ ...cycle, cycleState: 'active' });
    expect(await okrSaveRefusal(db, 'kr_checkins', checkIn)).toBeNull();
    expect(await okrSaveRefusal(db, 'key_results', kr)).toBeNull();
  });
});
