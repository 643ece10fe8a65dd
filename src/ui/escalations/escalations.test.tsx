// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PhotoDecoder } from '../photo/photo-shrink.ts';
import { languageStore } from '../i18n/language.ts';
import { EscalationsScreen } from './escalations-screen.tsx';
import { openEscalationHarness, PEOPLE, PLANT, seedEscalation, TEST_NOW, type Harness } from './testing/escalation-test-setup.tsx';
import { RaiseEscalation } from './raise-escalation.tsx';

const open: Harness[] = [];
afterEach(async () => {
  cleanup();
  vi.useRealTimers();
  languageStore.getState().setLanguage('en');
  await Promise.all(open.splice(0).map((h) => h.db.close()));
});

async function harness(personId = '') {
  const h = await openEscalationHarness(personId);
  open.push(h);
  return h;
}

/** Every tap a person makes goes through here, so the test counts them. */
function tapper() {
  let taps = 0;
  return {
    tap: (el: Element) => {
      taps += 1;
      fireEvent.click(el);
    },
    get count() {
      return taps;
    },
  };
}

function renderScreen(h: Harness, extra: Partial<Parameters<typeof EscalationsScreen>[0]> = {}) {
  return render(<EscalationsScreen db={h.db} session={h.session} ui={h.ui} clock={h.clock} random={h.random} plant={PLANT} {...extra} />);
}

const events = async (h: Harness) => (await h.db.escalation_events.find().exec()).map((d) => d.toMutableJSON());

describe('raising a problem', () => {
  it('takes 3 taps: open, kind, severity; writes the header and its raised step and confirms on screen', async () => {
    const h = await harness(PEOPLE.operator.id);
    h.session.getState().setClockOffset(1_500);
    render(<RaiseEscalation db={h.db} session={h.session} ui={h.ui} clock={h.clock} random={h.random} plant={PLANT} />);
    const t = tapper();
    t.tap(await screen.findByTestId('raise-open'));
    const sheet = screen.getByRole('dialog', { name: 'Raise a problem at Press line 1' });
    expect(within(sheet).getAllByRole('button', { pressed: false }).map((b) => b.textContent)).toEqual(
      expect.arrayContaining(['⛑Safety', '🔍Quality', '⚙Machine', '📦Material', '👥People', '❓Other']),
    );
    t.tap(screen.getByTestId('raise-category-machine'));
    t.tap(screen.getByTestId('raise-severity-high'));
    const done = await screen.findByTestId('raise-done');
    expect(t.count).toBe(3);
    expect(done.textContent).toContain('Raised · Machine · High · 10:00');
    expect(h.ui.getState().toasts.map((x) => x.text)).toEqual(['Raised · Machine · High · 10:00']);

    const [header, ...more] = (await h.db.escalations.find().exec()).map((d) => d.toMutableJSON());
    expect(more).toEqual([]);
    expect(header).toMatchObject({
      plantId: PLANT.id,
      lineId: 'line-t1',
      category: 'machine',
      severity: 'high',
      description: '',
      photo: '',
      raisedBy: PEOPLE.operator.id,
      deviceId: 'DEVICE-TEST',
      // The tablet's clock corrected by the measured offset.
      raisedAt: new Date(TEST_NOW + 1_500).toISOString(),
      receivedAt: '',
    });
    expect(await events(h)).toEqual([expect.objectContaining({ escalationId: header!.id, type: 'raised', personId: PEOPLE.operator.id, at: header!.raisedAt })]);
  });

  it('a note and a photo go into the header when chosen before raising; a note can also follow as a comment', async () => {
    const h = await harness(PEOPLE.lead.id);
    const decoder: PhotoDecoder = { decode: async () => ({ width: 4000, height: 3000, toJpeg: () => 'data:image/jpeg;base64,QUJD', release: () => undefined }) };
    render(<RaiseEscalation db={h.db} session={h.session} ui={h.ui} clock={h.clock} random={h.random} plant={PLANT} photoDecoder={decoder} />);
    fireEvent.click(await screen.findByTestId('raise-open'));
    fireEvent.click(screen.getByTestId('raise-details'));
    fireEvent.click(screen.getByTestId('raise-submit'));
    expect(screen.getByTestId('raise-problem').textContent).toContain('Choose the kind of problem and how bad it is.');
    fireEvent.click(screen.getByTestId('raise-category-safety'));
    // In this path the severity is a choice, not the raise.
    fireEvent.click(screen.getByTestId('raise-severity-critical'));
    expect(screen.getByTestId('raise-severity-critical').getAttribute('aria-pressed')).toBe('true');
    expect(await h.db.escalations.count().exec()).toBe(0);
    fireEvent.input(screen.getByTestId('raise-note'), { target: { value: '  Oil on the walkway at press 1  ' } });
    const input = screen.getByTestId('photo-input') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File(['x'], 'IMG_1.jpg', { type: 'image/jpeg' })] });
    fireEvent.change(input);
    await screen.findByTestId('photo-preview');
    fireEvent.click(screen.getByTestId('raise-submit'));
    await screen.findByTestId('raise-done');
    const header = (await h.db.escalations.find().exec())[0]!.toMutableJSON();
    expect(header).toMatchObject({ category: 'safety', severity: 'critical', description: 'Oil on the walkway at press 1', photo: 'data:image/jpeg;base64,QUJD' });

    fireEvent.click(screen.getByTestId('raise-add-note'));
    fireEvent.input(screen.getByTestId('raise-followup-note'), { target: { value: 'Area fenced off' } });
    fireEvent.click(screen.getByTestId('raise-followup-save'));
    await waitFor(async () => expect((await events(h)).map((e) => e.type).sort()).toEqual(['commented', 'raised']));
    expect((await events(h)).find((e) => e.type === 'commented')).toMatchObject({ comment: 'Area fenced off', personId: PEOPLE.lead.id });
    expect(screen.getByTestId('raise-done').textContent).toContain('Note saved · 10:00');
  });

  it('is not offered to a role that may not raise, nor when nobody is signed in', async () => {
    const h = await harness(PEOPLE.operator.id);
    render(<RaiseEscalation db={h.db} session={h.session} ui={h.ui} clock={h.clock} random={h.random} plant={PLANT} />);
    expect((await screen.findByTestId('raise-open')).textContent).toContain('Raise problem');
    h.session.getState().signIn(PEOPLE.admin.id, TEST_NOW);
    await waitFor(() => expect(screen.queryByTestId('raise-open')).toBeNull());
    h.session.getState().signIn(PEOPLE.lead.id, TEST_NOW);
    await screen.findByTestId('raise-open');
    h.session.getState().signOut();
    await waitFor(() => expect(screen.queryByTestId('raise-open')).toBeNull());
  });

  it('speaks German', async () => {
    languageStore.getState().setLanguage('de');
    const h = await harness(PEOPLE.operator.id);
    render(<RaiseEscalation db={h.db} session={h.session} ui={h.ui} clock={h.clock} random={h.random} plant={PLANT} />);
    fireEvent.click(await screen.findByTestId('raise-open'));
    expect(screen.getByRole('dialog', { name: 'Problem an Press line 1 melden' }).textContent).toContain('Welche Art Problem?');
    expect(screen.getByTestId('raise-category-machine').textContent).toContain('Maschine');
  });
});

