// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { TierboardDatabase } from '../../db/database.ts';
import { createDraftStore, type DraftStore } from '../../state/draft-store.ts';
import { memoryStorage } from '../../state/key-value-storage.ts';
import { createPinAttempts } from '../people/pin-attempts.ts';
import { HandoverScreen } from './handover-screen.tsx';
import { PINS, TEST_NOW, derive, handoverWorld, sessionAs } from './testing/handover-test-setup.tsx';

const open: TierboardDatabase[] = [];
afterEach(async () => {
  cleanup();
  await Promise.all(open.splice(0).map((db) => db.close()));
});

const typeInto = (id: string, text: string) => fireEvent.input(screen.getByTestId(id), { target: { value: text } });
const value = (id: string) => (screen.getByTestId(id) as HTMLInputElement | HTMLTextAreaElement).value;

describe('the handover draft is kept on the device', () => {
  it('survives leaving the screen and an idle sign-out, for the lead who typed it only, and goes once signed', async () => {
    const world = await handoverWorld();
    open.push(world.db);
    const storage = memoryStorage();
    const drafts: DraftStore = createDraftStore(storage, () => TEST_NOW);
    const { session, ui, random } = sessionAs('person-tom');
    const screenFor = () => (
      <HandoverScreen db={world.db} setup={world.setup} session={session} ui={ui} clock={{ now: () => TEST_NOW }} random={random} drafts={drafts} derive={derive} attempts={createPinAttempts()} />
    );
    const first = render(screenFor());
    await screen.findByTestId('handover-compose');
    typeInto('handover-notes', 'Changeover to 4711 done.');
    typeInto('safety-new', 'Oil at station 3, cleaned');
    fireEvent.click(screen.getByTestId('safety-add'));
    typeInto('item-new', 'Order gloves size 10');
    fireEvent.click(screen.getByTestId('carried-done-item-s4'));

    // Another tab: the screen goes away.
    first.unmount();
    // Idle sign-out; Lea signs in at the same tablet and opens the handover: an empty one.
    session.getState().signOut();
    session.getState().signIn('person-lea', TEST_NOW);
    const lea = render(screenFor());
    await screen.findByTestId('handover-compose');
    expect(value('handover-notes')).toBe('');
    expect(screen.queryByTestId('safety-list')).toBeNull();
    lea.unmount();

    // Tom comes back, on a tablet restarted meanwhile (a new store on the same storage).
    session.getState().signOut();
    session.getState().signIn('person-tom', TEST_NOW);
    const restarted = createDraftStore(storage, () => TEST_NOW);
    render(
      <HandoverScreen db={world.db} setup={world.setup} session={session} ui={ui} clock={{ now: () => TEST_NOW }} random={random} drafts={restarted} derive={derive} attempts={createPinAttempts()} />,
    );
    await screen.findByTestId('handover-compose');
    expect(value('handover-notes')).toBe('Changeover to 4711 done.');
    expect(screen.getByTestId('safety-list').textContent).toContain('Oil at station 3, cleaned');
    expect(value('item-new')).toBe('Order gloves size 10');
    expect(screen.getByTestId('carried-done-item-s4').getAttribute('aria-pressed')).toBe('true');

    // Signed: the draft goes.
    fireEvent.click(screen.getByTestId('hand-over'));
    fireEvent.click(screen.getByTestId('incoming-person-lea'));
    fireEvent.click(screen.getByTestId('ack-all'));
    for (const d of PINS.lea) fireEvent.click(screen.getByTestId(`pin-key-${d}`));
    fireEvent.click(screen.getByTestId('pin-submit'));
    await screen.findByTestId('handover-signed');
    await waitFor(() => expect(restarted.slot({ personId: 'person-tom', plantId: 'plant-t', lineId: 'line-t1', subject: 'handover:E:2026-11-20' })?.load()).toBeNull());
  });
});
