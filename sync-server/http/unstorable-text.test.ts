/**
 * Text PostgreSQL cannot hold (a NUL, a broken surrogate pair) and clocks the
 * merge cannot order are refused row by row when pushed, the same on both
 * engines, so one bad row never blocks the good rows of its push ([P5], [P7]).
 * Ids that cannot be stored are answered as "not there" by every lookup.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatHlc } from '../../src/domain/merge/hlc.ts';
import { issueEnrollmentCode } from '../auth/enrollment.ts';
import { createMutable, stampEdit } from '../../src/domain/merge/merge.ts';
import type { ImprovementAction } from '../../src/domain/okr/okr-types.ts';
import {
  BOCHUM,
  PEOPLE,
  PR1,
  T0,
  enroll,
  nextId,
  push,
  reading,
  row,
  signInOnServer,
  postgresEngine,
  sqliteEngine,
  startTestServer,
  type Enrolled,
  type Engine,
  type TestServer,
} from './testing/test-support.ts';

interface PushReply {
  conflicts: Record<string, unknown>[];
  rejected: { id: string; error: string; message: string }[];
}

const CANNOT_BE_STORED = 'a character that cannot be stored (a NUL or a broken surrogate pair)';
const UNSTORABLE = `holds ${CANNOT_BE_STORED}`;
const LEAD = { 'x-tierboard-person': PEOPLE.shiftLead };

function stamp(device: Enrolled, second: number): string {
  return formatHlc({ wallMs: T0 + second * 1000, counter: 0, nodeId: device.deviceId });
}

function newAction(device: Enrolled, over: Partial<ImprovementAction> = {}): ImprovementAction {
  return createMutable<ImprovementAction>(
    { id: nextId('action'), plantId: BOCHUM, title: 'Check die wear on PR1', status: 'todo', ownerId: PEOPLE.shiftLead, due: '2026-03-09', keyResultId: '', escalationId: '', notedBy: PEOPLE.shiftLead, ...over },
    stamp(device, 3),
  );
}

// No skip when PostgreSQL is down: an unreachable database fails these tests.
for (const engine of [sqliteEngine, postgresEngine] satisfies Engine[]) {
  describe(`unstorable text and unmergeable clocks on ${engine.name}`, () => {
    let s: TestServer;
    let tablet: Enrolled;
    beforeEach(async () => {
      s = await startTestServer(engine);
      tablet = await enroll(s, 'tablet');
    });
    afterEach(async () => {
      await s.close();
    });

    for (const [what, note] of [
      ['a NUL', 'a\u0000'],
      ['an unpaired high surrogate', 'scan \ud800'],
      ['an unpaired low surrogate', '\udc00 scan'],
    ] as const) {
      it(`[P5] a reading whose note holds ${what} is refused invalid_record; the other 99 readings of the push are stored`, async () => {
        const good = Array.from({ length: 99 }, () => reading());
        const bad = reading({ note });
        const res = await push(s, tablet, 'kpi_readings', [...good.slice(0, 50), bad, ...good.slice(50)].map((r) => row(r)));
        expect(res.statusCode).toBe(200);
        expect(res.json<PushReply>().rejected).toEqual([{ id: bad.id, error: 'invalid_record', message: `Field note ${UNSTORABLE}.` }]);
        const stored = await s.store.getByIds('kpi_readings', [...good, bad].map((r) => r.id));
        expect(stored.map((r) => r.id)).toEqual(good.map((r) => r.id));
      });
    }

    it('[P5] a readable emoji (a whole surrogate pair) is stored as sent', async () => {
      const r = reading({ note: 'press sounds fine 👍' });
      const res = await push(s, tablet, 'kpi_readings', [row(r)]);
      expect(res.json<PushReply>().rejected).toEqual([]);
      const [stored] = await s.store.getByIds('kpi_readings', [r.id]);
      expect(stored?.data.note).toBe('press sounds fine 👍');
    });

    it('[P5] an unstorable character inside a key or a nested value of a mutable record is refused, naming where', async () => {
      const base = newAction(tablet);
      const badKey = { ...base, id: nextId('action'), conflicts: [{ field: 'title', value: { 'was\u0000': 'old' }, hlc: stamp(tablet, 1), deviceId: tablet.deviceId }] };
      const badNested = { ...base, id: nextId('action'), conflicts: [{ field: 'title', value: ['ok', 'x\ud83d'], hlc: stamp(tablet, 1), deviceId: tablet.deviceId }] };
      const res = await push(s, tablet, 'improvement_actions', [row(badKey), row(badNested)], LEAD);
      expect(res.json<PushReply>().rejected).toEqual([
        { id: badKey.id, error: 'invalid_record', message: `Field conflicts.0.value has a key with ${CANNOT_BE_STORED}.` },
        { id: badNested.id, error: 'invalid_record', message: `Field conflicts.0.value.1 ${UNSTORABLE}.` },
      ]);
      expect(await s.store.getByIds('improvement_actions', [badKey.id, badNested.id])).toEqual([]);
    });

    it('[P7] a new action whose fieldClocks are not clock stamps is refused naming the field, so a later honest edit is never blamed', async () => {
      const other = await enroll(s, 'tablet');
      const broken = { ...newAction(tablet), fieldClocks: { title: 'yesterday' } };
      const res = await push(s, tablet, 'improvement_actions', [row(broken)], LEAD);
      expect(res.json<PushReply>().rejected).toEqual([
        { id: broken.id, error: 'invalid_record', message: expect.stringMatching(/^Field fieldClocks\.title is not an edit clock stamp/) },
      ]);
      expect(await s.store.getByIds('improvement_actions', [broken.id])).toEqual([]);

      // The tablet sends it again with honest clocks; another tablet's edit then merges.
      const honest = { ...broken, fieldClocks: { title: stamp(tablet, 3) } };
      expect((await push(s, tablet, 'improvement_actions', [row(honest)], LEAD)).json()).toEqual({ conflicts: [], rejected: [] });
      const edit = stampEdit(honest, { status: 'doing' }, stamp(other, 5), other.deviceId);
      const edited = await push(s, other, 'improvement_actions', [row(edit, { ...honest, _deleted: false })], LEAD);
      expect(edited.json<PushReply>().rejected).toEqual([]);
    });

    it('[P7] a record whose hlc is not a clock stamp is refused naming hlc, new or edited, and nothing is stored', async () => {
      const fresh = { ...newAction(tablet), hlc: 'now' };
      const first = await push(s, tablet, 'improvement_actions', [row(fresh)], LEAD);
      expect(first.json<PushReply>().rejected).toEqual([{ id: fresh.id, error: 'invalid_record', message: expect.stringMatching(/^Field hlc is not an edit clock stamp/) }]);

      const good = newAction(tablet);
      expect((await push(s, tablet, 'improvement_actions', [row(good)], LEAD)).json()).toEqual({ conflicts: [], rejected: [] });
      const head = await s.store.headPosition();
      const edit = { ...stampEdit(good, { title: 'Check die wear on PR1 and PR2' }, stamp(tablet, 9), tablet.deviceId), hlc: '' };
      const second = await push(s, tablet, 'improvement_actions', [row(edit, { ...good, _deleted: false })], LEAD);
      expect(second.json<PushReply>().rejected).toEqual([{ id: good.id, error: 'invalid_record', message: expect.stringMatching(/^Field hlc is not an edit clock stamp/) }]);
      expect(await s.store.headPosition()).toBe(head);
      expect(await s.store.getByIds('improvement_actions', [fresh.id])).toEqual([]);
    });

    it('[A6] revoking a device id that cannot be stored is 404 unknown_device, as for any id not enrolled', async () => {
      for (const id of ['%00', 'tablet%00x']) {
        const res = await s.app.inject({ method: 'POST', url: `/api/devices/${id}/revoke`, headers: { ...tablet.auth, ...(await signInOnServer(s, tablet, PEOPLE.admin)) } });
        expect(res.statusCode).toBe(404);
        expect(res.json()).toMatchObject({ error: 'unknown_device' });
      }
    });

    it('[A2] a device name that cannot be stored is 400 invalid_body, and the code stays unused', async () => {
      const issued = await issueEnrollmentCode(s.store, { plantId: BOCHUM, kind: 'tablet', lineId: PR1, createdBy: 'test', origin: 'http://tierboard.test' }, s.clock.now);
      for (const name of ['Press\u0000 tablet', 'Press \ud800']) {
        const res = await s.app.inject({ method: 'POST', url: '/api/enroll', payload: { code: issued.code, name } });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toEqual({ error: 'invalid_body', message: expect.stringContaining('cannot be stored') });
      }
      const res = await s.app.inject({ method: 'POST', url: '/api/enroll', payload: { code: issued.code, name: 'Press 1 tablet' } });
      expect(res.statusCode).toBe(200);
    });

    it('[A1] an enrollment code preset to a line id that cannot be stored is 400 unknown_line, as for any line not there', async () => {
      for (const lineId of ['x\u0000', `${PR1}\ud800`]) {
        const res = await s.app.inject({
          method: 'POST',
          url: '/api/enrollment-codes',
          headers: { ...tablet.auth, ...(await signInOnServer(s, tablet, PEOPLE.admin)) },
          payload: { plantId: BOCHUM, kind: 'tablet', lineId },
        });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toMatchObject({ error: 'unknown_line' });
      }
    });
  });
}
