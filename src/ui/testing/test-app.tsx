/**
 * Test support: the whole app on a real RxDB database (fake-indexeddb), with
 * a fixed clock and seeded random, and the test plant seeded in.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { expect } from 'vitest';
import { App } from '../../app.tsx';
import type { TierboardDatabase } from '../../db/database.ts';
import { seedIfEmpty } from '../../db/seed.ts';
import { freshDatabaseName, openTestDatabase } from '../../db/testing/test-database.ts';
import { createPrng } from '../../domain/records/prng.ts';
import type { KpiDefinition } from '../../domain/kpi/kpi-types.ts';
import type { Person } from '../../domain/people/people-types.ts';
import { createDraftStore } from '../../state/draft-store.ts';
import { memoryStorage, type KeyValueStorage } from '../../state/key-value-storage.ts';
import { createSessionStore, SESSION_KEY } from '../../state/session-store.ts';
import { createUiStore } from '../../state/ui-store.ts';
import { resetReadinessForTests } from '../readings/readiness.ts';
import { testKpi, testLine, testPattern, testPerson, testPlant } from '../../db/testing/test-fixtures.ts';

/** 2026-11-20 10:00 in Berlin: the early shift (06:00-14:00) of production date 2026-11-20. */
export const TEST_NOW = Date.UTC(2026, 10, 20, 9, 0, 0);

/** A deterministic random source, so ids differ but repeat run to run. */
export function seededRandom(seed = 42): () => number {
  return createPrng(seed).next;
}

export async function openSeededDatabase(name = freshDatabaseName('ui-test'), defs: KpiDefinition[] = [testKpi()], people: Person[] = [testPerson()]) {
  // Dev-mode off: with a DOM present it would load a page from the network.
  const db = await openTestDatabase({ name, devMode: false });
  await seedIfEmpty(db, { plants: [testPlant()], lines: [testLine()], shift_patterns: [testPattern()], people, kpi_definitions: defs });
  return { db, name };
}

export function renderApp(db: TierboardDatabase, opts: { storage?: KeyValueStorage; now?: () => number; chosen?: boolean } = {}) {
  resetReadinessForTests();
  const storage =
    opts.storage ?? memoryStorage(opts.chosen === false ? {} : { [SESSION_KEY]: JSON.stringify({ deviceId: 'DEVICE-TEST', plantId: 'plant-t', lineId: 'line-t1' }) });
  const now = opts.now ?? (() => TEST_NOW);
  const random = seededRandom();
  const session = createSessionStore({ storage, nowMs: now(), random });
  const ui = createUiStore();
  const view = render(<App session={session} ui={ui} openDb={() => Promise.resolve(db)} clock={{ now }} random={random} withSync={false} drafts={createDraftStore(storage, now)} />);
  return { ...view, session, ui, storage };
}

/** Signs a person in as at the tablet: their name from the roster, then their PIN (1234 in the fixtures). */
export async function signInWithPin(personId = 'person-ana', pin = '1234'): Promise<void> {
  fireEvent.click(await screen.findByTestId(`person-${personId}`));
  for (const digit of pin) fireEvent.click(await screen.findByTestId(`pin-key-${digit}`));
  fireEvent.click(screen.getByTestId('pin-submit'));
  await waitFor(() => expect(screen.queryByTestId('operator-picker')).toBeNull(), { timeout: 5_000 });
}