describe('the escalation list and detail', () => {
  it('acknowledges in 2 taps from the list, with the person, device and corrected time', async () => {
    const h = await harness(PEOPLE.lead.id);
    h.session.getState().setClockOffset(-2_000);
    const { header } = await seedEscalation(h, { minutesAgo: 5 });
    renderScreen(h);
    const item = await screen.findByTestId(`escalation-${header.id}`);
    expect(item.textContent).toContain('Not acknowledged');
    const t = tapper();
    t.tap(item);
    t.tap(await screen.findByTestId('action-acknowledged'));
    const saved = await screen.findByTestId('step-saved');
    expect(t.count).toBe(2);
    expect(saved.textContent).toContain('Acknowledged · 09:59');
    expect((await events(h)).find((e) => e.type === 'acknowledged')).toMatchObject({
      escalationId: header.id,
      personId: PEOPLE.lead.id,
      deviceId: 'DEVICE-TEST',
      at: new Date(TEST_NOW - 2_000).toISOString(),
    });
    await waitFor(() => expect(screen.getByTestId('escalation-detail').getAttribute('data-state')).toBe('acknowledged'));
    expect(screen.queryByTestId('action-acknowledged')).toBeNull();
    expect(screen.getByTestId('detail-timers').textContent).toContain('Owner: Ben Kraus');
    expect(within(screen.getByTestId('timeline')).getByText('acknowledged it')).toBeTruthy();
  });

  it('resolving asks the 5 Whys one at a time and needs the root cause and the action taken', async () => {
    const h = await harness(PEOPLE.lead.id);
    const { header } = await seedEscalation(h, { minutesAgo: 12 });
    renderScreen(h);
    fireEvent.click(await screen.findByTestId(`escalation-${header.id}`));
    fireEvent.click(await screen.findByTestId('action-resolved'));
    expect(screen.queryByTestId('why-2')).toBeNull();

    fireEvent.click(screen.getByTestId('step-submit'));
    expect(screen.getByTestId('step-problem').textContent).toContain('Answer at least the first "why?"');
    fireEvent.input(screen.getByTestId('why-1'), { target: { value: 'Clamp sensor reads wrong' } });
    fireEvent.input(await screen.findByTestId('why-2'), { target: { value: 'Sensor covered in oil' } });
    await screen.findByTestId('why-3');
    fireEvent.click(screen.getByTestId('step-submit'));
    expect(screen.getByTestId('step-problem').textContent).toContain('Name the root cause.');
    fireEvent.input(screen.getByTestId('root-cause'), { target: { value: 'Leaking hydraulic fitting above the sensor' } });
    fireEvent.click(screen.getByTestId('step-submit'));
    expect(screen.getByTestId('step-problem').textContent).toContain('Describe the action taken.');
    expect((await events(h)).map((e) => e.type)).toEqual(['raised']);

    fireEvent.input(screen.getByTestId('action-taken'), { target: { value: 'Fitting replaced, sensor cleaned' } });
    fireEvent.click(screen.getByTestId('step-submit'));
    expect((await screen.findByTestId('step-saved')).textContent).toContain('Resolved · 10:00');
    expect((await events(h)).find((e) => e.type === 'resolved')).toMatchObject({
      whys: ['Clamp sensor reads wrong', 'Sensor covered in oil'],
      rootCause: 'Leaking hydraulic fitting above the sensor',
      action: 'Fitting replaced, sensor cleaned',
    });
    // Resolved: off the open list, waiting for verification; the resolver is not offered the close.
    await waitFor(() => expect(screen.getByTestId('escalation-detail').getAttribute('data-state')).toBe('resolved'));
    expect(screen.queryByTestId('action-closed')).toBeNull();
    expect(screen.getByTestId('action-commented')).toBeTruthy();
  });

  it('offers an operator only what an operator may do; a supervisor verifies and closes, then may reopen with a reason', async () => {
    const h = await harness(PEOPLE.operator.id);
    const { header } = await seedEscalation(h, { minutesAgo: 3 });
    renderScreen(h);
    fireEvent.click(await screen.findByTestId(`escalation-${header.id}`));
    await screen.findByTestId('action-commented');
    const offered = [...screen.getAllByRole('button')].map((b) => b.getAttribute('data-testid')).filter((id) => id?.startsWith('action-'));
    expect(offered.sort()).toEqual(['action-commented', 'action-escalated']);
    expect(screen.getByTestId('action-escalated').textContent).toBe('Escalate to area / maintenance');

    // Resolved by the lead (on another tablet): the operator may not verify, the supervisor may.
    await h.db.escalation_events.insert({
      id: 'ev-resolved', escalationId: header.id, plantId: PLANT.id, type: 'resolved', at: new Date(TEST_NOW - 60_000).toISOString(),
      personId: PEOPLE.lead.id, deviceId: 'DEVICE-OTHER', tier: 0, toPersonId: '', comment: '', whys: ['w'], rootCause: 'r', action: 'a', receivedAt: '',
    });
    await waitFor(() => expect(screen.getByTestId('escalation-detail').getAttribute('data-state')).toBe('resolved'));
    expect(screen.queryByTestId('action-closed')).toBeNull();
    expect(screen.queryByTestId('action-reopened')).toBeNull();

    h.session.getState().signIn(PEOPLE.supervisor.id, TEST_NOW);
    fireEvent.click(await screen.findByTestId('action-closed'));
    expect((await screen.findByTestId('step-saved')).textContent).toContain('Verified and closed · 10:00');
    await waitFor(() => expect(screen.getByTestId('escalation-detail').getAttribute('data-state')).toBe('closed'));
    fireEvent.click(screen.getByTestId('action-reopened'));
    fireEvent.click(screen.getByTestId('step-submit'));
    expect(screen.getByTestId('step-problem').textContent).toBe('⚠ Write it down first.');
    fireEvent.input(screen.getByTestId('step-note'), { target: { value: 'Jammed again at 10:05' } });
    fireEvent.click(screen.getByTestId('step-submit'));
    await waitFor(() => expect(screen.getByTestId('escalation-detail').getAttribute('data-state')).toBe('open'));
    expect((await events(h)).find((e) => e.type === 'reopened')).toMatchObject({ comment: 'Jammed again at 10:05', personId: PEOPLE.supervisor.id });
  });

  it('reassigns to a person picked from the roster, and contains with a note', async () => {
    const h = await harness(PEOPLE.lead.id);
    const { header } = await seedEscalation(h, { minutesAgo: 3 });
    renderScreen(h);
    fireEvent.click(await screen.findByTestId(`escalation-${header.id}`));
    fireEvent.click(await screen.findByTestId('action-reassigned'));
    fireEvent.click(screen.getByTestId(`reassign-${PEOPLE.responder.id}`));
    expect((await screen.findByTestId('step-saved')).textContent).toContain('Reassigned to Dan Okafor');
    await waitFor(() => expect(screen.getByTestId('detail-timers').textContent).toContain('Owner: Dan Okafor'));
    fireEvent.click(screen.getByTestId('action-contained'));
    fireEvent.input(screen.getByTestId('step-note'), { target: { value: 'Parts from 09:50 in quarantine' } });
    fireEvent.click(screen.getByTestId('step-submit'));
    await waitFor(() => expect(screen.getByTestId('escalation-detail').getAttribute('data-state')).toBe('contained'));
    expect((await events(h)).map((e) => e.type).sort()).toEqual(['contained', 'raised', 'reassigned']);
  });

  it('sorts by severity then age, and lists the whole plant on request', async () => {
    const h = await harness(PEOPLE.lead.id);
    const low = await seedEscalation(h, { minutesAgo: 50, severity: 'low' });
    const highNew = await seedEscalation(h, { minutesAgo: 2, severity: 'high' });
    const highOld = await seedEscalation(h, { minutesAgo: 20, severity: 'high' });
    const otherLine = await seedEscalation(h, { minutesAgo: 1, severity: 'critical', lineId: 'line-t2' });
    renderScreen(h);
    await screen.findByTestId(`escalation-${low.header.id}`);
    const order = () => [...document.querySelectorAll('.esc-item')].map((b) => b.getAttribute('data-testid'));
    expect(order()).toEqual([highOld, highNew, low].map((e) => `escalation-${e.header.id}`));
    fireEvent.click(screen.getByTestId('scope-plant'));
    await waitFor(() => expect(order()[0]).toBe(`escalation-${otherLine.header.id}`));
    expect(screen.getByTestId(`escalation-${otherLine.header.id}`).textContent).toContain('Press line 2');
  });

  it('ticks the timers every second from the passed clock; overdue is marked with icon and words', async () => {
    const h = await harness(PEOPLE.operator.id);
    const { header } = await seedEscalation(h, { minutesAgo: 29 });
    h.clock.set(TEST_NOW + 58_000);
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    renderScreen(h);
    const timers = () => screen.getByTestId(`timers-${header.id}`);
    await screen.findByTestId(`timers-${header.id}`);
    expect(screen.getByTestId(`timers-${header.id}-age`).textContent).toBe('29:58');
    expect(screen.getByTestId(`timers-${header.id}-ack`).textContent).toBe('29:58');
    expect(timers().textContent).toContain('still waiting');
    expect(timers().textContent).toContain('Tier 1 · line lead');
    expect(screen.queryByTestId(`timers-${header.id}-overdue`)).toBeNull();

    h.clock.set(TEST_NOW + 59_000);
    vi.advanceTimersByTime(1_000);
    await waitFor(() => expect(screen.getByTestId(`timers-${header.id}-age`).textContent).toBe('29:59'));
    h.clock.set(TEST_NOW + 65_000);
    vi.advanceTimersByTime(1_000);
    await waitFor(() => expect(screen.getByTestId(`timers-${header.id}-age`).textContent).toBe('30:05'));
    expect(screen.getByTestId(`timers-${header.id}-overdue`).textContent).toBe('⚠ Overdue by 0:05');
    expect(screen.getByTestId(`escalation-${header.id}`).getAttribute('data-overdue')).toBe('true');
    // The tier due now shows at once, before any tier step is written.
    expect(screen.getByTestId(`timers-${header.id}-tier`).textContent).toBe('Tier 2 · area / maintenance');
  });
});
