/** Pull and push: parse, authenticate, hand over to replication/ ([P3]-[P8]). */
import type { FastifyInstance } from 'fastify';
import type { CollectionName } from '../../src/domain/records/collections.ts';
import { BODY_LIMIT_BYTES, PULL_LIMIT_DEFAULT } from '../../src/domain/wire/limits.ts';
import { API_ROUTES, PERSON_HEADER, PERSON_ID_MAX, PERSON_SESSION_HEADER, STAMPS_HEADER, type PushRequest } from '../../src/domain/wire/protocol.ts';
import { pullChangesPage } from '../replication/pull.ts';
import { pushChangesJson, type PushRow } from '../replication/push.ts';
import { requireDevice, type RouteContext } from './context.ts';
import { mayHoldUnstorableText, useEscapeAwareJsonParser } from './replication-json-body.ts';
import { pullSchema, pushSchema } from './route-schemas.ts';
import { noteRows } from './request-notes.ts';
import { checkedInput } from './route-validation.ts';

export function replicationRoutes(app: FastifyInstance, ctx: RouteContext): void {
  // A plugin scope of their own, so their JSON parser (replication-json-body.ts) is theirs alone.
  void app.register(async (scope) => {
    useEscapeAwareJsonParser(scope);

    scope.get(API_ROUTES.pull, { schema: pullSchema, attachValidation: true }, async (req, reply) => {
      const device = await requireDevice(ctx, req);
      // The collection, the checkpoint and the limit as the schema let them through: digits or empty.
      checkedInput(req);
      const { collection } = req.params as { collection: CollectionName };
      const { checkpoint, limit } = req.query as { checkpoint?: string; limit?: string };
      const since = checkpoint ? Number(checkpoint) : 0;
      const page = await pullChangesPage(ctx.store, device, collection, since, limit ? Number(limit) : PULL_LIMIT_DEFAULT, BODY_LIMIT_BYTES, ctx.clock());
      noteRows(req, page.documents);
      // Already JSON text: sent as it is, not serialised again.
      return reply.type('application/json; charset=utf-8').send(page.json);
    });

    scope.post(API_ROUTES.push, { schema: pushSchema, attachValidation: true }, async (req, reply) => {
      const device = await requireDevice(ctx, req);
      // The envelope only: each record is checked against its collection's schema on its own row ([P5]).
      checkedInput(req);
      const { collection } = req.params as { collection: CollectionName };
      const { rows } = req.body as PushRequest<PushRow['newDocumentState']>;
      const person = req.headers[PERSON_HEADER];
      const sessionPersonId = typeof person === 'string' ? person.trim().slice(0, PERSON_ID_MAX) : '';
      const stamps = req.headers[STAMPS_HEADER] === '1';
      // [T2] A person session the server verified, of this very device: privileged rows need it.
      const verifiedPersonId = ctx.sessions.personOf(device, req.headers[PERSON_SESSION_HEADER], ctx.clock()) ?? '';
      const answer = await pushChangesJson(ctx, device, collection, rows, sessionPersonId, { mayHoldUnstorableText: mayHoldUnstorableText(req), stamps, verifiedPersonId });
      noteRows(req, rows.length);
      // Already JSON text (the stored documents' own), sent as it is.
      return reply.type('application/json; charset=utf-8').send(answer);
    });
  });
}
