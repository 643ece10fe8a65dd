/** Pull and push: parse, authenticate, hand over to replication/ ([P3]-[P8]). */
import type { FastifyInstance } from 'fastify';
import { pullChangesJson } from '../replication/pull.ts';
import { pushChangesJson } from '../replication/push.ts';
import { requireDevice, type RouteContext } from './context.ts';
import { mayHoldUnstorableText, useEscapeAwareJsonParser } from './replication-json-body.ts';
import { collectionParam, pullQuery, pushBody } from './wire-input.ts';

export function replicationRoutes(app: FastifyInstance, ctx: RouteContext): void {
  // A plugin scope of their own, so their JSON parser (replication-json-body.ts) is theirs alone.
  void app.register(async (scope) => {
    useEscapeAwareJsonParser(scope);

    scope.get('/api/replication/:collection/pull', async (req, reply) => {
      const device = await requireDevice(ctx, req);
      const collection = collectionParam(req.params);
      const { since, limit } = pullQuery(req.query);
      // Already JSON text: sent as it is, not serialised again.
      return reply.type('application/json; charset=utf-8').send(await pullChangesJson(ctx.store, device, collection, since, limit));
    });

    scope.post('/api/replication/:collection/push', async (req, reply) => {
      const device = await requireDevice(ctx, req);
      const collection = collectionParam(req.params);
      const rows = pushBody(req.body);
      const person = req.headers['x-tierboard-person'];
      const sessionPersonId = typeof person === 'string' ? person.trim().slice(0, 100) : '';
      const stamps = req.headers['x-tierboard-stamps'] === '1';
      const answer = await pushChangesJson(ctx, device, collection, rows, sessionPersonId, { mayHoldUnstorableText: mayHoldUnstorableText(req), stamps });
      // Already JSON text (the stored documents' own), sent as it is.
      return reply.type('application/json; charset=utf-8').send(answer);
    });
  });
}
