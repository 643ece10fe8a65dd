/** Enrollment, device admin, person sessions, who-am-I and the time ([A1]-[A7], [T2]). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  API_ROUTES,
  PERSON_SESSION_HEADER,
  type CodeRequest,
  type EnrollRequest,
  type MeAnswer,
  type PersonSessionRequest,
  type TimeAnswer,
} from '../../src/domain/wire/protocol.ts';
import { actingPerson } from '../auth/acting-person.ts';
import { issueEnrollmentCode, presetLine, redeemEnrollmentCode } from '../auth/enrollment.ts';
import { refuse, Refusal } from '../auth/refusal.ts';
import { revokeDevice } from '../auth/revocation.ts';
import { plantInScope } from '../auth/people-in-scope.ts';
import { roleOf, scopeOf } from '../replication/device-scope.ts';
import { storable } from '../replication/record-validation.ts';
import { originOf, requireDevice, type RouteContext } from './context.ts';
import type { DeviceAuth } from '../store/store.ts';
import { enrollmentCodesSchema, enrollSchema, meSchema, personSessionSchema, revokeSchema, timeSchema } from './route-schemas.ts';
import { checkedInput } from './route-validation.ts';

/** [T2] The person of the request's valid person session of this device, or null. */
function verifiedPerson(ctx: RouteContext, device: DeviceAuth, req: FastifyRequest): string | null {
  return ctx.sessions.personOf(device, req.headers[PERSON_SESSION_HEADER], ctx.clock());
}

export function authRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.post(API_ROUTES.enroll, { schema: enrollSchema, attachValidation: true }, async (req) => {
    // [E1] Before anything is looked at: an address (or the server) past its failures waits.
    await ctx.enrollGuard.check(req);
    try {
      checkedInput(req);
      const { code, name = '' } = req.body as EnrollRequest;
      // [P5]'s storable text: PostgreSQL holds no NUL or broken surrogate pair, and a name is stored.
      if (!storable(name)) throw refuse.badInput('The device name holds a character that cannot be stored (a NUL or a broken surrogate pair).');
      return await redeemEnrollmentCode(ctx.store, code, name, ctx.clock());
    } catch (err) {
      // [E1] Every refused attempt counts (an unknown, used or expired code, or a malformed one).
      if (err instanceof Refusal) await ctx.enrollGuard.failed(req, err);
      throw err;
    }
  });

  app.post(API_ROUTES.enrollmentCodes, { schema: enrollmentCodesSchema, attachValidation: true }, async (req, reply) => {
    const device = await requireDevice(ctx, req);
    checkedInput(req);
    const { plantId, kind, lineId = '' } = req.body as CodeRequest;
    const person = await actingPerson(ctx.store, device, scopeOf(device), verifiedPerson(ctx, device, req), plantId);
    // After the acting person: only an admin of the plant learns which of its lines exist.
    const line = await presetLine(ctx.store, plantId, kind, lineId);
    const issued = await issueEnrollmentCode(ctx.store, { plantId, kind, lineId: line, createdBy: person.id, origin: originOf(ctx, req) }, ctx.clock());
    return reply.code(201).send({ code: issued.code, expiresAt: issued.expiresAt, qrSvg: issued.qrSvg });
  });

  app.post(API_ROUTES.revoke, { schema: revokeSchema, attachValidation: true }, async (req) => {
    const device = await requireDevice(ctx, req);
    checkedInput(req);
    const { id } = req.params as { id: string };
    const scope = scopeOf(device);
    const stored = id ? await ctx.store.getDevice(id) : null;
    // [T5] A device of a plant outside the caller's scope is answered as one that does not exist.
    const target = stored && plantInScope(scope, stored.plantId) ? stored : null;
    // Who asks comes first: only an admin learns whether a device id exists.
    await actingPerson(ctx.store, device, scope, verifiedPerson(ctx, device, req), target?.plantId ?? device.plantId);
    if (!target) throw refuse.notFound('unknown_device', 'There is no enrolled device with this id.');
    const revoked = await revokeDevice(ctx.store, target, ctx.clock());
    ctx.hub.endDevice(target.deviceId);
    ctx.sessions.endDevice(target.deviceId);
    return revoked;
  });

  // [T2] A person proves who they are to the server: the PIN is checked here, never on trust.
  app.post(API_ROUTES.personSessions, { schema: personSessionSchema, attachValidation: true }, async (req, reply) => {
    const device = await requireDevice(ctx, req);
    checkedInput(req);
    const { personId, pin } = req.body as PersonSessionRequest;
    const answer = await ctx.sessions.open(ctx.store, device, scopeOf(device), personId.trim(), pin, ctx.clock());
    return reply.code(201).send(answer);
  });

  app.get(API_ROUTES.me, { schema: meSchema }, async (req): Promise<MeAnswer> => {
    const device = await requireDevice(ctx, req);
    return { deviceId: device.deviceId, plantId: device.plantId, kind: device.kind, lineId: device.lineId, role: roleOf(device) };
  });

  app.get(API_ROUTES.time, { schema: timeSchema }, async (): Promise<TimeAnswer> => ({ serverTime: new Date(ctx.clock()).toISOString() }));
}
