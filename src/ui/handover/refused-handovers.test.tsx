// @vitest-environment happy-dom
/**
 * A check-in the server refused, on the handover screen where it was signed ([C-O6]): marked
 * refused with the reason in plain words, who may sign instead and Discard (asked first); never
 * shown as signed, and left out of the line's check-ins (the shift is not "already handed over",
 * and a refused check-in carries no items to the next shift).
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { TierboardDatabase } from '../../db/database.ts';
import { refusedRecordsFrom } from '../../db/refused-records.ts';
import { rxHandoverData, type RefusedHandover } from '../../db/handover/handover-data.ts';
import type { CollectionName } from '../../domain/records/collections.ts';
import { createSyncStatusStore, type RefusedEntry } from '../../sync/status.ts';
import { languageStore } from '../i18n/language.ts';
import { createPinAttempts } from '../people/pin-attempts.ts';
import { HandoverScreen } from './handover-screen.tsx';
import { PendingHandoverBanner } from './pending-handover-banner.tsx';
import { acknowledgeHandover } from '../../domain/handover/handover-rules.ts';
import { PINS, TEST_NOW, derive, handoverWorld, nightCheckIn, sessionAs } from './testing/handover-test-setup.tsx';

const open: TierboardDatabase[] = [];
afterEach(async () => {
  cleanup();
  languageStore.getState().setLanguage('en');
  await Promise.all(open.splice(0).map((db) => db.close()));
});

function refusals() {
  const status = createSyncStatusStore();
  const discarded: [CollectionName, string, string][] = [];
  const set = (refused: RefusedEntry[]) => status.setState({ refused, rejected: refused.filter((r) => r.discardedAtMs === undefined).length });
  const refuse = (id: string, error: string, message: string) => set([...status.getState().refused, { collection: 'handovers', id, error, message, atMs: TEST_NOW }]);
  status.setState({
    discardRefused: (collection, id, by) => {
      discarded.push([collection, id, by]);
      set(status.getState().refused.map((r) => (r.collection === collection && r.id === id ? { ...r, discardedAtMs: TEST_NOW, discardedBy: by } : r)));
      return Promise.resolve();
    },
  });
  return { status, refused: refusedRecordsFrom(status), refuse, discarded };
}

async function renderAs(personId: string) {
  const world = await handoverWorld();
  open.push(world.db);
  const r = refusals();
  const { session, ui, random } = sessionAs(personId);
  render(
    <HandoverScreen
      db={world.db}
      setup={world.setup}
      session={session}
      ui={ui}
      clock={{ now: () => TEST_NOW }}
      random={random}
      derive={derive}
      attempts={createPinAttempts()}
      refused={r.refused}
    />,
  );
  await screen.findByTestId('handover-compose');
  return { ...world, ...r };
}

describe('[C-O6] a refused handover on the handover screen', () => {
  it('signed, then refused: no longer shown as signed but as refused, with the reason, who may sign, and Discard asked first', async () => {
    const { db, refuse, discarded } = await renderAs('person-tom');
    fireEvent.click(screen.getByTestId('hand-over'));
    fireEvent.click(screen.getByTestId('incoming-person-lea'));
    fireEvent.click(screen.getByTestId('ack-all'));
    [...PINS.lea].forEach((d) => fireEvent.click(screen.getByTestId(`pin-key-${d}`)));
    fireEvent.click(screen.getByTestId('pin-submit'));
    await screen.findByTestId('handover-signed');
    const signed = (await db.handovers.find({ selector: { shiftCode: 'E' } }).exec())[0]!.toMutableJSON();

    // Lea was demoted at the plant, which this tablet did not know yet.
    refuse(signed.id, 'not_allowed', 'Lea Brandt: An operator cannot sign the shift handover.');
    const entry = await screen.findByTestId(`refused-handover-${signed.id}`);
    expect(screen.queryByTestId('handover-signed')).toBeNull();
    expect(entry.textContent).toContain('Refused by the server – does not count');
    expect(entry.textContent).toContain('Handover of shift E');
    expect(entry.textContent).toContain('Tom Klein → Lea Brandt');
    expect(screen.getByTestId(`refused-handover-${signed.id}-reason`).textContent).toBe(
      'The server refused this handover: Lea Brandt may not sign shift handovers here. It is not signed and does not count.',
    );
    expect(screen.getByTestId(`refused-handover-${signed.id}-way`).textContent).toBe(
      'Ask one of them to do it: shift leads, supervisors and plant heads. Or discard this entry.',
    );

    fireEvent.click(screen.getByTestId(`refused-handover-${signed.id}-discard`));
    expect(screen.getByTestId(`refused-handover-${signed.id}-confirm`).textContent).toContain('Discard this entry?');
    fireEvent.click(screen.getByTestId(`refused-handover-${signed.id}-discard-yes`));
    await waitFor(() => expect(screen.queryByTestId(`refused-handover-${signed.id}`)).toBeNull());
    expect(discarded).toEqual([['handovers', signed.id, 'person-tom']]);
    expect(await db.handovers.findOne(signed.id).exec()).not.toBeNull();
  });

  it('a refused earlier check-in carries nothing and is not the shift’s handover; in German', async () => {
    languageStore.getState().setLanguage('de');
    const { db, refuse, refused } = await renderAs('person-tom');
    // The night's check-in carries the open item "Sensor S4" to this shift, until it is refused.
    await screen.findByTestId('carried-item-s4');
    refuse(nightCheckIn.id, 'invalid_record', 'The incoming lead must acknowledge every open item.');
    await waitFor(() => expect(screen.queryByTestId('carried-item-s4')).toBeNull());
    expect(screen.getByTestId(`refused-handover-${nightCheckIn.id}-reason`).textContent).toBe(
      'Der Server hat diese Übergabe abgelehnt. Sie ist nicht unterschrieben und zählt nicht. Der Server meldet: The incoming lead must acknowledge every open item.',
    );
    expect(screen.getByTestId(`refused-handover-${nightCheckIn.id}-way`).textContent).toBe('Wenden Sie sich an die Werksadministration, oder verwerfen Sie den Eintrag.');
    // The data layer: the line's check-ins leave it out (the next shift's banner reads them too), the refused ones list it.
    const data = rxHandoverData(db, refused);
    const first = <T,>(watch: (on: (list: T[]) => void) => () => void) =>
      new Promise<T[]>((resolve) => {
        const stop = watch((list) => {
          resolve(list);
          queueMicrotask(() => stop());
        });
      });
    expect(await first((on) => data.watchLineHandovers('plant-t', 'line-t1', '2026-11-01', on))).toEqual([]);
    const listed = await first<RefusedHandover>((on) => data.watchRefusedHandovers!('plant-t', 'line-t1', '2026-11-01', on));
    expect(listed.map((r) => [r.checkIn.id, r.entry.error])).toEqual([[nightCheckIn.id, 'invalid_record']]);
  });

  it('an acknowledgement the server refused leaves the handover pending on the next shift’s banner, which says why beside it', async () => {
    const world = await handoverWorld();
    open.push(world.db);
    const r = refusals();
    const early = { ...nightCheckIn, id: '01KB0000000000000000EARLY1', shiftCode: 'E', productionDate: '2026-11-20', outgoingLeadId: 'person-tom', incomingLeadId: '', openItems: [], acknowledgedItemIds: [], signedAt: '2026-11-20T12:58:00.000Z' };
    const ack = acknowledgeHandover(early, { id: '01KB00000000000000000ACK1', incomingLeadId: 'person-lea', acknowledgedItemIds: [], deviceId: 'DEVICE-TEST', signedAt: '2026-11-20T14:05:00.000Z' });
    await world.db.handovers.bulkInsert([early, ack]);
    r.refuse(ack.id, 'not_allowed', 'Lea Brandt: An operator cannot sign the shift handover.');
    const late = TEST_NOW + 5 * 3_600_000;
    const { session, ui, random } = sessionAs('person-lea', late);
    render(<PendingHandoverBanner db={world.db} setup={world.setup} session={session} ui={ui} clock={{ now: () => late }} random={random} derive={derive} attempts={createPinAttempts()} refused={r.refused} />);
    expect((await screen.findByTestId('pending-handover')).dataset.checkin).toBe(early.id);
    expect(screen.getByTestId(`refused-handover-${ack.id}-reason`).textContent).toBe(
      'The server refused this handover: Lea Brandt may not sign shift handovers here. It is not signed and does not count.',
    );
    fireEvent.click(screen.getByTestId(`refused-handover-${ack.id}-discard`));
    fireEvent.click(screen.getByTestId(`refused-handover-${ack.id}-discard-yes`));
    await waitFor(() => expect(screen.queryByTestId(`refused-handover-${ack.id}`)).toBeNull());
    expect(r.discarded).toEqual([['handovers', ack.id, 'person-lea']]);
    // Still pending: the discarded acknowledgement never counts.
    expect(screen.getByTestId('pending-handover').dataset.checkin).toBe(early.id);
  });
});
