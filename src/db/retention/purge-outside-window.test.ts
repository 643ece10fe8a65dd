import { afterEach, describe, expect, it } from 'vitest';
import type { HandoverCheckIn } from '../../domain/handover/handover-types.ts';
import type { TierboardDatabase } from '../database.ts';
import { openTestDatabase } from '../testing/test-database.ts';
import { purgeOutsideWindow } from './purge-outside-window.ts';

const NOW = Date.parse('2026-06-30T10:00:00Z');
let db: TierboardDatabase | null = null;
afterEach(async () => {
  await db?.close();
  db = null;
});

function handover(id: string, lineId: string, productionDate: string, receivedAt = `${productionDate}T15:00:00.000Z`): HandoverCheckIn {
  return {
    id, plantId: 'plant-t', lineId, shiftCode: 'E', productionDate, outgoingLeadId: 'person-a', incomingLeadId: '', notes: '', safetyItems: [],
    openItems: [], acknowledgedItemIds: [], readingsSnapshot: {}, deviceId: 'DEV-T', signedAt: `${productionDate}T14:00:00.000Z`, receivedAt,
  };
}

describe('purgeOutsideWindow', () => {
  it('[C-D1] keeps each line\'s newest handover however old, and every handover the server has not stored', async () => {
    db = await openTestDatabase({ devMode: false });
    await db.handovers.bulkInsert([
      handover('a-old', 'line-a', '2026-01-10'),
      handover('a-new', 'line-a', '2026-06-29'),
      // Line B has stood still since February: its last check-in is still the one the next shift acknowledges.
      handover('b-older', 'line-b', '2026-02-01'),
      handover('b-last', 'line-b', '2026-02-02'),
      handover('c-unsent', 'line-c', '2026-01-05', ''),
      handover('c-last', 'line-c', '2026-06-28'),
    ]);
    expect(await purgeOutsideWindow(db, 'tablet', NOW)).toEqual({ kpi_readings: 0, handovers: 2 });
    expect((await db.handovers.find().exec()).map((h) => h.id).sort()).toEqual(['a-new', 'b-last', 'c-last', 'c-unsent']);
  });
});
