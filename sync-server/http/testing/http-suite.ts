/**
 * The HTTP contract (sync-server/API.md) and the P/A rules of SPEC.md, run
 * against each store engine (http-sqlite.test.ts, http-postgres.test.ts).
 * Each test names the rule it checks.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatHlc } from '../../../src/domain/merge/hlc.ts';
import { createMutable, stampEdit } from '../../../src/domain/merge/merge.ts';
import type { ImprovementAction } from '../../../src/domain/okr/okr-types.ts';
import type { Line } from '../../../src/domain/plant/plant-types.ts';
import { DEVICE_TOKEN_LIFETIME_MS } from '../../auth/device-auth.ts';
import { ENROLLMENT_CODE_TTL_MS, issueEnrollmentCode } from '../../auth/enrollment.ts';
import { buildServer } from '../../server.ts';
import {
  BOCHUM,
  PEOPLE,
  PEORIA,
  PR1,
  enroll,
  escalationEvent,
  nextId,
  pullAll,
  push,
  reading,
  row,
  signInOnServer,
  startTestServer,
  testConfig,
  type Engine,
  type TestServer,
} from './test-support.ts';

/** A real line of the demo's Peoria plant. */
const PEORIA_FAB1 = 'line-peoria-fab1';

interface PushReply {
  conflicts: Record<string, unknown>[];
  rejected: { id: string; error: string; message: string }[];
}

