// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TierboardDatabase } from '../../db/database.ts';
import { isAcknowledged, validateHandover } from '../../domain/handover/handover-rules.ts';
import type { HandoverCheckIn } from '../../domain/handover/handover-types.ts';
import { createPinAttempts } from '../people/pin-attempts.ts';
import { HandoverScreen } from './handover-screen.tsx';
import { OFFSET_MS, PINS, TEST_NOW, derive, handoverWorld, nightCheckIn, sessionAs } from './testing/handover-test-setup.tsx';
import { PendingHandoverBanner } from './pending-handover-banner.tsx';
import { press } from '../testing/test-taps.ts';

const open: TierboardDatabase[] = [];
afterEach(async () => {
  cleanup();
  await Promise.all(open.splice(0).map((db) => db.close()));
});

const typePin = (pin: string) => press(...[...pin].map((d) => `pin-key-${d}`));
/** 15:00 in Berlin: the late shift, the one after the test morning's early shift. */
const LATE_NOW = TEST_NOW + 5 * 3_600_000;

/** Tom hands the early shift over alone (nobody takes over in person): the check-in waits for the late shift. */
async function earlyShiftSignedAlone() {
  const world = await handoverWorld();
  open.push(world.db);
  const { session, ui, random } = sessionAs('person-tom');
  const view = render(
    <HandoverScreen db={world.db} setup={world.setup} session={session} ui={ui} clock={{ now: () => TEST_NOW }} random={random} derive={derive} attempts={createPinAttempts()} />,
  );
  await screen.findByTestId('handover-compose');
  fireEvent.input(screen.getByTestId('item-new'), { target: { value: 'Order gloves size 10' } });
  press('hand-over', 'handover-sign-alone');
  typePin(PINS.tom);
  press('pin-submit');
  expect((await screen.findByTestId('handover-signed')).textContent).toContain('until the next shift lead acknowledges it');
  view.unmount();
  const [early] = (await world.db.handovers.find({ selector: { shiftCode: 'E' } }).exec()).map((d) => d.toMutableJSON());
  return { ...world, early: early! };
}

function renderBanner(world: Awaited<ReturnType<typeof earlyShiftSignedAlone>>, as: string, deviceNow = LATE_NOW, offsetMs = OFFSET_MS, onPending?: (p: HandoverCheckIn | null) => void) {
  const { session, ui, random } = sessionAs(as, deviceNow);
  session.getState().setClockOffset(offsetMs);
  render(
    <PendingHandoverBanner db={world.db} setup={world.setup} session={session} ui={ui} clock={{ now: () => deviceNow }} random={random} onPending={onPending} derive={derive} attempts={createPinAttempts()} />,
  );
  return { ui };
}

const MINUTE = 60_000;
/** Real 13:55 in Berlin (the early shift's last minutes) on a tablet whose clock runs 70 minutes ahead: it says 15:05. */
const AHEAD = { deviceNow: TEST_NOW + 5 * 3_600_000 + 5 * MINUTE, offsetMs: -70 * MINUTE };
/** Real 14:10 in Berlin: the late shift has begun. */
const LATE_START = TEST_NOW + 4 * 3_600_000 + 10 * MINUTE;

