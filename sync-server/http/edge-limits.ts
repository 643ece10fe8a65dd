/**
 * The edge of the server ([E3]-[E6] in SPEC.md): how long a connection may take,
 * how many one address may hold, and the contract's JSON for the errors Node's
 * HTTP parser and Fastify's router answer before any route or error handler
 * runs. Before this every timeout was off: 1,000 slow unauthenticated uploads
 * stayed open for 75 s and more, each holding a socket and a buffer.
 */
import type { Socket } from 'node:net';
import type { Server } from 'node:http';
import type { FastifyHttpOptions, FastifyInstance } from 'fastify';
import { HEARTBEAT_MS } from '../../src/domain/wire/limits.ts';
import { SERVER_TIME_HEADER, type ApiError, type ErrorCode } from '../../src/domain/wire/protocol.ts';
import { sendError } from './errors.ts';

export interface EdgeLimits {
  /** Headers of a request must arrive within this (Node's headersTimeout). */
  headersTimeoutMs: number;
  /** A whole request, body included, must arrive within this (Node's requestTimeout). */
  requestTimeoutMs: number;
  /** A socket with no byte either way for this long is closed (Fastify's connectionTimeout). */
  connectionTimeoutMs: number;
  /** An idle kept-alive socket is closed after this (Node's keepAliveTimeout). */
  keepAliveTimeoutMs: number;
  /** How often Node looks for requests past headersTimeoutMs / requestTimeoutMs. */
  timeoutCheckMs: number;
  /** Open sockets one address may hold at once; the next is refused with 429. */
  connectionsPerAddress: number;
  /** Live streams one device may hold open at once; the next is refused with 429. */
  streamsPerDevice: number;
}

export const EDGE_LIMITS: EdgeLimits = {
  // 10 s: a tablet sends its headers in one packet; only a slow-loris sender needs longer.
  // Node's own default (60 s) let a thousand such senders hold their sockets for a minute.
  headersTimeoutMs: 10_000,
  // 60 s: the largest body (4 MB, BODY_LIMIT_BYTES) over a poor plant Wi-Fi link of about
  // 0.6 Mbit/s. A device whose push times out keeps its rows and sends smaller batches again.
  requestTimeoutMs: 60_000,
  // Three heartbeats: a live stream writes `: ping` every HEARTBEAT_MS, so only a dead or
  // stalled link goes this long without a byte; an answer being written never does.
  connectionTimeoutMs: 3 * HEARTBEAT_MS,
  // 72 s, Fastify's own default: longer than the 60 s that load balancers and reverse proxies
  // (nginx's upstream keepalive, cloud load balancers) keep an idle link, so the proxy always
  // closes first; a server closing first makes the proxy answer 502 for a request it had just
  // sent down that socket. Idle sockets are bounded by connectionsPerAddress meanwhile.
  keepAliveTimeoutMs: 72_000,
  // Node checks every 30 s by default, so a 10 s headers timeout could hold for 40 s.
  timeoutCheckMs: 1_000,
  // 200: a plant of 50 tablets behind one NAT or reverse proxy holds about 2 sockets per
  // tablet (a live stream and a push or pull); four times that leaves room. An attacker's one
  // address gets no more (1,000 slow uploads were held before).
  connectionsPerAddress: 200,
  // One browser runs one syncing tab (leader election, SPEC C-E1), so a device needs one
  // stream; 4 leave room for a reconnect while the old stream's end is not yet noticed.
  streamsPerDevice: 4,
};

function raw(status: number, reason: string, body: ApiError & { error: ErrorCode }, extra = ''): string {
  const json = JSON.stringify(body);
  return `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n${extra}\r\n${json}`;
}

/**
 * [E5] Errors the HTTP parser raises before Fastify sees a request (a malformed request
 * line, headers too large, a request too slow), answered in the contract's shape on the
 * socket, as Fastify's default handler does in its own shape.
 */
export function clientErrorAnswer(err: NodeJS.ErrnoException, socket: Socket): void {
  // The peer is gone: there is no one to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  let answer: string;
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    answer = raw(408, 'Request Timeout', { error: 'request_timeout', message: 'The request took too long to arrive. Check the network and send it again.' });
  } else if (err.code === 'HPE_HEADER_OVERFLOW') {
    answer = raw(431, 'Request Header Fields Too Large', { error: 'headers_too_large', message: 'The request headers (or its address) are too large. Send it with shorter headers.' });
  } else {
    answer = raw(400, 'Bad Request', { error: 'bad_request', message: 'The request is not valid HTTP.' });
  }
  if (socket.writable) socket.write(answer);
  socket.destroy();
}

/** Fastify's options for the edge: timeouts, and the parser's and router's errors in the contract's shape. */
export function edgeServerOptions(limits: EdgeLimits, clock: () => number): Partial<FastifyHttpOptions<Server>> {
  return {
    connectionTimeout: limits.connectionTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    http: { headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs, connectionsCheckingInterval: limits.timeoutCheckMs },
    clientErrorHandler: clientErrorAnswer,
    // [E5] A path Fastify cannot decode (`/api/%zz`) or a path parameter over its 100 characters.
    frameworkErrors: (err, _req, reply) => {
      // Fastify answers these before its hooks run, so the server's time is put in here ([P11]).
      reply.header(SERVER_TIME_HEADER, new Date(clock()).toISOString());
      // 414 as Fastify answers it itself: the status is kept, the shape is the contract's.
      if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') return sendError(reply, 414, { error: 'bad_request', message: 'A part of the request path is longer than 100 characters.' });
      return sendError(reply, 400, { error: 'bad_request', message: 'The request path is not valid: a % is not followed by two hex digits.' });
    },
  };
}

/**
 * [E4] At most `max` open sockets per remote address: the one over is answered 429 on
 * the raw socket and closed, before it can cost a parser, a buffer or a timer. Behind a
 * reverse proxy every socket comes from the proxy: raise the figure there
 * (TIERBOARD_CONNECTIONS_PER_ADDRESS) and let the proxy cap its clients.
 */
export function capConnectionsPerAddress(app: FastifyInstance, max: number): void {
  const open = new Map<string, number>();
  // Addresses logged as at their cap: one line each time an address reaches it, not one per
  // refused socket (an attacker's thousands a second would flood the log).
  const logged = new Set<string>();
  app.server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const n = (open.get(address) ?? 0) + 1;
    if (n > max) {
      if (!logged.has(address)) app.log.warn({ address, open: max }, 'connections refused: an address reached its cap of open connections');
      logged.add(address);
      socket.end(
        raw(429, 'Too Many Requests', { error: 'too_many_connections', message: `This address already has ${max} open connections to the server. Close some, or try again shortly.` }, 'Retry-After: 5\r\n'),
      );
      // A peer that never reads its answer must not keep the socket either.
      socket.setTimeout(5_000, () => socket.destroy());
      return;
    }
    open.set(address, n);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
      logged.delete(address);
    });
  });
}

/** Settings from the environment over the defaults: behind a proxy the per-address cap needs raising. */
export function edgeLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<EdgeLimits> {
  const raw = env.TIERBOARD_CONNECTIONS_PER_ADDRESS;
  if (raw === undefined || raw === '') return {};
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`TIERBOARD_CONNECTIONS_PER_ADDRESS must be a whole number of at least 1, not "${raw}"`);
  return { connectionsPerAddress: n };
}
