// @vitest-environment happy-dom
import { cleanup, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tierEventId } from '../../domain/escalation/escalation-state.ts';
import { runAutoEscalation, useAutoEscalation } from './auto-escalation.ts';
import { openEscalationHarness, PEOPLE, PLANT, seedEscalation, TEST_NOW, type Harness } from './testing/escalation-test-setup.tsx';
import { insertOnce } from '../../db/escalations/escalation-db.ts';
import { buildStep } from './escalation-records.ts';
import { createSessionStore } from '../../state/session-store.ts';
import { memoryStorage } from '../../state/key-value-storage.ts';
import { createSyncStatusStore } from '../../sync/status.ts';
import { refusedRecordsFrom } from '../../db/refused-records.ts';

const open: Harness[] = [];
afterEach(async () => {
  cleanup();
  await Promise.all(open.splice(0).map((h) => h.db.close()));
});

async function harness() {
  const h = await openEscalationHarness();
  open.push(h);
  return h;
}

const tierSteps = async (h: Harness) =>
  (await h.db.escalation_events.find({ selector: { type: 'escalated' } }).exec()).map((d) => d.toMutableJSON()).sort((a, b) => a.tier - b.tier);

function Device({ h, offsetMs = 0 }: { h: Harness; offsetMs?: number }) {
  useAutoEscalation(h.db, PLANT, { now: () => h.clock.now() + offsetMs }, { intervalMs: 60_000 });
  return null;
}

describe('moving unanswered escalations up the ladder on this device', () => {
  it('[A13] writes no tier step until the clock is trusted (an enrolled tablet that has not measured its offset), then catches up', async () => {
    const h = await harness();
    await seedEscalation(h, { minutesAgo: 61 });
    const session = createSessionStore({ storage: memoryStorage(), nowMs: TEST_NOW, random: h.random });
    function Tablet() {
      useAutoEscalation(h.db, PLANT, h.clock, { session, intervalMs: 1_000 });
      return null;
    }
    // The run reads the plant's escalations first: while nobody has vouched for the clock it never starts.
    const reads = vi.spyOn(h.db.escalations, 'find');
    render(<Tablet />);
    expect(reads).not.toHaveBeenCalled();
    expect(await tierSteps(h)).toEqual([]);
    reads.mockRestore();
    session.getState().setClockOffset(0, true);
    await waitFor(async () => expect((await tierSteps(h)).map((e) => e.tier)).toEqual([2, 3]), { timeout: 3_000 });
  });

  it('appends each tier step once, at its due time, even when two "devices" on one database run it together and again', async () => {
    const h = await harness();
    const { header } = await seedEscalation(h, { minutesAgo: 61 });
    // Two screens (or two tablets sharing the store) run the hook at the same moment.
    render(
      <>
        <Device h={h} />
        <Device h={h} offsetMs={5_000} />
      </>,
    );
    await waitFor(async () => expect((await tierSteps(h)).length).toBe(2));
    // And once more by hand, twice at once: nothing new.
    expect(await Promise.all([runAutoEscalation(h.db, PLANT, TEST_NOW), runAutoEscalation(h.db, PLANT, TEST_NOW + 1_000)])).toEqual([0, 0]);
    const steps = await tierSteps(h);
    expect(steps.map((e) => [e.id, e.tier, e.at, e.personId, e.deviceId])).toEqual([
      [tierEventId(header.id, 0, 2), 2, new Date(Date.parse(header.raisedAt) + 30 * 60_000).toISOString(), 'system', ''],
      [tierEventId(header.id, 0, 3), 3, new Date(Date.parse(header.raisedAt) + 60 * 60_000).toISOString(), 'system', ''],
    ]);
  });

  it('writes nothing before a tier is due, and nothing once someone acknowledged', async () => {
    const h = await harness();
    const { header } = await seedEscalation(h, { minutesAgo: 29 });
    expect(await runAutoEscalation(h.db, PLANT, TEST_NOW)).toBe(0);
    expect(await runAutoEscalation(h.db, PLANT, TEST_NOW + 60_000)).toBe(1);
    await insertOnce(
      h.db.escalation_events,
      buildStep({ escalation: header, type: 'acknowledged', personId: PEOPLE.lead.id, deviceId: 'DEVICE-TEST', atMs: TEST_NOW + 2 * 60_000, random: h.random }),
    );
    expect(await runAutoEscalation(h.db, PLANT, TEST_NOW + 4 * 60 * 60_000)).toBe(0);
    expect((await tierSteps(h)).map((e) => e.tier)).toEqual([2]);
  });

  it('[C-O6] a refused acknowledgement does not stop the ladder', async () => {
    const h = await harness();
    const { header } = await seedEscalation(h, { minutesAgo: 20 });
    const ack = buildStep({ escalation: header, type: 'acknowledged', personId: PEOPLE.operator.id, deviceId: 'DEVICE-TEST', atMs: TEST_NOW - 60_000, random: h.random });
    await insertOnce(h.db.escalation_events, ack);
    const status = createSyncStatusStore();
    const refused = refusedRecordsFrom(status);
    expect(await runAutoEscalation(h.db, PLANT, TEST_NOW + 15 * 60_000, refused)).toBe(0);
    status.setState({ refused: [{ collection: 'escalation_events', id: ack.id, error: 'not_allowed', message: 'No.', atMs: TEST_NOW }] });
    expect(await runAutoEscalation(h.db, PLANT, TEST_NOW + 15 * 60_000, refused)).toBe(1);
    expect((await tierSteps(h)).map((e) => e.id)).toEqual([tierEventId(header.id, 0, 2)]);
  });
});
