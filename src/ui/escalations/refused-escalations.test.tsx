// @vitest-environment happy-dom
/**
 * Escalation entries the server refused, on the screens where they were made ([C-O6]): a refused
 * step is marked in the escalation's detail (reason in plain words, who may take it, Discard with
 * a confirmation) and counted on its list item, and the escalation shows what the server holds; a
 * refused raise is listed as refused, not as an open escalation. Refusals come from the sync status
 * as the sync client writes it.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { refusedRecordsFrom } from '../../db/refused-records.ts';
import type { CollectionName } from '../../domain/records/collections.ts';
import { createSyncStatusStore, type RefusedEntry, type SyncStatusStore } from '../../sync/status.ts';
import { languageStore } from '../i18n/language.ts';
import { buildStep } from './escalation-records.ts';
import { writeStep } from '../../db/escalations/escalation-db.ts';
import { EscalationsScreen } from './escalations-screen.tsx';
import { RaiseEscalation } from './raise-escalation.tsx';
import { openEscalationHarness, PEOPLE, PLANT, seedEscalation, TEST_NOW, type Harness } from './testing/escalation-test-setup.tsx';

const open: Harness[] = [];
afterEach(async () => {
  cleanup();
  languageStore.getState().setLanguage('en');
  await Promise.all(open.splice(0).map((h) => h.db.close()));
});

/** The sync client's part, by hand: a refusal arrives, and Discard marks it discarded as the log does. */
function refusals() {
  const status: SyncStatusStore = createSyncStatusStore();
  const discarded: [CollectionName, string, string][] = [];
  const set = (refused: RefusedEntry[]) => status.setState({ refused, rejected: refused.filter((r) => r.discardedAtMs === undefined).length });
  const refuse = (collection: CollectionName, id: string, error = 'not_allowed', message = 'Refused.') =>
    set([...status.getState().refused, { collection, id, error, message, atMs: TEST_NOW }]);
  status.setState({
    discardRefused: (collection, id, by) => {
      discarded.push([collection, id, by]);
      set(status.getState().refused.map((r) => (r.collection === collection && r.id === id ? { ...r, discardedAtMs: TEST_NOW, discardedBy: by } : r)));
      return Promise.resolve();
    },
  });
  return { status, refused: refusedRecordsFrom(status), refuse, discarded };
}

async function setUp(personId: string) {
  const h = await openEscalationHarness(personId);
  open.push(h);
  const r = refusals();
  render(<EscalationsScreen db={h.db} session={h.session} ui={h.ui} clock={h.clock} random={h.random} plant={PLANT} refused={r.refused} />);
  return { h, ...r };
}

