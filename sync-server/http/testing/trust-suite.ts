/**
 * The trust model, section T of sync-server/SPEC.md, run against each store engine
 * (trust-sqlite.test.ts, trust-postgres.test.ts). Each test names the rule it checks.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatHlc } from '../../../src/domain/merge/hlc.ts';
import { stampEdit } from '../../../src/domain/merge/merge.ts';
import { isFloorRole } from '../../../src/domain/people/permissions.ts';
import type { Person, Role } from '../../../src/domain/people/people-types.ts';
import { DEMO_PIN } from '../../../src/demo/demo-people.ts';
import { hashPin, parsePinHash, verifyPin } from '../../../src/domain/people/pin.ts';
import { TEST_PIN_ITERATIONS } from '../../../src/domain/people/testing/test-pins.ts';
import { PERSON_SESSION_TTL_MS, PIN_LOCKOUT_MS, WRONG_PINS_PER_DEVICE, WRONG_PINS_PER_PERSON } from '../../auth/person-sessions.ts';
import { nodePbkdf2Derive } from '../../auth/pin-derive.ts';
import {
  BOCHUM,
  PEOPLE,
  PEORIA,
  PR1,
  enroll,
  pullAll,
  push,
  reading,
  row,
  signInOnServer,
  startTestServer,
  type Engine,
  type Enrolled,
  type TestServer,
} from './test-support.ts';

/** Bochum's roster holds the demo's enterprise admin; Peoria devices cannot see it. */
const ENTERPRISE_ADMIN = 'person-bochum-tobias-lehmann';
const PEORIA_ADMIN = 'person-peoria-jason-rivera';
const PEORIA_OPERATOR = 'person-peoria-cody-miller';

