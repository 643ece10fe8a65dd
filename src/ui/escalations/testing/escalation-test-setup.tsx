/**
 * Test support for the escalation screens: a real database (fake-indexeddb)
 * with one plant on the default tier ladder, a roster with one person per
 * role the flow needs, a session at the plant's line, and a clock tests move.
 * Only tests import this file.
 */
import type { TierboardDatabase } from '../../../db/database.ts';
import { seedIfEmpty } from '../../../db/seed.ts';
import { openTestDatabase } from '../../../db/testing/test-database.ts';
import { DEFAULT_TIER_LADDER } from '../../../domain/escalation/escalation-timers.ts';
import type {
  Escalation,
  EscalationCategory,
  EscalationEvent,
  Severity,
} from '../../../domain/escalation/escalation-types.ts';
import { memoryStorage } from '../../../state/key-value-storage.ts';
import { createSessionStore, SESSION_KEY, type SessionStore } from '../../../state/session-store.ts';
import { createUiStore, type UiStore } from '../../../state/ui-store.ts';
import { seededRandom, TEST_NOW } from '../../testing/test-app.tsx';
import { testLine, testPattern, testPerson, testPlant } from '../../../db/testing/test-fixtures.ts';
import { writeRaise } from '../../../db/escalations/escalation-db.ts';
import { buildRaise } from '../escalation-records.ts';

export { TEST_NOW };

export const PLANT = testPlant({ tierLadder: [...DEFAULT_TIER_LADDER] });
export const LINE = testLine();
export const LINE_2 = testLine({ id: 'line-t2', code: 'T2', name: 'Press line 2' });
export const PEOPLE = {
  operator: testPerson({ id: 'person-ana', name: 'Ana Weber', role: 'operator' }),
  lead: testPerson({ id: 'person-ben', name: 'Ben Kraus', badge: '1002', role: 'shift_lead' }),
  supervisor: testPerson({ id: 'person-carla', name: 'Carla Novak', badge: '1003', role: 'supervisor' }),
  responder: testPerson({ id: 'person-dan', name: 'Dan Okafor', badge: '1004', role: 'responder' }),
  admin: testPerson({ id: 'person-eva', name: 'Eva Lang', badge: '1005', role: 'plant_admin' }),
};

export interface Harness {
  db: TierboardDatabase;
  session: SessionStore;
  ui: UiStore;
  clock: { now(): number; set(ms: number): void };
  random: () => number;
}

export async function openEscalationHarness(personId = ''): Promise<Harness> {
  const db = await openTestDatabase({ devMode: false });
  await seedIfEmpty(db, { plants: [PLANT], lines: [LINE, LINE_2], shift_patterns: [testPattern()], people: Object.values(PEOPLE) });
  const storage = memoryStorage({ [SESSION_KEY]: JSON.stringify({ deviceId: 'DEVICE-TEST', plantId: PLANT.id, lineId: LINE.id }) });
  let t = TEST_NOW;
  const clock = { now: () => t, set: (ms: number) => void (t = ms) };
  const random = seededRandom(7);
  const session = createSessionStore({ storage, nowMs: t, random });
  if (personId) session.getState().signIn(personId, t);
  return { db, session, ui: createUiStore(), clock, random };
}

/** An escalation raised `minutesAgo` before TEST_NOW, written as a tablet would. */
export async function seedEscalation(
  h: Harness,
  opts: { minutesAgo: number; category?: EscalationCategory; severity?: Severity; lineId?: string; by?: string; description?: string },
): Promise<{ header: Escalation; raised: EscalationEvent }> {
  const built = buildRaise({
    plantId: PLANT.id,
    lineId: opts.lineId ?? LINE.id,
    category: opts.category ?? 'machine',
    severity: opts.severity ?? 'high',
    description: opts.description ?? 'Clamp jams on press 1',
    photo: '',
    personId: opts.by ?? PEOPLE.lead.id,
    deviceId: 'DEVICE-OTHER',
    atMs: TEST_NOW - opts.minutesAgo * 60_000,
    random: h.random,
  });
  await writeRaise(h.db, built.header, built.raised);
  return built;
}