describe('[C-O6] a refused escalation step on the escalation screens', () => {
  it('an acknowledgement refused after it was saved: the escalation is unanswered again, the step is marked refused with the reason and who may, and Discard asks first', async () => {
    const { h, refuse, discarded } = await setUp(PEOPLE.responder.id);
    const { header } = await seedEscalation(h, { minutesAgo: 45 });
    fireEvent.click(await screen.findByTestId(`escalation-${header.id}`));
    fireEvent.click(await screen.findByTestId('action-acknowledged'));
    await screen.findByTestId('step-saved');
    await waitFor(() => expect(screen.getByTestId('escalation-detail').dataset.state).toBe('acknowledged'));
    const ack = (await h.db.escalation_events.find({ selector: { type: 'acknowledged' } }).exec())[0]!.toMutableJSON();

    // The server says Dan (demoted, unknown to this tablet) may not: it never counts.
    refuse('escalation_events', ack.id, 'not_allowed', 'Dan Okafor: An operator cannot acknowledge escalations.');
    await waitFor(() => expect(screen.getByTestId('escalation-detail').dataset.state).toBe('open'));
    expect(screen.queryByTestId('step-saved')).toBeNull();
    const entry = screen.getByTestId(`refused-step-${ack.id}`);
    expect(entry.textContent).toContain('Refused by the server – does not count');
    expect(entry.textContent).toContain('Dan Okafor acknowledged it');
    expect(screen.getByTestId(`refused-step-${ack.id}-reason`).textContent).toBe(
      'The server refused this step: Dan Okafor may not take the step “Acknowledge” here. It does not count: the escalation shows what the server holds.',
    );
    expect(screen.getByTestId(`refused-step-${ack.id}-way`).textContent).toBe(
      'Ask one of them to do it: shift leads, responders, supervisors and plant heads. Or discard this entry.',
    );
    // Not in the timeline of what happened, and the timers run on: 45 min unanswered is overdue.
    expect(screen.queryByTestId(`timeline-${ack.id}`)).toBeNull();
    expect(screen.getByTestId('detail-timers').textContent).toContain('still waiting');

    // Discard is asked once more; "Keep it" keeps it.
    fireEvent.click(screen.getByTestId(`refused-step-${ack.id}-discard`));
    fireEvent.click(within(screen.getByTestId(`refused-step-${ack.id}-confirm`)).getByText('Keep it'));
    expect(discarded).toEqual([]);
    fireEvent.click(screen.getByTestId(`refused-step-${ack.id}-discard`));
    fireEvent.click(screen.getByTestId(`refused-step-${ack.id}-discard-yes`));
    await waitFor(() => expect(screen.queryByTestId(`refused-step-${ack.id}`)).toBeNull());
    expect(discarded).toEqual([['escalation_events', ack.id, PEOPLE.responder.id]]);
    // Discarded, it still does not count; the record stays on the device.
    expect(screen.getByTestId('escalation-detail').dataset.state).toBe('open');
    expect(await h.db.escalation_events.findOne(ack.id).exec()).not.toBeNull();
  });

  it('the list shows the server’s state with the refused steps counted on the item, on the tablet as in German', async () => {
    const { h, refuse } = await setUp(PEOPLE.supervisor.id);
    const { header } = await seedEscalation(h, { minutesAgo: 20 });
    const step = (type: 'acknowledged' | 'contained', minutes: number) =>
      buildStep({ escalation: header, type, personId: PEOPLE.responder.id, deviceId: 'DEVICE-TEST', atMs: TEST_NOW - minutes * 60_000, random: h.random, comment: 'Fenced off' });
    const ack = step('acknowledged', 15);
    const contain = step('contained', 10);
    await writeStep(h.db, ack);
    await writeStep(h.db, contain);
    const item = await screen.findByTestId(`escalation-${header.id}`);
    await waitFor(() => expect(item.textContent).toContain('Contained'));
    refuse('escalation_events', contain.id, 'invalid_record', 'Texts are limited to 2000 characters.');
    await waitFor(() => expect(item.textContent).toContain('Acknowledged'));
    expect(screen.getByTestId(`refused-count-${header.id}`).textContent).toContain('1 step refused by the server: it does not count');

    languageStore.getState().setLanguage('de');
    fireEvent.click(item);
    const entry = await screen.findByTestId(`refused-step-${contain.id}`);
    expect(entry.textContent).toContain('Vom Server abgelehnt – zählt nicht');
    expect(screen.getByTestId(`refused-step-${contain.id}-reason`).textContent).toBe(
      'Der Server hat diesen Schritt („Eindämmen“) abgelehnt. Er zählt nicht: Die Eskalation zeigt den Stand des Servers. Der Server meldet: Texts are limited to 2000 characters.',
    );
    expect(screen.getByTestId(`refused-step-${contain.id}-way`).textContent).toBe('Wenden Sie sich an die Werksadministration, oder verwerfen Sie den Eintrag.');
  });

  it('a refused raise is listed as refused, not as an open escalation; Discard gives up the raise and its step', async () => {
    const { h, refuse, discarded } = await setUp(PEOPLE.lead.id);
    const { header, raised } = await seedEscalation(h, { minutesAgo: 5, by: PEOPLE.admin.id });
    await screen.findByTestId(`escalation-${header.id}`);
    refuse('escalations', header.id, 'not_allowed', 'Eva Lang: A plant admin cannot raise escalations.');
    refuse('escalation_events', raised.id, 'not_allowed', 'Eva Lang: A plant admin cannot raise escalations.');
    const entry = await screen.findByTestId(`refused-raise-${header.id}`);
    expect(screen.queryByTestId(`escalation-${header.id}`)).toBeNull();
    expect(screen.getByTestId('escalations-empty')).toBeTruthy();
    expect(entry.textContent).toContain('Machine · Press line 1 · raised by Eva Lang');
    expect(screen.getByTestId(`refused-raise-${header.id}-reason`).textContent).toBe(
      'The server refused this problem report: Eva Lang may not raise escalations here. Nobody is called for it.',
    );
    expect(screen.getByTestId(`refused-raise-${header.id}-way`).textContent).toBe(
      'Ask one of them to do it: operators, shift leads, responders, supervisors and plant heads. Or discard this entry.',
    );
    fireEvent.click(screen.getByTestId(`refused-raise-${header.id}-discard`));
    fireEvent.click(screen.getByTestId(`refused-raise-${header.id}-discard-yes`));
    await waitFor(() => expect(screen.queryByTestId(`refused-raise-${header.id}`)).toBeNull());
    expect(discarded).toEqual([
      ['escalation_events', raised.id, PEOPLE.lead.id],
      ['escalations', header.id, PEOPLE.lead.id],
    ]);
    expect(screen.queryByTestId(`escalation-${header.id}`)).toBeNull();
  });

  it('a refused reopen of a closed escalation: it stays closed, and is listed apart so the refused step is shown', async () => {
    const { h, refuse } = await setUp(PEOPLE.supervisor.id);
    const { header } = await seedEscalation(h, { minutesAgo: 60 });
    let minutes = 50;
    const step = async (type: 'acknowledged' | 'resolved' | 'closed' | 'reopened', personId: string, fields = {}) => {
      const e = buildStep({ escalation: header, type, personId, deviceId: 'DEVICE-TEST', atMs: TEST_NOW - (minutes -= 10) * 60_000, random: h.random, ...fields });
      await writeStep(h.db, e);
      return e;
    };
    await step('acknowledged', PEOPLE.responder.id);
    await step('resolved', PEOPLE.responder.id, { whys: ['Sensor dirty'], rootCause: 'No cleaning step', action: 'Cleaned' });
    await step('closed', PEOPLE.supervisor.id);
    const reopen = await step('reopened', PEOPLE.supervisor.id, { comment: 'Jams again' });
    await screen.findByTestId(`escalation-${header.id}`); // reopened: in the open list
    refuse('escalation_events', reopen.id, 'not_allowed', 'Carla Novak: A shift lead cannot reopen escalations.');
    const section = await screen.findByTestId('closed-with-refused');
    expect(section.textContent).toContain('Closed, with a step the server refused');
    expect(section.textContent).toContain('Closed');
    fireEvent.click(within(section).getByTestId(`escalation-${header.id}`));
    await screen.findByTestId(`refused-step-${reopen.id}`);
    expect(screen.getByTestId('escalation-detail').dataset.state).toBe('closed');
    expect(screen.getByTestId(`refused-step-${reopen.id}-way`).textContent).toBe('Ask one of them to do it: supervisors and plant heads. Or discard this entry.');
  });

  it('nobody signed in: the refused step is shown, Discard is not offered', async () => {
    const { h, refuse } = await setUp('');
    const { header } = await seedEscalation(h, { minutesAgo: 5 });
    const ack = buildStep({ escalation: header, type: 'acknowledged', personId: PEOPLE.lead.id, deviceId: 'DEVICE-TEST', atMs: TEST_NOW - 60_000, random: h.random });
    await writeStep(h.db, ack);
    refuse('escalation_events', ack.id);
    fireEvent.click(await screen.findByTestId(`escalation-${header.id}`));
    const entry = await screen.findByTestId(`refused-step-${ack.id}`);
    expect(entry.textContent).toContain('Sign in to discard it.');
    expect(screen.queryByTestId(`refused-step-${ack.id}-discard`)).toBeNull();
  });

  it('"Raised" gives way to "refused" when the server refuses the raise while the sheet is still open', async () => {
    const h = await openEscalationHarness(PEOPLE.lead.id);
    open.push(h);
    const r = refusals();
    render(<RaiseEscalation db={h.db} session={h.session} ui={h.ui} clock={h.clock} random={h.random} plant={PLANT} refused={r.refused} />);
    fireEvent.click(await screen.findByTestId('raise-open'));
    fireEvent.click(screen.getByTestId('raise-category-machine'));
    fireEvent.click(screen.getByTestId('raise-severity-high'));
    await screen.findByTestId('raise-done');
    const header = (await h.db.escalations.find().exec())[0]!.toMutableJSON();
    r.refuse('escalations', header.id, 'not_allowed', 'Ben Kraus: A plant admin cannot raise escalations.');
    await screen.findByTestId('raise-refused');
    expect(screen.queryByTestId('raise-done')).toBeNull();
    expect(screen.getByTestId('raise-refused-entry-reason').textContent).toBe(
      'The server refused this problem report: Ben Kraus may not raise escalations here. Nobody is called for it.',
    );
    expect(screen.getByTestId('raise-refused-entry').textContent).toContain('Machine · High · 10:00');
    fireEvent.click(screen.getByTestId('raise-close'));
    await waitFor(() => expect(screen.queryByTestId('raise-refused')).toBeNull());
  });
});