export function trustSuite(engine: Engine): void {
  describe(`trust (section T) on ${engine.name}`, () => {
    let s: TestServer;
    beforeEach(async () => {
      s = await startTestServer(engine);
    });
    afterEach(async () => {
      await s.close();
    });

    const stored = async (collection: 'people', id: string) => (await s.store.getByIds(collection, [id]))[0];

    /** An edit of a stored person, as a people admin screen would push it. */
    async function personEdit(device: Enrolled, id: string, changes: Partial<Person>) {
      const base = (await stored('people', id))?.data as unknown as Person;
      const changed = stampEdit(base, changes, formatHlc({ wallMs: s.clock.now, counter: 0, nodeId: device.deviceId }), device.deviceId);
      return { newDocumentState: { ...changed, _deleted: false }, assumedMasterState: { ...base, _deleted: false } };
    }

    it("[T1] a tablet cannot act as a person of another plant's roster, not even an enterprise admin", async () => {
      const peoria = await enroll(s, 'tablet', PEORIA, 'line-peoria-fab1');
      // The reproduction: Peoria's tablet names Bochum's enterprise admin to make its own operator one.
      const res = await push(s, peoria, 'people', [await personEdit(peoria, PEORIA_OPERATOR, { role: 'enterprise_admin' })], { 'x-tierboard-person': ENTERPRISE_ADMIN });
      expect(res.statusCode).toBe(200);
      expect(res.json<{ rejected: unknown[] }>().rejected).toEqual([{ id: PEORIA_OPERATOR, error: 'unknown_person', message: expect.not.stringContaining('plant-bochum') }]);
      expect((await stored('people', PEORIA_OPERATOR))?.data).toMatchObject({ role: 'operator' });

      // ...nor sign them in on the server, even with their right PIN: another plant's person is
      // answered as a person nobody knows, so an admin route never acts for them.
      const session = (personId: string) => s.app.inject({ method: 'POST', url: '/api/person-sessions', headers: peoria.auth, payload: { personId, pin: DEMO_PIN } });
      const [theirs, nobody] = [await session(ENTERPRISE_ADMIN), await session('person-nobody-knows')];
      expect(theirs.statusCode).toBe(403);
      expect(theirs.json()).toMatchObject({ error: 'wrong_pin' });
      expect(nobody.json()).toEqual(theirs.json());
    });

    it('[T3] a wall screen is sent no PIN hash or salt at all', async () => {
      const wall = await enroll(s, 'wall_screen');
      const people = await pullAll(s, wall, 'people');
      expect(people.length).toBeGreaterThan(10);
      for (const p of people) expect([p.id, p.pinHash, p.pinSalt]).toEqual([p.id, '', '']);
    });

    it("[T3] a tablet is sent the PIN hashes of its own plant's floor roles only", async () => {
      const tablet = await enroll(s, 'tablet');
      const people = await pullAll(s, tablet, 'people');
      const roles = new Set(people.map((p) => p.role as Role));
      expect(roles.has('plant_admin') && roles.has('enterprise_admin') && roles.has('operator')).toBe(true);
      for (const p of people) {
        expect(p.plantId).toBe(BOCHUM);
        if (isFloorRole(p.role as Role)) expect(p.pinHash, String(p.id)).not.toBe('');
        else expect([p.id, p.pinHash, p.pinSalt]).toEqual([p.id, '', '']);
      }
      // The store keeps every hash: only what is sent is cut.
      expect((await stored('people', PEOPLE.admin))?.data.pinHash).not.toBe('');
    });

    it("[T5] revoking another plant's device is answered as for a device that does not exist", async () => {
      const peoria = await enroll(s, 'tablet', PEORIA, 'line-peoria-fab1');
      const bochumDevice = await enroll(s, 'tablet');
      const session = await signInOnServer(s, peoria, PEORIA_ADMIN);
      const ask = (id: string) => s.app.inject({ method: 'POST', url: `/api/devices/${id}/revoke`, headers: { ...peoria.auth, ...session } });
      const [theirs, nobody] = [await ask(bochumDevice.deviceId), await ask('device-nobody-enrolled')];
      expect(theirs.statusCode).toBe(404);
      expect(theirs.json()).toEqual(nobody.json());
      expect(JSON.stringify(theirs.json())).not.toContain(BOCHUM);
      expect((await s.store.getDevice(bochumDevice.deviceId))?.revokedAt).toBeNull();
    });

    it('[T6] only the holder of a revoked token hears it was revoked; a caller naming the device id hears the token is not valid', async () => {
      const admin = await enroll(s, 'tablet');
      const victim = await enroll(s, 'tablet');
      const revoked = await s.app.inject({ method: 'POST', url: `/api/devices/${victim.deviceId}/revoke`, headers: { ...admin.auth, ...(await signInOnServer(s, admin, PEOPLE.admin)) } });
      expect(revoked.statusCode).toBe(200);
      const holder = await s.app.inject({ method: 'GET', url: '/api/me', headers: victim.auth });
      expect(holder.statusCode).toBe(401);
      expect(holder.json()).toMatchObject({ error: 'device_revoked' });
      expect(holder.json<{ message: string }>().message).not.toContain(BOCHUM);
      const stranger = await s.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${victim.deviceId}.${'A'.repeat(43)}` } });
      expect(stranger.statusCode).toBe(401);
      expect(stranger.json()).toEqual({ error: 'unknown_token', message: expect.not.stringContaining(BOCHUM) });
    });
    const openSession = (device: Enrolled, personId: string, pin: string) =>
      s.app.inject({ method: 'POST', url: '/api/person-sessions', headers: device.auth, payload: { personId, pin } });
    const makeCode = (device: Enrolled, headers: Record<string, string>) =>
      s.app.inject({ method: 'POST', url: '/api/enrollment-codes', headers: { ...device.auth, ...headers }, payload: { plantId: BOCHUM, kind: 'tablet' } });

    it("[T2] admin routes act for a person session the server verified, of this very device, for 15 minutes; a person header alone is not enough", async () => {
      const desk = await enroll(s, 'tablet');
      const other = await enroll(s, 'tablet');
      const claimed = await makeCode(desk, { 'x-tierboard-person': PEOPLE.admin });
      expect(claimed.statusCode).toBe(403);
      expect(claimed.json()).toEqual({ error: 'person_session_required', message: expect.stringContaining('online') });

      const session = await signInOnServer(s, desk, PEOPLE.admin);
      expect((await makeCode(desk, session)).statusCode).toBe(201);
      // Bound to the device that opened it: another device's token with it is no session.
      expect((await makeCode(other, session)).json()).toMatchObject({ error: 'person_session_required' });
      s.clock.now += PERSON_SESSION_TTL_MS;
      expect((await makeCode(desk, session)).json()).toMatchObject({ error: 'person_session_required' });
    });

    it('[T2] a session answers its person and expiry; a wall screen opens none', async () => {
      const desk = await enroll(s, 'tablet');
      await signInOnServer(s, desk, PEOPLE.admin);
      const res = await openSession(desk, PEOPLE.admin, DEMO_PIN);
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual({ personId: PEOPLE.admin, token: expect.stringMatching(/^[\w-]{43}$/), expiresAt: new Date(s.clock.now + PERSON_SESSION_TTL_MS).toISOString() });
      // A wall screen holds no hashes ([T3]): the server checks the PIN of a person noting an action
      // there ([P4]); its pushes stay limited to improvement actions whatever session it holds.
      const wall = await enroll(s, 'wall_screen');
      expect((await openSession(wall, PEOPLE.admin, DEMO_PIN)).statusCode).toBe(201);
    });

    it('[T2] wrong PINs are limited per person and device, then per person, with a clear lockout that ends', async () => {
      const desk = await enroll(s, 'tablet');
      await signInOnServer(s, desk, PEOPLE.admin);
      for (let i = 1; i < WRONG_PINS_PER_DEVICE; i++) {
        const wrong = await openSession(desk, PEOPLE.admin, '9999');
        expect([wrong.statusCode, wrong.json<{ error: string }>().error]).toEqual([403, 'wrong_pin']);
      }
      const locking = await openSession(desk, PEOPLE.admin, '9999');
      expect(locking.statusCode).toBe(429);
      expect(locking.json()).toEqual({ error: 'person_locked', message: expect.stringContaining('15 minutes') });
      // Locked: even the right PIN is not checked.
      expect((await openSession(desk, PEOPLE.admin, DEMO_PIN)).statusCode).toBe(429);
      s.clock.now += PIN_LOCKOUT_MS;
      expect((await openSession(desk, PEOPLE.admin, DEMO_PIN)).statusCode).toBe(201);

      // Per person over every device: guesses spread over tablets lock the person too.
      const tablets = [await enroll(s, 'tablet'), await enroll(s, 'tablet'), await enroll(s, 'tablet')];
      let answered = 0;
      for (let i = 0; i < WRONG_PINS_PER_PERSON; i++) answered = (await openSession(tablets[i % 3]!, PEOPLE.admin, '9999')).statusCode;
      expect(answered).toBe(429);
      expect((await openSession(desk, PEOPLE.admin, DEMO_PIN)).statusCode).toBe(429);
    });

    it('[T2] privileged rows in a push need their person\'s server session; floor rows do not', async () => {
      const tablet = await enroll(s, 'tablet');
      const edit = async () => personEdit(tablet, PEOPLE.operator, { name: 'Lukas F.' });
      const claimed = await push(s, tablet, 'people', [await edit()], { 'x-tierboard-person': PEOPLE.admin });
      expect(claimed.json<{ rejected: unknown[] }>().rejected).toEqual([{ id: PEOPLE.operator, error: 'person_session_required', message: expect.stringContaining('online') }]);
      // Another person's session does not speak for the admin.
      const lead = await signInOnServer(s, tablet, PEOPLE.shiftLead);
      const mixed = await push(s, tablet, 'people', [await edit()], { 'x-tierboard-person': PEOPLE.admin, ...lead });
      expect(mixed.json<{ rejected: { error: string }[] }>().rejected[0]?.error).toBe('person_session_required');
      const session = await signInOnServer(s, tablet, PEOPLE.admin);
      const verified = await push(s, tablet, 'people', [await edit()], { 'x-tierboard-person': PEOPLE.admin, ...session });
      expect(verified.json<{ rejected: unknown[] }>().rejected).toEqual([]);
      expect((await stored('people', PEOPLE.operator))?.data.name).toBe('Lukas F.');
      // A reading is a floor step: the person the tablet signed in with its PIN, offline.
      const floor = await push(s, tablet, 'kpi_readings', [row(reading({ lineId: PR1 }))]);
      expect(floor.json<{ rejected: unknown[] }>().rejected).toEqual([]);
    });

    it('[T4] a PIN hash with fewer iterations than the server\'s is made again at its count, with a new salt, at a verified sign-in', async () => {
      const desk = await enroll(s, 'tablet');
      const before = await stored('people', PEOPLE.admin);
      if (!before) throw new Error('no admin in the demo roster');
      const oldHash = await hashPin(DEMO_PIN, String(before.data.pinSalt), nodePbkdf2Derive, 10);
      await s.store.applyWrites('people', [{ id: PEOPLE.admin, newDocument: { ...before.data, pinHash: oldHash }, assumedMasterRev: before.rev }], new Date(s.clock.now).toISOString());
      expect((await openSession(desk, PEOPLE.admin, DEMO_PIN)).statusCode).toBe(201);
      const after = (await stored('people', PEOPLE.admin))?.data as unknown as Person;
      expect(parsePinHash(after.pinHash)?.iterations).toBe(TEST_PIN_ITERATIONS);
      expect(after.pinSalt).not.toBe(before.data.pinSalt);
      expect(await verifyPin(DEMO_PIN, after, nodePbkdf2Derive)).toBe(true);
      expect((await openSession(desk, PEOPLE.admin, DEMO_PIN)).statusCode).toBe(201);
    });
  });
}
