/**
 * The replication routes' own JSON body parser. Fastify's default one
 * (secure-json-parse) scans every body text twice with regular expressions for
 * `__proto__` and `constructor` keys, and [P5] walks every string of every
 * pushed record for a NUL or a broken surrogate pair: together about half a
 * microsecond per pushed reading on the event loop. Here the body is parsed
 * with plain JSON.parse, and the request remembers whether its text had any
 * `\u` escape, so the string walk runs only when one did:
 * - JSON.parse refuses a NUL or any other control character written as is,
 *   so in JSON text one can only arrive escaped (`\u0000`);
 * - a body that is not UTF-8 (an encoded surrogate among them) is refused
 *   ([E7], json-body-guard.ts), so a lone surrogate too can only arrive
 *   escaped (`\ud800`).
 * `\\u` (an escaped backslash before a `u`) also counts: a needless walk, never a missed one.
 *
 * Prototype poisoning: a parsed `__proto__` key is an ordinary own property
 * until something copies it by assignment; replication/wire.ts (fromWire)
 * copies it as an own property, so the schema refuses it like any unknown field.
 */
import { errorCodes, type FastifyInstance, type FastifyRequest } from 'fastify';
import { BODY_LIMIT_BYTES } from '../../src/domain/wire/limits.ts';
import { utf8Text } from './json-body-guard.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * Set by this parser: false only when the body's JSON text held no `\u` escape. Requests
     * without a body, or outside the replication routes, leave it unset: they may hold anything.
     */
    bodyMayHoldUnstorableText?: boolean;
  }
}

/** Install on the replication routes' plugin scope; every other route keeps Fastify's default parser. */
export function useEscapeAwareJsonParser(scope: FastifyInstance): void {
  // Declared up front, so every request of the scope has the same shape (Fastify's advice). A
  // side table (a WeakSet of requests) cost the garbage collector more than the walk it saves.
  scope.decorateRequest('bodyMayHoldUnstorableText', true);
  // The root's strict parser (json-body-guard.ts) is replaced here, not added to.
  if (scope.hasContentTypeParser('application/json')) scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser<Buffer>('application/json', { parseAs: 'buffer', bodyLimit: BODY_LIMIT_BYTES }, parseJson);
}

function parseJson(req: FastifyRequest, bytes: Buffer, done: (err: Error | null, body?: unknown) => void): void {
  // The same errors (and so the same 400 invalid_body, errors.ts) as Fastify's default parser.
  if (bytes.length === 0) return done(new errorCodes.FST_ERR_CTP_EMPTY_JSON_BODY());
  // [E7] Bytes that are not UTF-8 are refused, not replaced with U+FFFD.
  const text = utf8Text(bytes);
  if (typeof text !== 'string') return done(text);
  // secure-json-parse skips a leading byte order mark; so does this parser.
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let body: unknown;
  try {
    body = JSON.parse(json);
  } catch {
    return done(new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY());
  }
  req.bodyMayHoldUnstorableText = json.includes('\\u');
  done(null, body);
}

/** Whether the request's body may hold text neither engine stores ([P5]): false only when its text had no `\u` escape. */
export function mayHoldUnstorableText(req: FastifyRequest): boolean {
  return req.bodyMayHoldUnstorableText !== false;
}
