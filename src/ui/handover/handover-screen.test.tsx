// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { TierboardDatabase } from '../../db/database.ts';
import { validateHandover } from '../../domain/handover/handover-rules.ts';
import { languageStore } from '../i18n/language.ts';
import { createPinAttempts } from '../people/pin-attempts.ts';
import { HandoverScreen } from './handover-screen.tsx';
import { OFFSET_MS, PINS, TEST_NOW, derive, handoverWorld, nightCheckIn, sessionAs } from './testing/handover-test-setup.tsx';

const open: TierboardDatabase[] = [];
afterEach(async () => {
  cleanup();
  await Promise.all(open.splice(0).map((db) => db.close()));
});

/** Taps on the sign path, PIN digits aside (the handover's budget: at most 5). */
let taps = 0;
const tap = (id: string) => {
  if (!/^pin-key-\d$/.test(id)) taps += 1;
  fireEvent.click(screen.getByTestId(id));
};
const typePin = (pin: string) => [...pin].forEach((d) => tap(`pin-key-${d}`));
const typeInto = (id: string, text: string) => fireEvent.input(screen.getByTestId(id), { target: { value: text } });

async function renderScreen(as: string) {
  const world = await handoverWorld();
  open.push(world.db);
  const { session, ui, random } = sessionAs(as);
  render(
    <HandoverScreen db={world.db} setup={world.setup} session={session} ui={ui} clock={{ now: () => TEST_NOW }} random={random} derive={derive} attempts={createPinAttempts()} />,
  );
  await screen.findByTestId('handover-compose');
  return { ...world, session, ui };
}

