// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { createDraftStore } from '../../state/draft-store.ts';
import { memoryStorage } from '../../state/key-value-storage.ts';
import { openEscalationHarness, PEOPLE, PLANT, seedEscalation, TEST_NOW, type Harness } from './testing/escalation-test-setup.tsx';
import { EscalationsScreen } from './escalations-screen.tsx';

const open: Harness[] = [];
afterEach(async () => {
  cleanup();
  await Promise.all(open.splice(0).map((h) => h.db.close()));
});

const value = (id: string) => (screen.getByTestId(id) as HTMLInputElement | HTMLTextAreaElement).value;
const typeInto = (id: string, text: string) => fireEvent.input(screen.getByTestId(id), { target: { value: text } });

describe("an escalation step's text is a draft kept on the device", () => {
  it('the 5 Whys come back after leaving the screen, for the person who typed them only, and go once resolved', async () => {
    const h = await openEscalationHarness(PEOPLE.lead.id);
    open.push(h);
    const { header } = await seedEscalation(h, { minutesAgo: 12 });
    const drafts = createDraftStore(memoryStorage(), () => TEST_NOW);
    const show = () => render(<EscalationsScreen db={h.db} session={h.session} ui={h.ui} clock={h.clock} random={h.random} plant={PLANT} drafts={drafts} />);

    const first = show();
    fireEvent.click(await screen.findByTestId(`escalation-${header.id}`));
    fireEvent.click(await screen.findByTestId('action-resolved'));
    typeInto('why-1', 'Clamp sensor reads wrong');
    await screen.findByTestId('why-2');
    typeInto('why-2', 'Sensor covered in oil');
    typeInto('root-cause', 'Leaking hydraulic fitting');
    first.unmount();

    // Someone else at the tablet sees no draft of it.
    h.session.getState().signIn(PEOPLE.supervisor.id, TEST_NOW);
    const other = show();
    fireEvent.click(await screen.findByTestId(`escalation-${header.id}`));
    fireEvent.click(await screen.findByTestId('action-commented'));
    expect(value('step-note')).toBe('');
    other.unmount();

    h.session.getState().signIn(PEOPLE.lead.id, TEST_NOW);
    show();
    fireEvent.click(await screen.findByTestId(`escalation-${header.id}`));
    fireEvent.click(await screen.findByTestId('action-resolved'));
    expect(value('why-1')).toBe('Clamp sensor reads wrong');
    expect(value('why-2')).toBe('Sensor covered in oil');
    expect(value('root-cause')).toBe('Leaking hydraulic fitting');
    typeInto('action-taken', 'Fitting replaced');
    fireEvent.click(screen.getByTestId('step-submit'));
    await screen.findByTestId('step-saved');
    const slot = drafts.slot({ personId: PEOPLE.lead.id, plantId: PLANT.id, lineId: header.lineId, subject: `escalation:${header.id}:resolved` });
    expect(slot?.load()).toBeNull();
  });

  it('a comment comes back when the form opens again; Cancel gives it up', async () => {
    const h = await openEscalationHarness(PEOPLE.lead.id);
    open.push(h);
    const { header } = await seedEscalation(h, { minutesAgo: 3 });
    const drafts = createDraftStore(memoryStorage(), () => TEST_NOW);
    const show = () => render(<EscalationsScreen db={h.db} session={h.session} ui={h.ui} clock={h.clock} random={h.random} plant={PLANT} drafts={drafts} />);

    const first = show();
    fireEvent.click(await screen.findByTestId(`escalation-${header.id}`));
    fireEvent.click(await screen.findByTestId('action-commented'));
    typeInto('step-note', 'Waiting for the fitter');
    first.unmount();

    show();
    fireEvent.click(await screen.findByTestId(`escalation-${header.id}`));
    fireEvent.click(await screen.findByTestId('action-commented'));
    expect(value('step-note')).toBe('Waiting for the fitter');
    fireEvent.click(screen.getByTestId('step-cancel'));
    fireEvent.click(await screen.findByTestId('action-commented'));
    expect(value('step-note')).toBe('');
  });
});
