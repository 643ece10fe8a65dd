/**
 * Route input is checked by the routes' schemas (route-schemas.ts) and refused
 * in the contract's words ([P11]). Fastify validates before the route runs but
 * only notes what it found (attachValidation): the route calls checkedInput
 * after the token, so the order of checks stays the contract's (API.md,
 * "Conventions"): token (401), collection (404), query and body (400/413).
 */
import { Ajv } from 'ajv';
import type { FastifyInstance, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import { inputRefusal, type SchemaError } from '../../src/domain/wire/input-refusal.ts';
import { REFUSAL_KEYWORD, type InputRefusal, type WireSchema } from '../../src/domain/wire/protocol-schemas.ts';
import { Refusal } from '../auth/refusal.ts';

/**
 * Not Fastify's default ajv, which coerces types (`{"code": 123}` would pass as "123"), fills
 * defaults and drops fields: input is taken as sent. All errors, because the contract refuses the
 * first faulty field in the request's order, which is not always the first the validator meets.
 */
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, coerceTypes: false, useDefaults: false, removeAdditional: false });
ajv.addKeyword(REFUSAL_KEYWORD);

/** Validate with the wire schemas as they are; document answers, serialise them as before (JSON.stringify). */
export function installRouteValidation(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema }) => ajv.compile(schema));
  // Answer schemas are for the OpenAPI document only: Fastify's schema serialiser would drop
  // fields they do not name (a record's own), and the replication answers are JSON text already.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
}

type Part = 'body' | 'params' | 'querystring' | 'headers';

/** Input a route's schema does not name plain words for (none today): said in the validator's. */
function fallback(part: Part, err: FastifySchemaValidationError | undefined): InputRefusal {
  const what = `${err?.instancePath ?? ''} ${err?.message ?? 'is not valid'}`.trim();
  if (part === 'querystring') return { kind: 'bad_input', code: 'invalid_query', message: `The query ${what}.` };
  return { kind: 'bad_input', code: 'invalid_body', message: `The request's ${part === 'body' ? 'body' : part} ${what}.` };
}

/** Throws the contract's refusal when the request failed its route's schema; call it where the route checks input. */
export function checkedInput(req: FastifyRequest): void {
  const err = req.validationError as (Error & { validation?: FastifySchemaValidationError[]; validationContext?: Part }) | undefined;
  if (!err) return;
  const part = err.validationContext ?? 'body';
  const errors = err.validation ?? [];
  const schema = (req.routeOptions.schema as Partial<Record<Part, WireSchema>> | undefined)?.[part] ?? {};
  const input = part === 'body' ? req.body : part === 'params' ? req.params : part === 'querystring' ? req.query : req.headers;
  const r = inputRefusal(schema, input, errors as unknown as SchemaError[], fallback(part, errors[0]));
  throw new Refusal(r.kind, r.code, r.message);
}