export function httpSuite(engine: Engine): void {
  describe(`sync HTTP contract on ${engine.name}`, () => {
    let s: TestServer;
    beforeEach(async () => {
      s = await startTestServer(engine);
    });
    afterEach(async () => {
      await s.close();
    });

    it('[A1] a plant admin makes a code, a tablet trades it for a token and is known by it', async () => {
      const adminDesk = await enroll(s, 'tablet');
      const made = await s.app.inject({
        method: 'POST',
        url: '/api/enrollment-codes',
        headers: { ...adminDesk.auth, ...(await signInOnServer(s, adminDesk, PEOPLE.admin)) },
        payload: { plantId: BOCHUM, kind: 'tablet', lineId: PR1 },
      });
      expect(made.statusCode).toBe(201);
      const { code, expiresAt, qrSvg } = made.json<{ code: string; expiresAt: string; qrSvg: string }>();
      expect(code).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){4}$/);
      expect(Date.parse(expiresAt) - s.clock.now).toBe(ENROLLMENT_CODE_TTL_MS);
      expect(qrSvg).toContain('<svg');

      // Typed in lower case with a space: still the same code.
      const typed = code.toLowerCase().replace('-', ' ');
      const res = await s.app.inject({ method: 'POST', url: '/api/enroll', payload: { code: typed, name: 'PR1 tablet' } });
      expect(res.statusCode).toBe(200);
      const body = res.json<{ deviceId: string; token: string; plantId: string; kind: string; lineId: string; serverTime: string }>();
      expect(body).toMatchObject({ plantId: BOCHUM, kind: 'tablet', lineId: PR1, serverTime: new Date(s.clock.now).toISOString() });
      expect(res.headers['x-server-time']).toBe(new Date(s.clock.now).toISOString());

      const me = await s.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${body.token}` } });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toEqual({ deviceId: body.deviceId, plantId: BOCHUM, kind: 'tablet', lineId: PR1, role: 'plant' });
    });

    it('[A2] a used code is refused on replay', async () => {
      const issued = await issueEnrollmentCode(s.store, { plantId: BOCHUM, kind: 'tablet', lineId: PR1, createdBy: 't', origin: 'http://x' }, s.clock.now);
      const first = await s.app.inject({ method: 'POST', url: '/api/enroll', payload: { code: issued.code } });
      expect(first.statusCode).toBe(200);
      const replay = await s.app.inject({ method: 'POST', url: '/api/enroll', payload: { code: issued.code } });
      expect(replay.statusCode).toBe(409);
      expect(replay.json()).toMatchObject({ error: 'enrollment_code_used' });
      const unknown = await s.app.inject({ method: 'POST', url: '/api/enroll', payload: { code: 'AAAA-AAAA' } });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toMatchObject({ error: 'unknown_enrollment_code' });
    });

    it('[A1] a code older than 24 hours is refused as expired', async () => {
      const issued = await issueEnrollmentCode(s.store, { plantId: BOCHUM, kind: 'tablet', lineId: PR1, createdBy: 't', origin: 'http://x' }, s.clock.now);
      s.clock.now += ENROLLMENT_CODE_TTL_MS;
      const res = await s.app.inject({ method: 'POST', url: '/api/enroll', payload: { code: issued.code } });
      expect(res.statusCode).toBe(410);
      expect(res.json()).toMatchObject({ error: 'enrollment_code_expired' });
    });

    it("[A1] a tablet code must preset an active line of its plant: another plant's, unknown or switched-off is 400 unknown_line", async () => {
      const desk = await enroll(s, 'tablet');
      const [pr1] = await s.store.getByIds('lines', [PR1]);
      const off = { ...(pr1?.data as unknown as Line), id: 'line-bochum-old-press', name: 'Old press (scrapped)', active: false };
      await s.store.applyWrites('lines', [{ id: off.id, newDocument: off, assumedMasterRev: null }], new Date(s.clock.now).toISOString());
      const session = await signInOnServer(s, desk, PEOPLE.admin);
      const ask = (body: object) => s.app.inject({ method: 'POST', url: '/api/enrollment-codes', headers: { ...desk.auth, ...session }, payload: body });

      const unknown = await ask({ plantId: BOCHUM, kind: 'tablet', lineId: 'line-bochum-nowhere' });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json()).toEqual({ error: 'unknown_line', message: expect.stringContaining('line-bochum-nowhere') });
      // Another plant's line gets the same answer as one that does not exist.
      const theirs = await ask({ plantId: BOCHUM, kind: 'tablet', lineId: PEORIA_FAB1 });
      expect(theirs.statusCode).toBe(400);
      expect(theirs.json<{ message: string }>().message).toBe(unknown.json<{ message: string }>().message.replace('line-bochum-nowhere', PEORIA_FAB1));
      const switchedOff = await ask({ plantId: BOCHUM, kind: 'tablet', lineId: off.id });
      expect(switchedOff.statusCode).toBe(400);
      expect(switchedOff.json()).toEqual({ error: 'unknown_line', message: expect.stringContaining('not active') });

      // No line is no preset: the tablet chooses its line after enrolling.
      const none = await ask({ plantId: BOCHUM, kind: 'tablet' });
      expect(none.statusCode).toBe(201);
      const enrolled = await s.app.inject({ method: 'POST', url: '/api/enroll', payload: { code: none.json<{ code: string }>().code } });
      expect(enrolled.json()).toMatchObject({ kind: 'tablet', lineId: '' });
    });

    it('[A1] a wall screen code has no line: a lineId sent with it is not looked at and not kept', async () => {
      const desk = await enroll(s, 'tablet');
      const made = await s.app.inject({
        method: 'POST',
        url: '/api/enrollment-codes',
        headers: { ...desk.auth, ...(await signInOnServer(s, desk, PEOPLE.admin)) },
        payload: { plantId: BOCHUM, kind: 'wall_screen', lineId: 'line-bochum-nowhere' },
      });
      expect(made.statusCode).toBe(201);
      const enrolled = await s.app.inject({ method: 'POST', url: '/api/enroll', payload: { code: made.json<{ code: string }>().code } });
      expect(enrolled.statusCode).toBe(200);
      expect(enrolled.json()).toMatchObject({ plantId: BOCHUM, kind: 'wall_screen', lineId: '' });
    });

    it('[A6] only a person whose role may enroll devices gets a code', async () => {
      const tablet = await enroll(s, 'tablet');
      const asOperator = await s.app.inject({
        method: 'POST',
        url: '/api/enrollment-codes',
        headers: { ...tablet.auth, ...(await signInOnServer(s, tablet, PEOPLE.operator)) },
        payload: { plantId: BOCHUM, kind: 'tablet' },
      });
      expect(asOperator.statusCode).toBe(403);
      expect(asOperator.json<{ message: string }>().message).toMatch(/cannot enroll devices/);
      const otherPlant = await s.app.inject({
        method: 'POST',
        url: '/api/enrollment-codes',
        headers: { ...tablet.auth, ...(await signInOnServer(s, tablet, PEOPLE.admin)) },
        payload: { plantId: PEORIA, kind: 'tablet' },
      });
      expect(otherPlant.statusCode).toBe(403);
      const nobody = await s.app.inject({ method: 'POST', url: '/api/enrollment-codes', headers: tablet.auth, payload: { plantId: BOCHUM, kind: 'tablet' } });
      expect(nobody.json()).toMatchObject({ error: 'person_session_required' });
    });

    it('[A4] a revoked device is told so at once, with the contract error', async () => {
      const admin = await enroll(s, 'tablet');
      const victim = await enroll(s, 'tablet');
      const res = await s.app.inject({
        method: 'POST',
        url: `/api/devices/${victim.deviceId}/revoke`,
        headers: { ...admin.auth, ...(await signInOnServer(s, admin, PEOPLE.admin)) },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ deviceId: victim.deviceId, revokedAt: new Date(s.clock.now).toISOString() });
      const after = await s.app.inject({ method: 'GET', url: '/api/replication/people/pull', headers: victim.auth });
      expect(after.statusCode).toBe(401);
      expect(after.json()).toMatchObject({ error: 'device_revoked' });
      const still = await s.app.inject({ method: 'GET', url: '/api/me', headers: admin.auth });
      expect(still.statusCode).toBe(200);
    });

    it('[A6] only an admin learns whether a device id exists: anyone else is refused before the lookup', async () => {
      const tablet = await enroll(s, 'tablet');
      const victim = await enroll(s, 'tablet');
      const sessions: Record<string, Record<string, string>> = {
        [PEOPLE.operator]: await signInOnServer(s, tablet, PEOPLE.operator),
        [PEOPLE.admin]: await signInOnServer(s, tablet, PEOPLE.admin),
      };
      const ask = (id: string, person: string) => s.app.inject({ method: 'POST', url: `/api/devices/${id}/revoke`, headers: { ...tablet.auth, ...sessions[person] } });
      const [known, unknown] = await Promise.all([ask(victim.deviceId, PEOPLE.operator), ask('device-nobody-enrolled', PEOPLE.operator)]);
      expect([known.statusCode, unknown.statusCode]).toEqual([403, 403]);
      expect(unknown.json()).toEqual(known.json());
      const byAdmin = await ask('device-nobody-enrolled', PEOPLE.admin);
      expect(byAdmin.statusCode).toBe(404);
      expect(byAdmin.json()).toMatchObject({ error: 'unknown_device' });
    });

    it('[A3] [A5] missing, unknown and expired tokens are 401 with their own codes', async () => {
      const tablet = await enroll(s, 'tablet');
      const none = await s.app.inject({ method: 'GET', url: '/api/me' });
      expect(none.json()).toMatchObject({ error: 'missing_token' });
      const forged = await s.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${tablet.deviceId}.forged` } });
      expect(forged.statusCode).toBe(401);
      expect(forged.json()).toMatchObject({ error: 'unknown_token' });
      s.clock.now += DEVICE_TOKEN_LIFETIME_MS;
      const expired = await s.app.inject({ method: 'GET', url: '/api/me', headers: tablet.auth });
      expect(expired.statusCode).toBe(401);
      expect(expired.json()).toMatchObject({ error: 'token_expired' });
    });

    it("[P1] a pull never shows another plant's records", async () => {
      const bochum = await enroll(s, 'tablet');
      const peoria = await enroll(s, 'tablet', PEORIA, PEORIA_FAB1);
      const r = await push(s, peoria, 'kpi_readings', [row(reading({ plantId: PEORIA, lineId: PEORIA_FAB1, kpiId: 'k', personId: 'person-peoria-x' }))]);
      expect(r.statusCode).toBe(200);
      for (const collection of ['people', 'kpi_definitions', 'objectives', 'kpi_readings', 'plants', 'enterprises']) {
        const docs = await pullAll(s, bochum, collection);
        for (const d of docs) {
          const plant = collection === 'plants' ? d.id : (d.plantId ?? '');
          expect([BOCHUM, '']).toContain(plant);
          expect(typeof d._deleted).toBe('boolean');
        }
      }
      expect((await pullAll(s, bochum, 'people')).length).toBeGreaterThan(0);
      // Enterprise-wide KPI definitions and objectives reach every plant.
      expect((await pullAll(s, bochum, 'objectives')).some((d) => d.plantId === '')).toBe(true);
      expect((await pullAll(s, bochum, 'enterprises')).length).toBe(1);
    });

    it('[P3] pull pages through the feed by checkpoint and refuses a malformed one', async () => {
      const tablet = await enroll(s, 'tablet');
      const first = await s.app.inject({ method: 'GET', url: '/api/replication/people/pull?limit=5', headers: tablet.auth });
      const page = first.json<{ documents: unknown[]; checkpoint: { position: number } }>();
      expect(page.documents).toHaveLength(5);
      const next = await s.app.inject({ method: 'GET', url: `/api/replication/people/pull?checkpoint=${page.checkpoint.position}&limit=5`, headers: tablet.auth });
      const page2 = next.json<{ documents: { id: string }[]; checkpoint: { position: number } }>();
      expect(page2.checkpoint.position).toBeGreaterThan(page.checkpoint.position);
      expect(page2.documents.map((d) => d.id)).not.toContain((page.documents[0] as { id: string }).id);
      const bad = await s.app.inject({ method: 'GET', url: '/api/replication/people/pull?checkpoint=-1', headers: tablet.auth });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ error: 'invalid_query' });
      const unknown = await s.app.inject({ method: 'GET', url: '/api/replication/nope/pull', headers: tablet.auth });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toMatchObject({ error: 'unknown_collection' });
    });

    it("[P2] a reading for another plant is rejected and not stored; the rest of the batch is", async () => {
      const tablet = await enroll(s, 'tablet');
      const mine = reading();
      const theirs = reading({ plantId: PEORIA, lineId: 'line-peoria-a1' });
      const res = await push(s, tablet, 'kpi_readings', [row(theirs), row(mine)]);
      expect(res.statusCode).toBe(200);
      const body = res.json<PushReply>();
      expect(body.rejected).toEqual([{ id: theirs.id, error: 'other_plant', message: expect.stringContaining(PEORIA) }]);
      expect((await s.store.getByIds('kpi_readings', [theirs.id, mine.id])).map((r) => r.id)).toEqual([mine.id]);
    });

    it('[P2] a reading stored for another plant cannot be moved by pushing it again under this plant', async () => {
      const tablet = await enroll(s, 'tablet');
      const stored = reading({ plantId: PEORIA, lineId: 'line-peoria-a1' });
      await s.store.applyWrites('kpi_readings', [{ id: stored.id, newDocument: { ...stored }, assumedMasterRev: null }], new Date(s.clock.now).toISOString());
      const moved = { ...stored, plantId: reading().plantId, lineId: reading().lineId };
      const res = await push(s, tablet, 'kpi_readings', [row(moved)]);
      expect(res.json<PushReply>()).toEqual({ conflicts: [], rejected: [{ id: stored.id, error: 'other_plant', message: 'This record is stored for another plant and cannot be moved to another plant.' }] });
      expect((await s.store.getByIds('kpi_readings', [stored.id]))[0]?.plantId).toBe(PEORIA);
    });

    it('[P4] a wall screen may not push readings, nor edit a stored improvement action', async () => {
      const wall = await enroll(s, 'wall_screen');
      const head = await s.store.headPosition();
      const res = await push(s, wall, 'kpi_readings', [row(reading())]);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ error: 'read_only_device' });

      const [stored] = await s.store.getByIds('improvement_actions', ['action-bochum-smed-quick-clamps']);
      const base = stored?.data as unknown as ImprovementAction;
      const edit = stampEdit({ ...base, notedBy: PEOPLE.supervisor }, { status: 'done' }, formatHlc({ wallMs: T(1), counter: 0, nodeId: wall.deviceId }), wall.deviceId);
      const editRes = await push(s, wall, 'improvement_actions', [row(edit, { ...base, _deleted: false })]);
      expect(editRes.statusCode).toBe(200);
      expect(editRes.json<PushReply>()).toEqual({ conflicts: [], rejected: [{ id: base.id, error: 'read_only_device', message: expect.any(String) }] });
      expect(await s.store.headPosition()).toBe(head);
    });

    it('[P4] a wall screen notes a new improvement action for a signed-in supervisor; a tablet pulls it', async () => {
      const wall = await enroll(s, 'wall_screen');
      const tablet = await enroll(s, 'tablet');
      const action = notedAction(wall.deviceId, { notedBy: PEOPLE.supervisor });
      // Sent after the meeting: nobody is named in the header.
      const res = await push(s, wall, 'improvement_actions', [row(action)]);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ conflicts: [], rejected: [] });
      const pulled = (await pullAll(s, tablet, 'improvement_actions')).find((d) => d.id === action.id);
      expect(pulled).toEqual({ ...action, _deleted: false });
    });

    it('[P4] a wall screen action noted by nobody or by an operator is refused with its code and not stored', async () => {
      const wall = await enroll(s, 'wall_screen');
      const nobody = notedAction(wall.deviceId, { notedBy: '' });
      const operator = notedAction(wall.deviceId, { notedBy: PEOPLE.operator });
      // The header names a supervisor: a wall screen's push is never authorised by it.
      const res = await push(s, wall, 'improvement_actions', [row(nobody), row(operator)], { 'x-tierboard-person': PEOPLE.supervisor });
      expect(res.statusCode).toBe(200);
      expect(res.json<PushReply>().rejected).toEqual([
        { id: nobody.id, error: 'person_required', message: expect.any(String) },
        { id: operator.id, error: 'not_allowed', message: expect.stringMatching(/operator cannot change improvement actions/) },
      ]);
      expect(await s.store.getByIds('improvement_actions', [nobody.id, operator.id])).toEqual([]);
    });

    it("[P4] a wall screen's action for another plant is refused other_plant", async () => {
      const wall = await enroll(s, 'wall_screen');
      const theirs = notedAction(wall.deviceId, { plantId: PEORIA, notedBy: 'person-peoria-mike-kowalski' });
      const res = await push(s, wall, 'improvement_actions', [row(theirs)]);
      expect(res.json<PushReply>().rejected).toEqual([{ id: theirs.id, error: 'other_plant', message: expect.stringContaining(PEORIA) }]);
      expect(await s.store.getByIds('improvement_actions', [theirs.id])).toEqual([]);
    });

    it('[A8] an operator cannot close an escalation; a supervisor can', async () => {
      const tablet = await enroll(s, 'tablet');
      const byOperator = escalationEvent({ personId: PEOPLE.operator });
      const byLead = escalationEvent({ personId: PEOPLE.supervisor });
      const res = await push(s, tablet, 'escalation_events', [row(byOperator), row(byLead)]);
      const body = res.json<PushReply>();
      expect(body.rejected).toHaveLength(1);
      expect(body.rejected[0]).toMatchObject({ id: byOperator.id, error: 'not_allowed' });
      expect(body.rejected[0]?.message).toMatch(/operator cannot verify and close escalations/);
      expect((await s.store.getByIds('escalation_events', [byOperator.id, byLead.id])).map((r) => r.id)).toEqual([byLead.id]);
    });

    it('[P6][P12] an immutable retry is accepted without a duplicate; the server stamps receivedAt and returns the stamped record', async () => {
      const tablet = await enroll(s, 'tablet');
      const r = reading();
      const stampedAt = new Date(s.clock.now).toISOString();
      const first = await push(s, tablet, 'kpi_readings', [row(r)]);
      expect(first.json()).toEqual({ conflicts: [{ ...r, receivedAt: stampedAt, _deleted: false }], rejected: [] });
      const head = await s.store.headPosition();
      s.clock.now += 60_000;
      // The answer was lost: the device sends its unstamped copy again and gets the first stamp back.
      const retry = await push(s, tablet, 'kpi_readings', [row(r)]);
      expect(retry.json()).toEqual({ conflicts: [{ ...r, receivedAt: stampedAt, _deleted: false }], rejected: [] });
      // A device that already holds the stamped record gets nothing back.
      const settled = await push(s, tablet, 'kpi_readings', [row({ ...r, receivedAt: stampedAt })]);
      expect(settled.json()).toEqual({ conflicts: [], rejected: [] });
      expect(await s.store.headPosition()).toBe(head);
      const pulled = (await pullAll(s, tablet, 'kpi_readings')).filter((d) => d.id === r.id);
      expect(pulled).toHaveLength(1);
      expect(pulled[0]?.receivedAt).toBe(stampedAt);
    });

    it('[P12] a device that takes stamps (X-Tierboard-Stamps: 1) gets id and receivedAt instead of the whole stamped record', async () => {
      const tablet = await enroll(s, 'tablet');
      const stamps = { 'x-tierboard-stamps': '1' };
      const r = reading();
      const other = reading();
      const stampedAt = new Date(s.clock.now).toISOString();
      const first = await push(s, tablet, 'kpi_readings', [row(r), row(other)], stamps);
      expect(first.json()).toEqual({ conflicts: [], stamped: [[r.id, stampedAt], [other.id, stampedAt]], rejected: [] });
      // A lost answer: the retry gets the first stamp, not a new one.
      s.clock.now += 60_000;
      const retry = await push(s, tablet, 'kpi_readings', [row(r)], stamps);
      expect(retry.json()).toEqual({ conflicts: [], stamped: [[r.id, stampedAt]], rejected: [] });
      // The stamp completes what was sent: the document sent with it is the stored one.
      const [stored] = await s.store.getByIds('kpi_readings', [r.id]);
      expect(stored?.data).toEqual({ ...r, receivedAt: stampedAt });
      // Refusals are answered as before.
      const changed = await push(s, tablet, 'kpi_readings', [row({ ...r, value: 99 })], stamps);
      expect(changed.json()).toMatchObject({ conflicts: [], stamped: [], rejected: [{ id: r.id, error: 'immutable_conflict' }] });
    });

    it('[P6] different content under a stored immutable id is rejected', async () => {
      const tablet = await enroll(s, 'tablet');
      const r = reading();
      await push(s, tablet, 'kpi_readings', [row(r)]);
      const res = await push(s, tablet, 'kpi_readings', [row({ ...r, value: 99 })]);
      const body = res.json<PushReply>();
      expect(body.rejected).toEqual([{ id: r.id, error: 'immutable_conflict', message: expect.stringContaining('correction') }]);
      const [stored] = await s.store.getByIds('kpi_readings', [r.id]);
      expect(stored?.data.value).toBe(r.value);
    });

    it('[P7] concurrent edits of a mutable record merge field by field; the losing edit is kept in conflicts', async () => {
      const a = await enroll(s, 'tablet');
      const b = await enroll(s, 'tablet');
      const masterWire = (await pullAll(s, a, 'improvement_actions')).find((d) => d.id === 'action-bochum-smed-quick-clamps');
      expect(masterWire).toBeDefined();
      const { _deleted, ...master } = masterWire as Record<string, unknown>;
      const base = master as unknown as ImprovementAction;
      const editA = stampEdit(base, { title: 'Quick clamps on PR1 and PR2', due: '2026-12-01' }, formatHlc({ wallMs: T(1), counter: 0, nodeId: a.deviceId }), a.deviceId);
      const editB = stampEdit(base, { status: 'done', due: '2026-12-10' }, formatHlc({ wallMs: T(2), counter: 0, nodeId: b.deviceId }), b.deviceId);
      const assumed = { ...base, _deleted: false };

      const lead = { 'x-tierboard-person': PEOPLE.shiftLead };
      const resA = await push(s, a, 'improvement_actions', [row(editA, assumed)], lead);
      expect(resA.json()).toEqual({ conflicts: [], rejected: [] });
      const resB = await push(s, b, 'improvement_actions', [row(editB, assumed)], lead);
      const bodyB = resB.json<PushReply>();
      expect(bodyB.rejected).toEqual([]);
      expect(bodyB.conflicts).toHaveLength(1);

      const [stored] = await s.store.getByIds('improvement_actions', [base.id]);
      const merged = stored?.data as unknown as ImprovementAction;
      expect(merged).toMatchObject({ title: 'Quick clamps on PR1 and PR2', status: 'done', due: '2026-12-10' });
      expect(merged.conflicts).toEqual([expect.objectContaining({ field: 'due', value: '2026-12-01', deviceId: a.deviceId })]);
      expect(bodyB.conflicts[0]).toEqual({ ...merged, _deleted: false });
    });

    it('[A9] configuration needs a named person allowed to change it', async () => {
      const tablet = await enroll(s, 'tablet');
      const [line] = await s.store.getByIds('lines', [PR1]);
      const lineDoc = line?.data as unknown as Line;
      const edited = stampEdit(lineDoc, { name: 'Press 1 (renamed)' }, formatHlc({ wallMs: T(1), counter: 0, nodeId: tablet.deviceId }), tablet.deviceId);
      const anonymous = await push(s, tablet, 'lines', [row(edited, { ...lineDoc, _deleted: false })]);
      expect(anonymous.json<PushReply>().rejected[0]).toMatchObject({ error: 'person_required' });
      const asOperator = await push(s, tablet, 'lines', [row(edited, { ...lineDoc, _deleted: false })], { 'x-tierboard-person': PEOPLE.operator });
      expect(asOperator.json<PushReply>().rejected[0]).toMatchObject({ error: 'not_allowed' });
      // [T2] The admin's word alone is not enough for configuration: the server must have checked the PIN.
      const claimed = await push(s, tablet, 'lines', [row(edited, { ...lineDoc, _deleted: false })], { 'x-tierboard-person': PEOPLE.admin });
      expect(claimed.json<PushReply>().rejected[0]).toMatchObject({ error: 'person_session_required' });
      const session = await signInOnServer(s, tablet, PEOPLE.admin);
      const asAdmin = await push(s, tablet, 'lines', [row(edited, { ...lineDoc, _deleted: false })], { 'x-tierboard-person': PEOPLE.admin, ...session });
      expect(asAdmin.json()).toEqual({ conflicts: [], rejected: [] });
    });

    it('[P5] a row whose assumedMasterState is neither a record nor null refuses the whole push with 400 invalid_body', async () => {
      const tablet = await enroll(s, 'tablet');
      const head = await s.store.headPosition();
      const good = reading();
      for (const assumed of ['stale', 7, [], true]) {
        const res = await push(s, tablet, 'kpi_readings', [row(good), { newDocumentState: { ...reading(), _deleted: false }, assumedMasterState: assumed }]);
        expect(res.statusCode).toBe(400);
        expect(res.json()).toEqual({ error: 'invalid_body', message: expect.stringContaining('Row 1') });
      }
      expect(await s.store.headPosition()).toBe(head);
      expect(await s.store.getByIds('kpi_readings', [good.id])).toEqual([]);
      // Absent and null both mean "new to the device".
      const { assumedMasterState: _, ...withoutAssumed } = row(reading());
      const accepted = await push(s, tablet, 'kpi_readings', [row(good), withoutAssumed]);
      expect(accepted.statusCode).toBe(200);
      expect(accepted.json<PushReply>().rejected).toEqual([]);
    });

    it('[P11] a body that is not application/json is 415 unsupported_media_type, nothing stored; malformed JSON stays 400 invalid_body', async () => {
      const tablet = await enroll(s, 'tablet');
      const head = await s.store.headPosition();
      const text = JSON.stringify({ rows: [row(reading())] });
      const send = (headers: Record<string, string>, payload: string) =>
        s.app.inject({ method: 'POST', url: '/api/replication/kpi_readings/push', headers: { ...tablet.auth, ...headers }, payload });
      for (const type of ['text/plain', 'text/plain; charset=utf-8', 'application/x-www-form-urlencoded', 'application/vnd.api+json', 'not a type']) {
        const res = await send({ 'content-type': type }, text);
        expect(res.statusCode).toBe(415);
        expect(res.json()).toEqual({ error: 'unsupported_media_type', message: expect.stringContaining(`"${type}"`) });
        expect(res.headers['x-server-time']).toBeDefined();
      }
      const untyped = await send({}, text);
      expect(untyped.statusCode).toBe(415);
      expect(untyped.json()).toMatchObject({ error: 'unsupported_media_type' });
      // The type is checked before the token: a wrong type is 415 even for nobody.
      const anonymous = await s.app.inject({ method: 'POST', url: '/api/enroll', headers: { 'content-type': 'text/plain' }, payload: 'K7QX-M4PF' });
      expect(anonymous.statusCode).toBe(415);
      expect(await s.store.headPosition()).toBe(head);

      const malformed = await send({ 'content-type': 'application/json' }, '{"rows": [');
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json()).toMatchObject({ error: 'invalid_body' });
      const withCharset = await send({ 'content-type': 'application/json; charset=utf-8' }, text);
      expect(withCharset.statusCode).toBe(200);
    });

    it('[P11] an unknown route, API path or not, is 404 not_found in the contract shape (no PWA built)', async () => {
      for (const [method, url] of [
        ['GET', '/line/line-bochum-pr1'],
        ['GET', '/'],
        ['POST', '/somewhere'],
        ['GET', '/api/nothing-here?x=1'],
        ['DELETE', '/api/replication/kpi_readings/push'],
        ['GET', '/api'],
      ] as const) {
        const res = await s.app.inject({ method, url });
        expect(res.statusCode, `${method} ${url}`).toBe(404);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(res.json(), `${method} ${url}`).toEqual({ error: 'not_found', message: `There is no ${method} ${url.split('?')[0] ?? ''} on this server.` });
        expect(res.headers['x-server-time']).toBeDefined();
      }
    });

    it('[P11] with the PWA built, a GET of a client-side route gets the app shell; every other unknown route the contract 404', async () => {
      await withBuiltApp(s, async (app) => {
        const shell = await app.inject({ method: 'GET', url: '/line/line-bochum-pr1?shift=A' });
        expect(shell.statusCode).toBe(200);
        expect(shell.headers['content-type']).toMatch(/^text\/html/);
        expect(shell.body).toBe(APP_SHELL);
        for (const [method, url] of [
          // A chunk of the previous deployment (a tablet not yet updated asks for it): a 404, never the shell as JavaScript.
          ['GET', '/assets/index-0ld0ne.js'],
          ['GET', '/icons/missing.png'],
          ['POST', '/line/line-bochum-pr1'],
          ['PUT', '/somewhere'],
          ['GET', '/api/nothing-here'],
          ['GET', '/api'],
          ['POST', '/api/nothing-here'],
        ] as const) {
          const res = await app.inject({ method, url });
          expect(res.statusCode, `${method} ${url}`).toBe(404);
          expect(res.json(), `${method} ${url}`).toEqual({ error: 'not_found', message: `There is no ${method} ${url} on this server.` });
        }
      });
    });

    it('the built PWA: hashed assets are cached for a year, the shell (also as a client-side route) is always revalidated', async () => {
      await withBuiltApp(s, async (app) => {
        const cacheOf = async (url: string) => (await app.inject({ method: 'GET', url })).headers['cache-control'];
        expect(await cacheOf('/assets/index-3f2a9c.js')).toBe('public, max-age=31536000, immutable');
        expect(await cacheOf('/')).toBe('no-cache');
        expect(await cacheOf('/index.html')).toBe('no-cache');
        expect(await cacheOf('/sw.js')).toBe('no-cache');
        expect(await cacheOf('/line/line-bochum-pr1')).toBe('no-cache');
      });
    });

    it('[P5] a record that breaks its schema is rejected with the field named', async () => {
      const tablet = await enroll(s, 'tablet');
      const bad = { ...reading(), value: 'seventy' };
      const res = await push(s, tablet, 'kpi_readings', [row(bad)]);
      expect(res.json<PushReply>().rejected).toEqual([{ id: bad.id, error: 'invalid_record', message: expect.stringContaining('value') }]);
    });

    it('[P5] a losing edit nested 3,000 deep is refused invalid_record on its row, never half-stored; the good row beside it is stored and the record stays editable', async () => {
      const tablet = await enroll(s, 'tablet');
      let deep: unknown = 'bottom';
      for (let i = 0; i < 3_000; i++) deep = [deep];
      const poisoned = notedAction(tablet.deviceId, {});
      poisoned.conflicts = [{ field: 'title', value: deep, hlc: poisoned.hlc, deviceId: tablet.deviceId }];
      const good = notedAction(tablet.deviceId, {});
      const lead = { 'x-tierboard-person': PEOPLE.shiftLead };
      const res = await push(s, tablet, 'improvement_actions', [row(poisoned), row(good)], lead);
      expect(res.statusCode).toBe(200);
      expect(res.json<PushReply>().rejected).toEqual([{ id: poisoned.id, error: 'invalid_record', message: 'Field conflicts.0.value is nested deeper than 16 levels.' }]);
      expect((await s.store.getByIds('improvement_actions', [poisoned.id])).length).toBe(0);
      expect((await s.store.getByIds('improvement_actions', [good.id])).length).toBe(1);
      // The same record sent again without the poison is stored, and edited after that as any other.
      const clean = { ...poisoned, conflicts: [] };
      expect((await push(s, tablet, 'improvement_actions', [row(clean)], lead)).json<PushReply>().rejected).toEqual([]);
      const edited = { ...clean, title: 'Check die wear on PR1 and PR2', fieldClocks: { ...clean.fieldClocks, title: formatHlc({ wallMs: T(9), counter: 0, nodeId: tablet.deviceId }) }, hlc: formatHlc({ wallMs: T(9), counter: 0, nodeId: tablet.deviceId }) };
      const again = await push(s, tablet, 'improvement_actions', [{ newDocumentState: { ...edited, _deleted: false }, assumedMasterState: { ...clean, _deleted: false } }], lead);
      expect(again.statusCode).toBe(200);
      expect(again.json<PushReply>().rejected).toEqual([]);
    });
  });
}

