/**
 * Assembles the sync server: HTTP routes over the store, plus the built PWA.
 * Routes are thin (parse, authenticate, call auth/ or replication/); the
 * store, the clock and the change notifier are passed in so tests control them.
 */
import { nodePbkdf2Derive } from './auth/pin-derive.ts';
import { PersonSessions } from './auth/person-sessions.ts';
import Fastify, { type FastifyInstance } from 'fastify';
import { BODY_LIMIT_BYTES, HEARTBEAT_MS } from '../src/domain/wire/limits.ts';
import { API_ROUTES, SERVER_TIME_HEADER, type HealthAnswer } from '../src/domain/wire/protocol.ts';
import type { ServerConfig } from './config.ts';
import { authRoutes } from './http/auth-routes.ts';
import { registerCompression } from './http/compression.ts';
import type { RouteContext } from './http/context.ts';
import { capConnectionsPerAddress, EDGE_LIMITS, edgeServerOptions, type EdgeLimits } from './http/edge-limits.ts';
import { installErrorHandling } from './http/errors.ts';
import { useStrictJsonParser } from './http/json-body-guard.ts';
import { RATE_LIMITS, registerRateLimits, type RateLimits } from './http/rate-limits.ts';
import { healthSchema } from './http/route-schemas.ts';
import { registerOpenApi } from './http/openapi.ts';
import { installRouteValidation } from './http/route-validation.ts';
import { registerMetrics } from './http/metrics.ts';
import { registerHealthPage } from './http/health-page.ts';
import { announceDatabase } from './http/database-identity.ts';
import { replicationRoutes } from './http/replication-routes.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { serveApp } from './http/static-app.ts';
import { streamRoute } from './http/stream-route.ts';
import { LiveHub, type ChangeNotifier } from './replication/live-hub.ts';
import { openStore } from './store/open-store.ts';
import type { Store } from './store/store.ts';
import { serverTimers, type Timers } from './server-timers.ts';

/**
 * [P9] A live stream that has this much waiting unsent (a tablet on a link
 * slower than the plant's changes, or gone without closing) is ended: it
 * reconnects and pulls from its checkpoint, so it loses nothing, and the
 * server never holds an unbounded backlog per device. 4 MB is minutes of a
 * busy plant's changes.
 */
export const STREAM_BACKLOG_BYTES = 4 * 1024 * 1024;

export interface ServerDeps {
  /** An open, migrated store; when absent the server opens (and on close, closes) its own from config. */
  store?: Store;
  /** Milliseconds since the epoch. */
  clock?: () => number;
  /** Fan-out of stored changes to live streams; in-process by default. */
  notifier?: ChangeNotifier;
  heartbeatMs?: number;
  /** Timers for the streams' heartbeats; real (unref'd) ones by default, hand-driven in tests. */
  timers?: Timers;
  streamBacklogBytes?: number;
  /** Pino level; LOG_LEVEL or `warn` by default. */
  logLevel?: string;
  /** Where log lines go (one JSON text per write); standard output by default. Tests read them. */
  logStream?: { write(line: string): void };
  /** Timeouts and connection caps over EDGE_LIMITS ([E3]-[E6]); tests shorten them. */
  edgeLimits?: Partial<EdgeLimits>;
  /** Attempt limits over RATE_LIMITS ([E1], [E2]). */
  rateLimits?: Partial<RateLimits>;
  /**
   * [T4] PBKDF2 iterations PINs are rehashed to after a server-verified sign-in: PIN_ITERATIONS
   * (600,000) unless a test passes a small count here, in process. Deliberately no
   * configuration or environment variable: a production server cannot be talked into less.
   */
  pinIterations?: number;
}

export async function buildServer(config: ServerConfig, deps: ServerDeps = {}): Promise<FastifyInstance> {
  const ownStore = deps.store === undefined;
  const store = deps.store ?? (await openStore({ url: config.databaseUrl, sqlitePath: config.sqlitePath }));
  const clock = deps.clock ?? (() => Date.now());
  const hub = new LiveHub(deps.notifier);
  const edge = { ...EDGE_LIMITS, ...deps.edgeLimits };
  const sessions = new PersonSessions({ derive: nodePbkdf2Derive, ...(deps.pinIterations === undefined ? {} : { pinIterations: deps.pinIterations }) });

  const logger = { level: deps.logLevel ?? process.env.LOG_LEVEL ?? 'warn', ...(deps.logStream ? { stream: deps.logStream } : {}) };
  const app = Fastify({ logger, bodyLimit: BODY_LIMIT_BYTES, ...edgeServerOptions(edge, clock) });
  capConnectionsPerAddress(app, edge.connectionsPerAddress);
  installErrorHandling(app);
  // Before any route: it hooks the routes added after it.
  const enrollGuard = await registerRateLimits(app, { ...RATE_LIMITS, ...deps.rateLimits });
  const ctx: RouteContext = {
    config,
    store,
    clock,
    hub,
    heartbeatMs: deps.heartbeatMs ?? HEARTBEAT_MS,
    timers: deps.timers ?? serverTimers,
    streamBacklogBytes: deps.streamBacklogBytes ?? STREAM_BACKLOG_BYTES,
    streamsPerDevice: edge.streamsPerDevice,
    enrollGuard,
    sessions,
  };
  installRouteValidation(app);
  await registerSecurityHeaders(app);
  await registerCompression(app);
  // [P11] Bodies are JSON and nothing else: without its default text/plain parser Fastify refuses
  // any other type as 415 unsupported_media_type (errors.ts) before the route runs, instead of
  // handing the route a string that then fails as a malformed body.
  app.removeContentTypeParser('text/plain');
  // [E7] [E8] JSON bodies are UTF-8 and nested at most BODY_DEPTH_MAX deep, or refused.
  useStrictJsonParser(app);
  // Every answer carries the server's time: devices measure their clock offset from it (contract).
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header(SERVER_TIME_HEADER, new Date(clock()).toISOString());
    return payload;
  });
  // Live streams never end by themselves; end them so close() does not wait forever.
  app.addHook('preClose', async () => hub.close());
  if (ownStore) app.addHook('onClose', async () => store.close());

  // First: it collects the routes added after it, for the OpenAPI document ([P14]).
  await registerOpenApi(app);
  registerMetrics(app, ctx);
  registerHealthPage(app, ctx);
  await announceDatabase(app, ctx);
  app.get(API_ROUTES.health, { schema: healthSchema }, async (): Promise<HealthAnswer> => ({ ok: true, role: config.role }));
  authRoutes(app, ctx);
  replicationRoutes(app, ctx);
  streamRoute(app, ctx);
  // The PWA, and the not-found handler for every path (the contract's 404, or the app shell).
  await serveApp(app, config.distDir);
  return app;
}
