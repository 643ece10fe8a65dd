/**
 * [O1] Prometheus metrics at GET /metrics, through prom-client, for the plant's IT. A registry
 * per server (not prom-client's global one), so two servers in one process (tests, a plant
 * server beside its enterprise server) never count into each other.
 *
 *   tierboard_http_requests_total{method,route,status}   every answer; `route` is the route's
 *                                                         pattern (`/api/replication/:collection/push`),
 *                                                         never the raw URL, so ids and junk paths
 *                                                         cannot grow the series without bound
 *                                                         (a path no route has is `unmatched`)
 *   tierboard_push_rows_total{collection}                 rows received in answered pushes
 *   tierboard_pull_rows_total{collection}                 documents sent in answered pulls
 *   tierboard_feed_head_position                          the change feed's head ([S1]), read at scrape
 *   tierboard_live_streams                                live streams open on this process ([P9])
 *   tierboard_storage_errors_total                        requests the storage failed (disk full,
 *                                                         failed fsync: the 503s of [P11])
 *   tierboard_upstream_link_state                         0 not configured, 1 configured and down,
 *                                                         2 up; always 0 today: the upstream link
 *                                                         (a plant server replicating up) is not
 *                                                         in this version, and the gauge says so
 *                                                         rather than pretending a link is up
 * plus prom-client's process metrics (CPU, memory, event loop lag) under `tierboard_`.
 *
 * Who may read it: ops-access.ts ([O2]).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { API_ROUTES } from '../../src/domain/wire/protocol.ts';
import type { RouteContext } from './context.ts';
import { storageProblem } from './errors.ts';
import { opsAccess } from './ops-access.ts';
import { rowsOf } from './request-notes.ts';

/** The upstream link's state as the gauge reports it. */
export const UPSTREAM_LINK = { notConfigured: 0, down: 1, up: 2 } as const;

export function registerMetrics(app: FastifyInstance, ctx: RouteContext): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tierboard_' });
  const requests = new Counter({
    name: 'tierboard_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const pushRows = new Counter({ name: 'tierboard_push_rows_total', help: 'Rows received in answered pushes, by collection.', labelNames: ['collection'] as const, registers: [registry] });
  const pullRows = new Counter({ name: 'tierboard_pull_rows_total', help: 'Documents sent in answered pulls, by collection.', labelNames: ['collection'] as const, registers: [registry] });
  const storageErrors = new Counter({ name: 'tierboard_storage_errors_total', help: 'Requests the storage failed (disk full, failed fsync).', registers: [registry] });
  new Gauge({
    name: 'tierboard_feed_head_position',
    help: "The change feed's head: the highest position handed out.",
    registers: [registry],
    async collect() {
      this.set(await ctx.store.headPosition());
    },
  });
  new Gauge({
    name: 'tierboard_live_streams',
    help: 'Live streams open on this server process.',
    registers: [registry],
    collect() {
      this.set(ctx.hub.size);
    },
  });
  new Gauge({
    name: 'tierboard_upstream_link_state',
    help: 'Link up to the enterprise server: 0 not configured (always, in this version), 1 down, 2 up.',
    registers: [registry],
    collect() {
      this.set(UPSTREAM_LINK.notConfigured);
    },
  });

  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    const rows = rowsOf(req);
    if (rows === undefined || reply.statusCode !== 200) return;
    const collection = collectionOf(req);
    if (route === API_ROUTES.push) pushRows.inc({ collection }, rows);
    else if (route === API_ROUTES.pull) pullRows.inc({ collection }, rows);
  });
  app.addHook('onError', async (_req, _reply, err) => {
    if (storageProblem(err)) storageErrors.inc();
  });

  app.get(
    API_ROUTES.metrics,
    {
      preHandler: opsAccess(ctx.config.opsToken),
      schema: {
        summary: 'Prometheus metrics: requests, rows pushed and pulled, feed head, live streams, storage errors, upstream link ([O1])',
        tags: ['operations'],
        security: [{ opsToken: [] }],
        response: { 200: { type: 'string', description: 'Prometheus text exposition format.' } },
      },
    },
    async (_req, reply) => reply.type(registry.contentType).send(await registry.metrics()),
  );
  return registry;
}

/** The collection a replication route was called for (the route checked it exists). */
function collectionOf(req: FastifyRequest): string {
  return (req.params as { collection?: string }).collection ?? '';
}
