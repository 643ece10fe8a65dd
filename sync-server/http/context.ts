/** What every route needs, passed in so tests control the store and the clock. */
import type { FastifyRequest } from 'fastify';
import type { ServerConfig } from '../config.ts';
import { authenticateDevice } from '../auth/device-auth.ts';
import type { PersonSessions } from '../auth/person-sessions.ts';
import type { LiveHub } from '../replication/live-hub.ts';
import type { DeviceAuth, Store } from '../store/store.ts';
import type { Timers } from '../server-timers.ts';
import { noteDevice } from './request-notes.ts';
import type { EnrollGuard } from './rate-limits.ts';

export interface RouteContext {
  config: ServerConfig;
  store: Store;
  /** Milliseconds since the epoch; the only clock the server reads. */
  clock: () => number;
  hub: LiveHub;
  /** Interval of the stream's `: ping` comment; 15 s in production (contract). */
  heartbeatMs: number;
  /** The heartbeats run on these: real ones in production, hand-driven in tests. */
  timers: Timers;
  /** Bytes a live stream may have waiting unsent before it is ended ([P9]). */
  streamBacklogBytes: number;
  /** Live streams one device may hold open at once ([E6]). */
  streamsPerDevice: number;
  /** Limits failed enrollment attempts ([E1]). */
  enrollGuard: EnrollGuard;
  /** [T2] Person sessions the server verified, and the wrong-PIN counts. */
  sessions: PersonSessions;
}

/** [A3] The device behind the request's bearer token, or a 401 Refusal. */
export async function requireDevice(ctx: RouteContext, req: FastifyRequest): Promise<DeviceAuth> {
  const device = await authenticateDevice(ctx.store, req.headers.authorization, ctx.clock());
  // For the hooks after the route: the device's last contact ([O4]).
  noteDevice(req, device);
  return device;
}

/** Where devices reach this server: the configured public URL, else what the request says. */
export function originOf(ctx: RouteContext, req: FastifyRequest): string {
  if (ctx.config.publicUrl) return ctx.config.publicUrl;
  return `${req.protocol}://${req.host}`;
}
