/**
 * The trust model, section T of sync-server/SPEC.md, run against each store engine
 * (trust-sqlite.test.ts, trust-postgres.test.ts). Each test names the rule it checks.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatHlc } from '../../../src/domain/merge/hlc.ts';
import { stampEdit } from '../../../src/domain/merge/merge.ts';
import { isFloorRole } from '../../../src/domain/people/permissions.ts';
import type { Person, Role } from '../../../src/domain/people/people-types.ts';
import { BOCHUM, PEOPLE, PEORIA, enroll, pullAll, push, startTestServer, type Engine, type Enrolled, type TestServer } from './test-support.ts';

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

      // ...and to make enrollment codes for its plant.
      const code = await s.app.inject({
        method: 'POST',
        url: '/api/enrollment-codes',
        headers: { ...peoria.auth, 'x-tierboard-person': ENTERPRISE_ADMIN },
        payload: { plantId: PEORIA, kind: 'tablet' },
      });
      expect(code.statusCode).toBe(403);
      expect(code.json()).toMatchObject({ error: 'unknown_person' });
      // Another plant's person gets the very answer a person nobody knows gets.
      const nobody = await s.app.inject({
        method: 'POST',
        url: '/api/enrollment-codes',
        headers: { ...peoria.auth, 'x-tierboard-person': 'person-nobody-knows' },
        payload: { plantId: PEORIA, kind: 'tablet' },
      });
      expect(nobody.json()).toEqual(code.json());
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
      const ask = (id: string) =>
        s.app.inject({ method: 'POST', url: `/api/devices/${id}/revoke`, headers: { ...peoria.auth, 'x-tierboard-person': PEORIA_ADMIN } });
      const [theirs, nobody] = [await ask(bochumDevice.deviceId), await ask('device-nobody-enrolled')];
      expect(theirs.statusCode).toBe(404);
      expect(theirs.json()).toEqual(nobody.json());
      expect(JSON.stringify(theirs.json())).not.toContain(BOCHUM);
      expect((await s.store.getDevice(bochumDevice.deviceId))?.revokedAt).toBeNull();
    });

    it('[T6] only the holder of a revoked token hears it was revoked; a caller naming the device id hears the token is not valid', async () => {
      const admin = await enroll(s, 'tablet');
      const victim = await enroll(s, 'tablet');
      const revoked = await s.app.inject({ method: 'POST', url: `/api/devices/${victim.deviceId}/revoke`, headers: { ...admin.auth, 'x-tierboard-person': PEOPLE.admin } });
      expect(revoked.statusCode).toBe(200);
      const holder = await s.app.inject({ method: 'GET', url: '/api/me', headers: victim.auth });
      expect(holder.statusCode).toBe(401);
      expect(holder.json()).toMatchObject({ error: 'device_revoked' });
      expect(holder.json<{ message: string }>().message).not.toContain(BOCHUM);
      const stranger = await s.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${victim.deviceId}.${'A'.repeat(43)}` } });
      expect(stranger.statusCode).toBe(401);
      expect(stranger.json()).toEqual({ error: 'unknown_token', message: expect.not.stringContaining(BOCHUM) });
    });
  });
}
