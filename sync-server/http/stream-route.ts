/**
 * The live stream over Server-Sent Events ([P9], [P10]): RESYNC first, then
 * every stored change batch in the device's scope, a `: ping` comment every
 * 15 s so proxies and the tablet notice a dead link.
 *
 * [A4] [A5] A stream outlives the request that opened it, so its device is
 * checked again at every heartbeat: a device revoked (by another server
 * process too) or past its token's lifetime has its stream ended, reconnects,
 * and hears why (401). A revocation on this process ends it at once.
 */
import type { FastifyInstance } from 'fastify';
import { API_ROUTES, SERVER_TIME_HEADER } from '../../src/domain/wire/protocol.ts';
import { authenticateDevice } from '../auth/device-auth.ts';
import { refuse } from '../auth/refusal.ts';
import { scopeOf } from '../replication/device-scope.ts';
import { pinViewOf } from '../replication/people-secrets.ts';
import { every } from '../server-timers.ts';
import { requireDevice, type RouteContext } from './context.ts';
import { streamSchema } from './route-schemas.ts';

/**
 * The SSE frame of the event the hub is handing to every stream of a scope
 * right now, encoded once: a hundred tablets reconnecting at once would
 * otherwise each hold their own copy of every event while their sockets drain
 * (measured with bench/sync/storm-probe.ts: peak RSS 437-837 MB with a copy
 * per stream, about 185 MB shared).
 */
let lastJson = '';
let lastFrame = Buffer.alloc(0);
function frameOf(eventJson: string): Buffer {
  if (eventJson !== lastJson) {
    lastJson = eventJson;
    lastFrame = Buffer.from(`data: ${eventJson}\n\n`);
  }
  return lastFrame;
}

export function streamRoute(app: FastifyInstance, ctx: RouteContext): void {
  app.get(API_ROUTES.stream, { schema: streamSchema }, async (req, reply) => {
    const device = await requireDevice(ctx, req);
    // [E6] One token opened 2,000 streams: each held a socket and a share of every change's fan-out.
    if (ctx.hub.streamsOf(device.deviceId) >= ctx.streamsPerDevice) {
      throw refuse.tooMany(
        'too_many_streams',
        `This device already has ${ctx.streamsPerDevice} live streams open. Close other tabs of Tierboard on it; the app connects again by itself.`,
        Math.ceil(ctx.heartbeatMs / 1000),
      );
    }
    // The device may have gone while its token was looked up (a database round trip on
    // PostgreSQL): its 'close' has fired already and would never end what follows.
    if (req.raw.destroyed || reply.raw.destroyed) return reply.hijack();
    // From here on the socket is ours: Fastify no longer answers for this request.
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      // [W4] Like every API answer, never stored; no-transform: no proxy may compress (buffer) it.
      'Cache-Control': 'no-store, no-transform',
      Connection: 'keep-alive',
      // nginx buffers responses unless told not to; a buffered stream is no live stream.
      'X-Accel-Buffering': 'no',
      [SERVER_TIME_HEADER]: new Date(ctx.clock()).toISOString(),
    });
    let open = true;
    let disconnect = (): void => undefined;
    // Ends the stream once, whatever ends it: the device going away, shutdown or revocation (the
    // hub's end), a failed heartbeat check, or a backlog too long.
    const finish = (): void => {
      if (!open) return;
      open = false;
      stopPing();
      disconnect();
      if (!res.writableEnded) res.end();
    };
    // The hub hands over the event's JSON text, built once for every stream of this scope.
    const send = (eventJson: string): void => {
      if (!open) return;
      // [P9] Too far behind: end it; the device reconnects and pulls instead.
      if (res.writableLength > ctx.streamBacklogBytes) finish();
      else res.write(frameOf(eventJson));
    };
    const stopPing = every(ctx.timers, ctx.heartbeatMs, () => {
      authenticateDevice(ctx.store, req.headers.authorization, ctx.clock()).then(() => {
        if (open) res.write(': ping\n\n');
      }, finish);
    });
    disconnect = ctx.hub.connect({ scope: scopeOf(device), pins: pinViewOf(device), deviceId: device.deviceId, send, end: finish });
    req.raw.once('close', finish);
    res.once('close', finish);
  });
}
