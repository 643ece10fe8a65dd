/**
 * The refused list is read from the rejection log by the sync client, which loads after the first
 * screen; a copy beside the screen's snapshot (localStorage) covers the start, so a reload never
 * shows a refused reading as the value in between.
 */
import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../state/key-value-storage.ts';
import { createSyncStatusStore } from './status.ts';

describe('the refused list survives a reload before the sync client loads', () => {
  it('[C-O4] a status store with a copy starts from the refused list the last one published', () => {
    const copy = memoryStorage();
    const before = createSyncStatusStore(copy);
    before.setState({
      refused: [
        { collection: 'kpi_readings', id: 'r-1', error: 'not_allowed', message: 'No.', atMs: 1 },
        { collection: 'kpi_readings', id: 'r-2', error: 'not_allowed', message: 'No.', atMs: 1, discardedAtMs: 2, discardedBy: 'p' },
      ],
    });
    const after = createSyncStatusStore(copy);
    expect(after.getState().refused.map((r) => r.id)).toEqual(['r-1', 'r-2']);
    expect(after.getState().rejected).toBe(1);
  });

  it('[C-O4] a copy that does not parse is ignored', () => {
    expect(createSyncStatusStore(memoryStorage({ 'tierboard-refused': '{not json' })).getState().refused).toEqual([]);
  });
});
