/**
 * Test support for the handover screens: a seeded line with an operator and
 * three shift leads (real PIN hashes), the night shift's acknowledged
 * check-in before the test morning, and a session signed in as someone.
 * Only tests import this file.
 */
import { seedIfEmpty } from '../../../db/seed.ts';
import { openTestDatabase } from '../../../db/testing/test-database.ts';
import { hashPin, pbkdf2Derive } from '../../../domain/people/pin.ts';
import { TEST_PIN_ITERATIONS } from '../../../domain/people/testing/test-pins.ts';
import type { HandoverCheckIn } from '../../../domain/handover/handover-types.ts';
import type { KpiReading } from '../../../domain/kpi/kpi-types.ts';
import type { Person } from '../../../domain/people/people-types.ts';
import { memoryStorage } from '../../../state/key-value-storage.ts';
import { createSessionStore, SESSION_KEY } from '../../../state/session-store.ts';
import { createUiStore } from '../../../state/ui-store.ts';
import { seededRandom, TEST_NOW } from '../../testing/test-app.tsx';
import { testKpi, testLine, testPattern, testPerson, testPlant } from '../../../db/testing/test-fixtures.ts';
import type { LineSetup } from '../../../db/readings/reading-data.ts';

export { TEST_NOW };
export const derive = pbkdf2Derive(crypto.subtle);
export const PINS = { tom: '2580', lea: '1397', max: '8642' } as const;
/** Device 1.5 s behind the server: signedAt must carry the correction. */
export const OFFSET_MS = 1_500;

export async function leads(): Promise<Record<'tom' | 'lea' | 'max', Person>> {
  const lead = async (key: keyof typeof PINS, name: string, badge: string) => {
    const pinSalt = `salt-of-${key}-0123456789abcdef`;
    return testPerson({ id: `person-${key}`, name, badge, role: 'shift_lead', pinSalt, pinHash: await hashPin(PINS[key], pinSalt, derive, TEST_PIN_ITERATIONS) });
  };
  return { tom: await lead('tom', 'Tom Klein', '2002'), lea: await lead('lea', 'Lea Brandt', '2003'), max: await lead('max', 'Max Roth', '2004') };
}

export const defs = [
  testKpi(),
  testKpi({ id: 'kpi-scrap', code: 'T1-SCRAP', name: 'Scrap rate', category: 'cost', direction: 'lower_is_better', target: 1, amberThreshold: 1.5, redThreshold: 2.5 }),
];

export const oeeReading: KpiReading = {
  id: '01KAZZ0000000000000000OEE1', kpiId: 'kpi-oee', plantId: 'plant-t', lineId: 'line-t1', shiftCode: 'E', productionDate: '2026-11-20',
  value: 87.5, personId: 'person-ana', deviceId: 'DEVICE-TEST', recordedAt: '2026-11-20T08:00:00.000Z', clockOffsetMs: 0, note: '',
  supersedes: '', correctionReason: '', receivedAt: '',
};

/** The night shift of the 19th (21:00-05:00 UTC in Berlin's winter), handed from Max to Tom, who acknowledged the open item. */
export const nightCheckIn: HandoverCheckIn = {
  id: '01KAZZ00000000000000NIGHT1', plantId: 'plant-t', lineId: 'line-t1', shiftCode: 'N', productionDate: '2026-11-19',
  outgoingLeadId: 'person-max', incomingLeadId: 'person-tom', notes: 'Quiet night.', safetyItems: [],
  openItems: [{ id: 'item-s4', text: 'Sensor S4 intermittent', since: '2026-11-18' }], acknowledgedItemIds: ['item-s4'],
  readingsSnapshot: {}, deviceId: 'DEVICE-TEST', signedAt: '2026-11-20T04:58:00.000Z', receivedAt: '',
};

export async function handoverWorld() {
  const people = await leads();
  const roster = [testPerson(), people.tom, people.lea, people.max];
  const db = await openTestDatabase({ devMode: false });
  await seedIfEmpty(db, { plants: [testPlant()], lines: [testLine()], shift_patterns: [testPattern()], people: roster, kpi_definitions: defs });
  await db.kpi_readings.insert(oeeReading);
  await db.handovers.insert(nightCheckIn);
  const setup: LineSetup = { plant: testPlant(), line: testLine(), pattern: testPattern(), defs, roster };
  return { db, setup, people };
}

export function sessionAs(personId: string, nowMs = TEST_NOW) {
  const storage = memoryStorage({ [SESSION_KEY]: JSON.stringify({ deviceId: 'DEVICE-TEST', plantId: 'plant-t', lineId: 'line-t1' }) });
  const session = createSessionStore({ storage, nowMs, random: seededRandom(7) });
  session.getState().setClockOffset(OFFSET_MS);
  if (personId) session.getState().signIn(personId, nowMs);
  return { session, ui: createUiStore(), random: seededRandom(11) };
}
