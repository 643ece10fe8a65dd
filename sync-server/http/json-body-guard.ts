/**
 * What JSON bodies must be before a route sees them: UTF-8 ([E7], every route),
 * and nested no deeper than BODY_DEPTH_MAX ([E8], every route but the
 * replication routes, whose rows are refused one by one instead: [P5]).
 *
 * Fastify's own parser decodes the body with `setEncoding('utf8')`, which
 * turns bytes that are not UTF-8 into U+FFFD without a word: a device with a
 * broken encoder would have its text silently changed and stored. Here the
 * bytes are checked first and such a body is refused.
 *
 * A value nested thousands deep parses (JSON.parse is iterative) but breaks
 * any recursive walk after it ("Maximum call stack size exceeded"). Outside
 * replication no body has any reason to nest, so such a body is refused whole
 * here, with an iterative walk (nestingDepth), before any route runs. A push
 * is not: a deep value there is refused on its own row by the record schemas
 * and value-limits.ts, so the good rows beside it are stored ([P5]).
 */
import { isUtf8 } from 'node:buffer';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { nestingDepth } from '../../src/domain/records/value-limits.ts';
import { BODY_DEPTH_MAX, BODY_LIMIT_BYTES } from '../../src/domain/wire/limits.ts';
import { refuse, type Refusal } from '../auth/refusal.ts';

/** The body's text, or a refusal when its bytes are not UTF-8. */
export function utf8Text(body: Buffer): string | Refusal {
  if (!isUtf8(body)) {
    return refuse.badInput('The request body is not valid UTF-8 text. Send JSON encoded as UTF-8; nothing was stored.');
  }
  return body.toString('utf8');
}

/** The parsed body, or a refusal when it is nested too deep. */
export function shallowEnough(body: unknown): Refusal | null {
  if (nestingDepth(body, BODY_DEPTH_MAX) <= BODY_DEPTH_MAX) return null;
  return refuse.badInput(`The request body is nested more than ${BODY_DEPTH_MAX} levels deep; no record is. Nothing was stored.`);
}

/**
 * [E7] [E8] The server's JSON parser for every route outside replication (which has its own,
 * replication-json-body.ts): Fastify's own parsing (secure-json-parse, refusing `__proto__`
 * and `constructor` keys), on text checked to be UTF-8, with the depth checked after.
 */
export function useStrictJsonParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser<Buffer>('application/json', { parseAs: 'buffer', bodyLimit: BODY_LIMIT_BYTES }, (req: FastifyRequest, body: Buffer, done) => {
    const text = utf8Text(body);
    if (typeof text !== 'string') return done(text);
    parse(req, text, (err, value) => {
      if (err) return done(err);
      const tooDeep = shallowEnough(value);
      if (tooDeep) return done(tooDeep);
      done(null, value);
    });
  });
}