describe('PendingHandoverBanner', () => {
  it('shows the handover signed alone on the next shift until the incoming lead acknowledges it with their PIN', async () => {
    const world = await earlyShiftSignedAlone();
    expect(world.early).toMatchObject({ outgoingLeadId: 'person-tom', incomingLeadId: '', acknowledgedItemIds: [], signedAt: new Date(TEST_NOW + OFFSET_MS).toISOString() });
    expect(isAcknowledged(world.early)).toBe(false);

    const { ui } = renderBanner(world, 'person-lea');
    const banner = await screen.findByTestId('pending-handover');
    expect(banner.textContent).toMatch(/Handover from shift E · Fri,? 20 Nov 2026 · Tom Klein: 2 open items to acknowledge\./);

    // Closing without signing, or a wrong PIN, leaves it there.
    press('pending-handover-open', 'pending-handover-close');
    expect(screen.queryByRole('dialog')).toBeNull();
    press('pending-handover-open');
    expect(screen.getByRole('dialog', { name: 'Acknowledge the handover' })).toBeTruthy();
    // Lea is signed in and may sign: she reviews at once, no picking.
    expect(screen.getByTestId('handover-review').textContent).toContain('Review and sign: Lea Brandt');
    press('ack-all');
    typePin(PINS.max);
    press('pin-submit');
    await waitFor(() => expect(screen.getByTestId('sign-with-pin-message').textContent).toContain('Wrong PIN'));
    expect(screen.getByTestId('pending-handover')).toBeTruthy();

    typePin(PINS.lea);
    press('pin-submit');
    await waitFor(() => expect(screen.queryByTestId('pending-handover')).toBeNull());
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(ui.getState().toasts.map((t) => t.text)).toEqual(['Handover acknowledged · Lea Brandt · 15:00']);

    const all = (await world.db.handovers.find({ selector: { shiftCode: 'E' } }).exec()).map((d) => d.toMutableJSON());
    expect(all).toHaveLength(2);
    const ack = all.find((c) => c.id !== world.early.id)!;
    // The follow-up repeats the handover and adds the signature; the first one is untouched.
    expect(all.find((c) => c.id === world.early.id)).toEqual(world.early);
    expect(ack).toEqual<HandoverCheckIn>({
      ...world.early,
      id: ack.id,
      incomingLeadId: 'person-lea',
      acknowledgedItemIds: world.early.openItems.map((i) => i.id),
      signedAt: new Date(LATE_NOW + OFFSET_MS).toISOString(),
      receivedAt: '',
    });
    expect(validateHandover(ack, nightCheckIn)).toBeNull();
    expect(isAcknowledged(ack)).toBe(true);
  });

  it('asks who takes over when no other lead is signed in, and refuses the outgoing lead', async () => {
    const world = await earlyShiftSignedAlone();
    renderBanner(world, 'person-ana');
    fireEvent.click(await screen.findByTestId('pending-handover-open'));
    press('incoming-person-tom');
    expect(screen.getByTestId('handover-problem').textContent).toBe('⚠ Cannot sign yet: The incoming lead must be someone other than the outgoing lead.');
    press('incoming-person-max');
    typePin(PINS.max);
    press('pin-submit');
    expect(screen.getByTestId('sign-with-pin-message').textContent).toBe('⚠ Cannot sign yet: The incoming lead has not acknowledged “Sensor S4 intermittent” yet.');
    press('ack-all');
    typePin(PINS.max);
    press('pin-submit');
    await waitFor(() => expect(screen.queryByTestId('pending-handover')).toBeNull());
  });

  it('hands the early shift over from a tablet 70 min ahead as the early shift, so the late shift\'s banner on a right tablet shows it', async () => {
    const world = await handoverWorld();
    open.push(world.db);
    const { session, ui, random } = sessionAs('person-tom', AHEAD.deviceNow);
    session.getState().setClockOffset(AHEAD.offsetMs);
    const view = render(
      <HandoverScreen db={world.db} setup={world.setup} session={session} ui={ui} clock={{ now: () => AHEAD.deviceNow }} random={random} derive={derive} attempts={createPinAttempts()} />,
    );
    await screen.findByTestId('handover-compose');
    expect(screen.getByTestId('handover-shift').textContent).toMatch(/^Shift E · Early/);
    press('hand-over', 'handover-sign-alone');
    typePin(PINS.tom);
    press('pin-submit');
    await screen.findByTestId('handover-signed');
    view.unmount();
    const early = (await world.db.handovers.find({ selector: { shiftCode: 'E' } }).exec()).map((d) => d.toMutableJSON());
    expect(early.map((c) => [c.productionDate, c.signedAt])).toEqual([['2026-11-20', '2026-11-20T12:55:00.000Z']]);

    // 14:10 on a tablet with the right time: the late shift's start screen.
    renderBanner({ ...world, early: early[0]! }, 'person-lea', LATE_START, 0);
    expect((await screen.findByTestId('pending-handover')).getAttribute('data-checkin')).toBe(early[0]!.id);
  });

  it('takes the current shift from the corrected time: on a tablet 70 min ahead at real 13:55 the early shift\'s own handover is not pending', async () => {
    const world = await earlyShiftSignedAlone();
    const told = vi.fn();
    renderBanner(world, 'person-lea', AHEAD.deviceNow, AHEAD.offsetMs, told);
    await waitFor(() => expect(told).toHaveBeenCalledWith(null));
    expect(screen.queryByTestId('pending-handover')).toBeNull();
  });

  it('takes the current shift from the corrected time: on a tablet 70 min behind at real 14:10 the early shift\'s handover is pending', async () => {
    const world = await earlyShiftSignedAlone();
    renderBanner(world, 'person-lea', LATE_START - 70 * MINUTE, 70 * MINUTE);
    expect((await screen.findByTestId('pending-handover')).getAttribute('data-checkin')).toBe(world.early.id);
  });

  it('shows nothing when the previous shift was handed over in person', async () => {
    const world = await handoverWorld();
    open.push(world.db);
    // At the early shift, the latest handover is the night shift's, acknowledged by Tom.
    const { session, ui, random } = sessionAs('person-tom');
    const told = vi.fn();
    const { container } = render(
      <PendingHandoverBanner db={world.db} setup={world.setup} session={session} ui={ui} clock={{ now: () => TEST_NOW }} random={random} onPending={told} />,
    );
    await waitFor(() => expect(told).toHaveBeenCalledWith(null));
    expect(container.innerHTML).toBe('');
  });
});
