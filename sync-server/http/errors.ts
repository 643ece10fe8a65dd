/**
 * Every error leaves the server as the contract's JSON: `{error, message}`
 * with a 4xx/5xx status ([P11]). Bad JSON, a body too large, a wrong content
 * type or a bug: the person at the tablet reads a sentence, the server stays up.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BODY_LIMIT_BYTES } from '../../src/domain/wire/limits.ts';
import type { ApiError, ErrorCode } from '../../src/domain/wire/protocol.ts';
import { Refusal, type RefusalKind } from '../auth/refusal.ts';
import { StorageFailure } from '../store/store.ts';

const STATUS: Record<RefusalKind, number> = {
  bad_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  too_large: 413,
  too_many: 429,
};

/** The contract's error answer; `error` is one of its codes (ERROR_CODES). */
export function sendError(reply: FastifyReply, status: number, body: ApiError & { error: ErrorCode }): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

/** The Content-Type a request was sent with, in words for a message (cut short: it is the sender's text). */
function sentType(req: FastifyRequest): string {
  const type = req.headers['content-type'];
  return type === undefined ? 'this one names no type' : `this one is "${type.slice(0, 60)}"`;
}

/** Fastify's own error codes for input it could not even parse. */
function fromFastify(err: FastifyError, req: FastifyRequest): [number, ApiError & { error: ErrorCode }] | null {
  const url = req.url;
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return [413, { error: url.includes('/push') ? 'batch_too_large' : 'body_too_large', message: `The request is larger than ${BODY_LIMIT_BYTES / 1024 / 1024} MB. Send fewer records at a time.` }];
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return [400, { error: 'invalid_body', message: `The request body is not valid JSON: ${err.message}` }];
    // [P11] Only JSON is parsed (server.ts keeps no other parser): a body of any other type, a
    // malformed Content-Type header, or a body sent without one.
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return [415, { error: 'unsupported_media_type', message: `The request body must be JSON (Content-Type: application/json); ${sentType(req)}.` }];
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return [400, { error: 'invalid_body', message: 'The request body length does not match its Content-Length header.' }];
  }
  if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
    return [err.statusCode, { error: 'bad_request', message: err.message }];
  }
  return null;
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | Refusal, req, reply) => {
    if (err instanceof Refusal) return sendError(reply, STATUS[err.kind], { error: err.code, message: err.message });
    const known = fromFastify(err, req);
    if (known) return sendError(reply, known[0], known[1]);
    const storage = storageProblem(err);
    if (storage) {
      req.log.error({ err }, 'storage refused a write');
      return sendError(reply, 503, { error: 'storage_unavailable', message: storage });
    }
    req.log.error({ err }, 'unexpected error');
    return sendError(reply, 500, {
      error: 'server_error',
      message: 'The server hit an unexpected problem. Your device keeps its data and will try again.',
    });
  });
}

/**
 * The server's disk, not the request, stopped a write: full (SQLite's SQLITE_FULL, PostgreSQL's
 * disk_full) or failing (a WAL fsync, [S14]). Said plainly, so the floor knows whom to call; the
 * device keeps what it entered and sends it again.
 */
function storageProblem(err: unknown): string | null {
  if (err instanceof StorageFailure) return err.message;
  const code = (err as { code?: unknown }).code;
  if (code === 'SQLITE_FULL' || code === '53100') {
    return "The server's disk is full, so it cannot save changes now. Your device keeps them and sends them again; tell whoever looks after the plant server.";
  }
  return null;
}

/**
 * [P11] The contract's 404 for a route the server does not have, API path or
 * not. static-app.ts installs the one not-found handler, which answers with
 * this unless it serves the PWA's shell for a client-side route.
 */
export function sendNotFound(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = (req.url.split('?')[0] ?? '').slice(0, 200);
  return sendError(reply, 404, { error: 'not_found', message: `There is no ${req.method} ${path} on this server.` });
}