const APP_SHELL = '<!doctype html><title>Tierboard</title>';

/** A server over the test's store serving a built PWA (an app shell, a service worker, one hashed asset). */
async function withBuiltApp(s: TestServer, use: (app: FastifyInstance) => Promise<void>): Promise<void> {
  const dist = mkdtempSync(join(tmpdir(), 'tierboard-dist-'));
  writeFileSync(join(dist, 'index.html'), APP_SHELL);
  writeFileSync(join(dist, 'sw.js'), '// service worker');
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'assets', 'index-3f2a9c.js'), 'console.log(1)');
  const app = await buildServer({ ...testConfig(), distDir: dist }, { store: s.store, clock: () => s.clock.now, logLevel: 'error' });
  try {
    await use(app);
  } finally {
    await app.close();
    rmSync(dist, { recursive: true, force: true });
  }
}

/** A new improvement action as the board's "Note action" writes it (src/ui/board/note-action.ts). */
function notedAction(deviceId: string, over: Partial<ImprovementAction>): ImprovementAction {
  return createMutable<ImprovementAction>(
    { id: nextId('action'), plantId: BOCHUM, title: 'Check die wear on PR1', status: 'todo', ownerId: PEOPLE.shiftLead, due: '2026-03-09', keyResultId: '', escalationId: '', ...over },
    formatHlc({ wallMs: T(3), counter: 0, nodeId: deviceId }),
  );
}

/** Milliseconds into the test day, for HLC stamps that order edits. */
function T(n: number): number {
  return Date.parse('2026-03-02T06:00:00.000Z') + n * 1000;
}
