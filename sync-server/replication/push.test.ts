/**
 * [P8] The compare-and-set race, made to happen: another writer stores the
 * record between the push reading its master and writing the merge.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatHlc } from '../../src/domain/hlc.ts';
import { stampEdit } from '../../src/domain/merge.ts';
import type { ImprovementAction } from '../../src/domain/types.ts';
import { demoDataset } from '../../src/demo/demo-data.ts';
import { loadDataset } from '../seed-demo.ts';
import type { DeviceAuth, Store } from '../store/store.ts';
import { sqliteEngine, T0 } from '../http/test-support.ts';
import { LiveHub } from './live-hub.ts';
import { pushChanges } from './push.ts';

const ACTION = 'action-bochum-smed-quick-clamps';
const device: DeviceAuth = { deviceId: 'tablet-a', plantId: 'plant-bochum', kind: 'tablet', lineId: 'line-bochum-pr1', name: 'A', enrolledAt: '2026-03-01T00:00:00.000Z', revokedAt: null };

describe('push', () => {
  let store: Store;
  let destroy: () => Promise<void>;
  beforeEach(async () => {
    ({ store, destroy } = await sqliteEngine.open());
    await loadDataset(store, demoDataset(), new Date(T0).toISOString());
  });
  afterEach(async () => destroy());

  it('[P8] a mutable write that loses a race is merged again with the new master', async () => {
    const [master] = await store.getByIds('improvement_actions', [ACTION]);
    const base = master?.data as unknown as ImprovementAction;
    const rival = stampEdit(base, { status: 'done' }, formatHlc({ wallMs: T0 + 1000, counter: 0, nodeId: 'tablet-b' }), 'tablet-b');
    const mine = stampEdit(base, { title: 'Quick clamps, both presses' }, formatHlc({ wallMs: T0 + 2000, counter: 0, nodeId: 'tablet-a' }), 'tablet-a');

    // The rival commits right after our push has read the master, before it writes.
    let raced = false;
    const racing: Store = Object.create(store) as Store;
    racing.applyWrites = async (collection, writes, at) => {
      if (!raced && collection === 'improvement_actions') {
        raced = true;
        await store.applyWrites(collection, [{ id: ACTION, newDocument: rival as never, assumedMasterRev: master?.rev ?? null }], at);
      }
      return store.applyWrites(collection, writes, at);
    };
    const result = await pushChanges(
      { store: racing, hub: new LiveHub(), clock: () => T0 },
      device,
      'improvement_actions',
      [{ newDocumentState: { ...mine, _deleted: false }, assumedMasterState: { ...base, _deleted: false } }],
      'person-bochum-thomas-klein',
    );
    expect(raced).toBe(true);
    expect(result.rejected).toEqual([]);
    const [stored] = await store.getByIds('improvement_actions', [ACTION]);
    expect(stored?.data).toMatchObject({ status: 'done', title: 'Quick clamps, both presses' });
    expect(stored?.rev).toBe((master?.rev ?? 0) + 2);
    // The device's copy lacks the rival's status: it hears the merged master back.
    expect(result.conflicts).toEqual([{ ...stored?.data, _deleted: false }]);
  });
});
