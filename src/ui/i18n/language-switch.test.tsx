// @vitest-environment happy-dom
/**
 * Switching language on the floor: every screen speaks the new language at once,
 * and nothing typed is lost (the number pad keeps its digits and note, and saves them).
 * App subscribes to `languageStore` and re-renders in place; these tests render App
 * exactly as main.tsx does, so they fail if that subscription (or a remount) goes wrong.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../app.tsx';
import type { TierboardDatabase } from '../../db/database.ts';
import { memoryStorage } from '../../state/key-value-storage.ts';
import { createSessionStore, SESSION_KEY } from '../../state/session-store.ts';
import { createUiStore } from '../../state/ui-store.ts';
import { resetReadinessForTests } from '../readings/readiness.ts';
import { openSeededDatabase, seededRandom, TEST_NOW } from '../testing/test-app.tsx';
import { press } from '../testing/test-taps.ts';
import { languageStore } from './language.ts';
import { preloadReadingScreen } from '../readings/reading-screen.tsx';

// The number pad loads after the screen is up (it is not in the first screen's budget); tests tap at once.
beforeAll(preloadReadingScreen);

const open: TierboardDatabase[] = [];
afterEach(async () => {
  cleanup();
  languageStore.getState().setLanguage('en');
  await Promise.all(open.splice(0).map((db) => db.close()));
});

async function appAtTheLine() {
  const { db } = await openSeededDatabase();
  open.push(db);
  resetReadinessForTests();
  const storage = memoryStorage({ [SESSION_KEY]: JSON.stringify({ deviceId: 'DEVICE-TEST', plantId: 'plant-t', lineId: 'line-t1' }) });
  const random = seededRandom();
  const now = () => TEST_NOW;
  const session = createSessionStore({ storage, nowMs: now(), random });
  // Signed in through the store: how someone signs in (name, badge, PIN) is not what these tests are about.
  session.getState().signIn('person-ana', now());
  const ui = createUiStore();
  render(<App session={session} ui={ui} openDb={() => Promise.resolve(db)} clock={{ now }} random={random} withSync={false} />);
  return { db };
}

describe('switching language', () => {
  it('keeps the digits and the note typed in the number pad, speaks German at once, and saves what was typed', async () => {
    const { db } = await appAtTheLine();
    fireEvent.click(await screen.findByTestId('kpi-kpi-oee'));
    press('pad-8', 'pad-7', 'pad-dot', 'pad-5');
    fireEvent.input(screen.getByTestId('pad-note'), { target: { value: 'Band stand 10 min' } });
    expect(screen.getByRole('dialog', { name: 'Record OEE' })).toBeTruthy();

    act(() => languageStore.getState().setLanguage('de'));

    const pad = screen.getByRole('dialog', { name: 'OEE erfassen' });
    expect(within(pad).getByTestId('pad-display').textContent).toBe('87.5%');
    expect((within(pad).getByTestId('pad-note') as HTMLInputElement).value).toBe('Band stand 10 min');
    expect(within(pad).getByTestId('pad-save').textContent).toContain('Speichern');
    expect(within(pad).getByTestId('pad-cancel').textContent).toBe('Abbrechen');
    expect(screen.getByTestId('sign-out').textContent).toBe('Abmelden');

    press('pad-save');
    // Numbers stay in the plant's locale (en-GB here), whatever language the screen speaks.
    expect((await screen.findByTestId('saved-toast')).textContent).toContain('Gespeichert · 87.5 % OEE');
    const saved = await db.kpi_readings.find().exec();
    expect(saved.map((r) => [r.value, r.note])).toEqual([[87.5, 'Band stand 10 min']]);
  });

  it('is offered in the About panel as two pressed/unpressed buttons and switches the panel and the screen behind it', async () => {
    await appAtTheLine();
    fireEvent.click(await screen.findByTestId('open-about'));
    const panel = await screen.findByRole('dialog', { name: 'About this device' });
    const english = within(panel).getByTestId('language-en');
    const german = within(panel).getByTestId('language-de');
    expect(english.textContent).toContain('English');
    expect(german.textContent).toContain('Deutsch');
    expect(german.getAttribute('lang')).toBe('de');
    expect(english.getAttribute('aria-pressed')).toBe('true');
    expect(german.getAttribute('aria-pressed')).toBe('false');

    fireEvent.click(german);

    await waitFor(() => expect(screen.getByRole('dialog', { name: 'Über dieses Gerät' })).toBe(panel));
    expect(german.getAttribute('aria-pressed')).toBe('true');
    expect(english.getAttribute('aria-pressed')).toBe('false');
    expect(within(panel).getByTestId('about-change-line').textContent).toBe('Linie wechseln');
    expect(within(panel).getByRole('group', { name: 'Sprache' })).toBeTruthy();
    expect(screen.getByTestId('sign-out').textContent).toBe('Abmelden');
    expect(globalThis.localStorage.getItem('tierboard.language')).toBe('de');
    expect(document.documentElement.lang).toBe('de');

    fireEvent.click(english);
    await waitFor(() => expect(within(panel).getByTestId('about-change-line').textContent).toBe('Change line'));
    expect(english.getAttribute('aria-pressed')).toBe('true');
  });
});
