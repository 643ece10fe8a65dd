/** Pull and push: parse, authenticate, hand over to replication/ ([P3]-[P8]). */
import type { FastifyInstance } from 'fastify';
import { pullChangesJson } from '../replication/pull.ts';
import { pushChangesJson } from '../replication/push.ts';
import { requireDevice, type RouteContext } from './context.ts';
import { collectionParam, pullQuery, pushBody } from './wire-input.ts';

export function replicationRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/api/replication/:collection/pull', async (req, reply) => {
    const device = await requireDevice(ctx, req);
    const collection = collectionParam(req.params);
    const { since, limit } = pullQuery(req.query);
    // Already JSON text: sent as it is, not serialised again.
    return reply.type('application/json; charset=utf-8').send(await pullChangesJson(ctx.store, device, collection, since, limit));
  });

  app.post('/api/replication/:collection/push', async (req, reply) => {
    const device = await requireDevice(ctx, req);
    const collection = collectionParam(req.params);
    const rows = pushBody(req.body);
    const person = req.headers['x-tierboard-person'];
    const answer = await pushChangesJson(ctx, device, collection, rows, typeof person === 'string' ? person.trim().slice(0, 100) : '');
    // Already JSON text (the stored documents' own), sent as it is.
    return reply.type('application/json; charset=utf-8').send(answer);
  });
}