describe('HandoverScreen', () => {
  it('hands over in 4 taps (PIN digits aside) and writes ONE immutable check-in with every field', async () => {
    const { db, ui } = await renderScreen('person-tom');
    expect(screen.getByTestId('handover-shift').textContent).toMatch(/^Shift E · Early · Fri,? 20 Nov 2026$/);
    await waitFor(() => expect(screen.getByTestId('recorded-kpi-oee').textContent).toContain('87.5 %'));
    expect(screen.getByTestId('missing-kpi-scrap').textContent).toContain('Not recorded');
    expect(screen.getByTestId('carried-item-s4').textContent).toContain('Sensor S4 intermittent');

    typeInto('handover-notes', 'Changeover to 4711 done.');
    typeInto('safety-new', 'Oil at station 3, cleaned');
    fireEvent.click(screen.getByTestId('safety-add'));
    // Typed but not added: it goes with the handover all the same.
    typeInto('item-new', 'Order gloves size 10');

    taps = 0;
    tap('hand-over');
    tap('incoming-person-lea');
    expect(screen.getByTestId('review-notes').textContent).toBe('Changeover to 4711 done.');
    expect(screen.getByTestId('ack-count').textContent).toBe('0 of 2 acknowledged');
    tap('ack-all');
    typePin(PINS.lea);
    tap('pin-submit');
    const signed = await screen.findByTestId('handover-signed');
    expect(taps).toBe(4);
    expect(signed.textContent).toContain('Tom Klein → Lea Brandt');

    const stored = (await db.handovers.find().exec()).map((d) => d.toMutableJSON()).filter((c) => c.id !== nightCheckIn.id);
    expect(stored).toHaveLength(1);
    const c = stored[0]!;
    const newItem = c.openItems[1]!;
    expect(c).toEqual({
      id: c.id,
      plantId: 'plant-t',
      lineId: 'line-t1',
      shiftCode: 'E',
      productionDate: '2026-11-20',
      outgoingLeadId: 'person-tom',
      incomingLeadId: 'person-lea',
      notes: 'Changeover to 4711 done.',
      safetyItems: ['Oil at station 3, cleaned'],
      openItems: [{ id: 'item-s4', text: 'Sensor S4 intermittent', since: '2026-11-18' }, { id: newItem.id, text: 'Order gloves size 10', since: '2026-11-20' }],
      acknowledgedItemIds: ['item-s4', newItem.id],
      readingsSnapshot: { 'kpi-oee': 87.5 },
      deviceId: 'DEVICE-TEST',
      signedAt: new Date(TEST_NOW + OFFSET_MS).toISOString(),
      receivedAt: '',
    });
    expect(c.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(newItem.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(validateHandover(c, nightCheckIn)).toBeNull();
    expect(ui.getState().toasts.map((t) => t.text)).toEqual(['Handover signed · Lea Brandt · 10:00']);
  });

  it('drops a carried item marked done, and needs only 3 taps when nothing is left to acknowledge', async () => {
    const { db } = await renderScreen('person-tom');
    fireEvent.click(screen.getByTestId('carried-done-item-s4'));
    expect(screen.getByTestId('carried-done-item-s4').getAttribute('aria-pressed')).toBe('true');
    taps = 0;
    tap('hand-over');
    tap('incoming-person-lea');
    expect(screen.queryByTestId('ack-all')).toBeNull();
    typePin(PINS.lea);
    tap('pin-submit');
    await screen.findByTestId('handover-signed');
    expect(taps).toBe(3);
    const c = (await db.handovers.find({ selector: { shiftCode: 'E' } }).exec()).map((d) => d.toMutableJSON());
    expect(c.map((x) => [x.openItems, x.acknowledgedItemIds])).toEqual([[[], []]]);
  });

  it('refuses the outgoing lead as incoming lead and unacknowledged items, in plain words, and writes nothing', async () => {
    const { db } = await renderScreen('person-tom');
    typeInto('item-new', 'Order gloves size 10');
    tap('hand-over');
    tap('incoming-person-tom');
    expect(screen.getByTestId('handover-problem').textContent).toBe(
      '⚠ Cannot sign yet: The incoming lead must be someone other than the outgoing lead.',
    );
    tap('incoming-person-lea');
    expect(screen.queryByTestId('handover-problem')).toBeNull();

    tap('ack-item-s4');
    typePin(PINS.lea);
    tap('pin-submit');
    const message = screen.getByTestId('sign-with-pin-message');
    expect(message.textContent).toBe('⚠ Cannot sign yet: The incoming lead has not acknowledged “Order gloves size 10” yet.');
    expect(message.getAttribute('role')).toBe('alert');
    expect(await db.handovers.count().exec()).toBe(1); // only the night shift's

    // Un-acknowledging works too; then each item by its own big check button.
    tap('ack-item-s4');
    expect(screen.getByTestId('ack-item-s4').getAttribute('aria-pressed')).toBe('false');
    for (const b of [...document.querySelectorAll<HTMLButtonElement>('[data-testid^="ack-"][aria-pressed="false"]')]) fireEvent.click(b);
    expect(screen.getByTestId('ack-count').textContent).toBe('2 of 2 acknowledged');
    typePin(PINS.lea);
    tap('pin-submit');
    await screen.findByTestId('handover-signed');
    expect(await db.handovers.count().exec()).toBe(2);
  });

  it('says the refusal in German when the tablet speaks German (signing with an unacknowledged item)', async () => {
    const { db } = await renderScreen('person-tom');
    try {
      act(() => languageStore.getState().setLanguage('de'));
      typeInto('item-new', 'Handschuhe Größe 10 bestellen');
      tap('hand-over');
      tap('incoming-person-tom');
      expect(screen.getByTestId('handover-problem').textContent).toBe(
        '⚠ Noch nicht unterschreibbar: Die übernehmende Person muss eine andere sein als die übergebende.',
      );
      tap('incoming-person-lea');
      tap('ack-item-s4');
      typePin(PINS.lea);
      tap('pin-submit');
      expect(screen.getByTestId('sign-with-pin-message').textContent).toBe(
        '⚠ Noch nicht unterschreibbar: Die übernehmende Schichtleitung hat „Handschuhe Größe 10 bestellen“ noch nicht bestätigt.',
      );
      expect(await db.handovers.count().exec()).toBe(1); // only the night shift's
    } finally {
      act(() => languageStore.getState().setLanguage('en'));
    }
  });

  it('a wrong PIN signs nothing', async () => {
    const { db } = await renderScreen('person-tom');
    tap('hand-over');
    tap('incoming-person-lea');
    tap('ack-all');
    typePin(PINS.tom);
    tap('pin-submit');
    await waitFor(() => expect(screen.getByTestId('sign-with-pin-message').textContent).toContain('Wrong PIN'));
    expect(await db.handovers.count().exec()).toBe(1);
    expect(screen.queryByTestId('handover-signed')).toBeNull();
  });

  it('speaks German when the tablet does, without losing what was typed', async () => {
    await renderScreen('person-tom');
    typeInto('handover-notes', 'Band 2 steht.');
    try {
      act(() => languageStore.getState().setLanguage('de'));
      expect(screen.getByTestId('hand-over').textContent).toBe('Übergeben');
      expect(screen.getByTestId('missing-kpi-scrap').textContent).toContain('Nicht erfasst');
      expect((screen.getByTestId('handover-notes') as HTMLTextAreaElement).value).toBe('Band 2 steht.');
    } finally {
      act(() => languageStore.getState().setLanguage('en'));
    }
  });

  it('works out the shift from the server-corrected time: a tablet 70 min ahead at real 13:55 shows and records the early shift', async () => {
    const world = await handoverWorld();
    open.push(world.db);
    // Device says 15:05 in Berlin (late shift, past its grace period); the server says 13:55.
    const deviceNow = TEST_NOW + 5 * 3_600_000 + 5 * 60_000;
    const { session, ui, random } = sessionAs('person-tom', deviceNow);
    session.getState().setClockOffset(-70 * 60_000);
    render(
      <HandoverScreen db={world.db} setup={world.setup} session={session} ui={ui} clock={{ now: () => deviceNow }} random={random} derive={derive} attempts={createPinAttempts()} />,
    );
    await screen.findByTestId('handover-compose');
    expect(screen.getByTestId('handover-shift').textContent).toMatch(/^Shift E · Early · Fri,? 20 Nov 2026$/);
    tap('hand-over');
    tap('handover-sign-alone');
    typePin(PINS.tom);
    tap('pin-submit');
    expect((await screen.findByTestId('handover-signed')).textContent).toMatch(/Shift E · Fri,? 20 Nov 2026 · Tom Klein → next shift lead · 13:55/);

    const stored = (await world.db.handovers.find().exec()).map((d) => d.toMutableJSON()).filter((c) => c.id !== nightCheckIn.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ shiftCode: 'E', productionDate: '2026-11-20', signedAt: '2026-11-20T12:55:00.000Z' });
    expect(validateHandover(stored[0]!, nightCheckIn)).toBeNull();
  });

  it('counts the grace period after the bell in the corrected time too: at real 14:20 on a tablet 70 min ahead it is still the early shift\'s handover', async () => {
    const world = await handoverWorld();
    open.push(world.db);
    // Device says 15:30 in Berlin (90 min into the late shift); the server says 14:20 (20 min in, no early check-in yet).
    const deviceNow = TEST_NOW + 5 * 3_600_000 + 30 * 60_000;
    const { session, ui, random } = sessionAs('person-tom', deviceNow);
    session.getState().setClockOffset(-70 * 60_000);
    render(<HandoverScreen db={world.db} setup={world.setup} session={session} ui={ui} clock={{ now: () => deviceNow }} random={random} />);
    await screen.findByTestId('handover-compose');
    expect(screen.getByTestId('handover-shift').textContent).toMatch(/^Shift E · Early · Fri,? 20 Nov 2026$/);
  });

  it('is not offered to an operator', async () => {
    const world = await handoverWorld();
    open.push(world.db);
    const { session, ui, random } = sessionAs('person-ana');
    render(<HandoverScreen db={world.db} setup={world.setup} session={session} ui={ui} clock={{ now: () => TEST_NOW }} random={random} />);
    expect(screen.getByTestId('handover-not-allowed').textContent).toContain('Only shift leads, supervisors and plant heads hand over a shift.');
    expect(screen.queryByTestId('hand-over')).toBeNull();
  });
});
