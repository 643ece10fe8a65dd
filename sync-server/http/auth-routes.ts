/** Enrollment, device admin, who-am-I and the time ([A1]-[A7]). */
import type { FastifyInstance } from 'fastify';
import { actingPerson } from '../auth/acting-person.ts';
import { issueEnrollmentCode, presetLine, redeemEnrollmentCode } from '../auth/enrollment.ts';
import { refuse } from '../auth/refusal.ts';
import { revokeDevice } from '../auth/revocation.ts';
import { roleOf } from '../replication/device-scope.ts';
import { originOf, requireDevice, type RouteContext } from './context.ts';
import { codeRequestBody, enrollBody, isPlainObject } from './wire-input.ts';

const PERSON_HEADER = 'x-tierboard-person';

export function authRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.post('/api/enroll', async (req) => {
    const { code, name } = enrollBody(req.body);
    return redeemEnrollmentCode(ctx.store, code, name, ctx.clock());
  });

  app.post('/api/enrollment-codes', async (req, reply) => {
    const device = await requireDevice(ctx, req);
    const body = codeRequestBody(req.body);
    const person = await actingPerson(ctx.store, device, req.headers[PERSON_HEADER], body.plantId);
    // After the acting person: only an admin of the plant learns which of its lines exist.
    const lineId = await presetLine(ctx.store, body.plantId, body.kind, body.lineId);
    const issued = await issueEnrollmentCode(ctx.store, { ...body, lineId, createdBy: person.id, origin: originOf(ctx, req) }, ctx.clock());
    return reply.code(201).send({ code: issued.code, expiresAt: issued.expiresAt, qrSvg: issued.qrSvg });
  });

  app.post('/api/devices/:id/revoke', async (req) => {
    const device = await requireDevice(ctx, req);
    const id = isPlainObject(req.params) && typeof req.params.id === 'string' ? req.params.id : '';
    const target = id ? await ctx.store.getDevice(id) : null;
    // Who asks comes first: only an admin learns whether a device id exists.
    await actingPerson(ctx.store, device, req.headers[PERSON_HEADER], target?.plantId ?? device.plantId);
    if (!target) throw refuse.notFound('unknown_device', 'There is no enrolled device with this id.');
    const revoked = await revokeDevice(ctx.store, target, ctx.clock());
    ctx.hub.endDevice(target.deviceId);
    return revoked;
  });

  app.get('/api/me', async (req) => {
    const device = await requireDevice(ctx, req);
    return { deviceId: device.deviceId, plantId: device.plantId, kind: device.kind, lineId: device.lineId, role: roleOf(device) };
  });

  app.get('/api/time', async () => ({ serverTime: new Date(ctx.clock()).toISOString() }));
}
