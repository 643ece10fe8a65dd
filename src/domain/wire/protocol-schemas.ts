/**
 * The wire contract (protocol.ts) as JSON schemas: the sync server validates every route's
 * params, query, headers and body with them and publishes them as its OpenAPI document
 * (GET /api/openapi.json), so what is checked and what is documented cannot drift apart.
 *
 * A schema node may carry `x-refusal`: the contract's error code and plain words for input that
 * fails it (input-refusal.ts reads them), so a malformed request is answered as a sentence a
 * shift lead understands, not as a validator's report. Records inside a push are not checked
 * here beyond their envelope: the server checks each one against its collection's own schema
 * and refuses it on its own row ([P5]).
 */
import { COLLECTION_NAMES } from '../records/collections.ts';
import type { CollectionSchema } from '../records/json-schema.ts';
import { PULL_LIMIT_DEFAULT, PULL_LIMIT_MAX, PUSH_ROWS_MAX } from './limits.ts';
import { PERSON_HEADER, PERSON_ID_MAX, PERSON_SESSION_HEADER, SERVER_TIME_HEADER, STAMPS_HEADER, type ErrorCode } from './protocol.ts';

/** A JSON schema (2020-12, as OpenAPI 3.1 takes it), kept loose: the validator and the document read it, no code walks it by type. */
export type WireSchema = { [keyword: string]: unknown };

/** The annotation keyword carrying a node's refusals; ajv must know it (addKeyword) to compile these schemas in strict mode. */
export const REFUSAL_KEYWORD = 'x-refusal';

/** How a request that fails a node is refused: the kind decides the status (sync-server/http/errors.ts). */
export interface InputRefusal {
  kind: 'bad_input' | 'not_found' | 'too_large';
  code: ErrorCode;
  /** `{row}`, `{value}`, `{count}` are filled from the failing input (input-refusal.ts). */
  message: string;
}

/**
 * A node's refusals: `default` for any failure of it, else one per failing keyword
 * (`maxItems`), or per missing property (`required:kind`).
 */
export type InputRefusals = { default: InputRefusal } & Partial<Record<string, InputRefusal>>;

const badBody = (message: string): InputRefusal => ({ kind: 'bad_input', code: 'invalid_body', message });
const badQuery = (message: string): InputRefusal => ({ kind: 'bad_input', code: 'invalid_query', message });
const refusals = (r: InputRefusals) => ({ [REFUSAL_KEYWORD]: r });

// ---------------------------------------------------------------- shared pieces

const isoTime: WireSchema = { type: 'string', format: 'date-time' };
const deviceKind: WireSchema = { type: 'string', enum: ['tablet', 'wall_screen'] };
const role: WireSchema = { type: 'string', enum: ['plant', 'enterprise'] };
const checkpoint: WireSchema = {
  type: 'object',
  description: "A position in the server's change feed ([S1]).",
  required: ['position'],
  properties: { position: { type: 'integer', minimum: 0 } },
};
/**
 * A collection's record as it travels: the very schema the device stores it under and the server
 * checks it with (records/schemas.ts), without RxDB's own keywords, plus `_deleted`. The OpenAPI
 * document publishes one per collection.
 */
export function recordOnWireSchema(schema: CollectionSchema): WireSchema {
  const { version: _version, primaryKey: _primaryKey, indexes: _indexes, ...json } = schema;
  return { ...json, properties: { ...json.properties, _deleted: { type: 'boolean', description: 'RxDB\'s deleted flag: true for a removed record.' } } };
}

/** Any record in a route's answer: the collection's record schema (recordOnWireSchema) says the rest. */
const wireRecord: WireSchema = {
  type: 'object',
  description: "A record of the collection named in the path, as its schema in the document's components says, with `_deleted`.",
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1 }, _deleted: { type: 'boolean' } },
};

/** `{error, message}`, every refused request's body ([P11]). */
export const apiErrorSchema: WireSchema = {
  type: 'object',
  description: 'Every refused request: a snake_case code to branch on and a sentence to show.',
  required: ['error', 'message'],
  properties: { error: { type: 'string', pattern: '^[a-z_]+$' }, message: { type: 'string', minLength: 1 } },
};

/** The headers a device may send, named so the document lists them. */
export const personHeaderSchema: WireSchema = {
  type: 'string',
  description: `The person signed in on the device (a people record id); the server trims it and reads at most ${PERSON_ID_MAX} characters ([A6], [A9]).`,
};

/** [T2] The person session token the server gave (POST /api/person-sessions). */
export const personSessionHeaderSchema: WireSchema = {
  type: 'string',
  description: 'A person session token from POST /api/person-sessions, valid 15 minutes with the device that opened it ([T2]).',
};

// ---------------------------------------------------------------- params and query

/** `:collection` in a replication path. */
export const collectionParamsSchema: WireSchema = {
  type: 'object',
  required: ['collection'],
  properties: {
    collection: {
      type: 'string',
      enum: COLLECTION_NAMES,
      ...refusals({
        default: {
          kind: 'not_found',
          code: 'unknown_collection',
          message: 'There is no collection called "{value}" on this server. The app may be newer than the server.',
        },
      }),
    },
  },
};

export const deviceParamsSchema: WireSchema = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', description: 'The enrolled device id.' } },
};

/** A whole number as the query string carries it: digits, no sign, no leading zero, at most 15 of them (exact in a double). */
export const WHOLE_NUMBER_PATTERN = '^(0|[1-9][0-9]{0,14})?$';
/** 1 to PULL_LIMIT_MAX (1000) written in digits, or empty; limits.test.ts checks it against the figure. */
export const PULL_LIMIT_PATTERN = '^([1-9][0-9]{0,2}|1000)?$';

export const pullQuerySchema: WireSchema = {
  type: 'object',
  properties: {
    checkpoint: {
      type: 'string',
      pattern: WHOLE_NUMBER_PATTERN,
      description: "The `checkpoint.position` of the last page; absent or empty for the feed's start ([P3]).",
      ...refusals({ default: badQuery('checkpoint must be a whole number (a position from an earlier pull) or empty.') }),
    },
    limit: {
      type: 'string',
      pattern: PULL_LIMIT_PATTERN,
      description: `Documents at most in the page, 1 to ${PULL_LIMIT_MAX}; absent or empty for ${PULL_LIMIT_DEFAULT}.`,
      ...refusals({ default: badQuery(`limit must be a whole number from 1 to ${PULL_LIMIT_MAX}.`) }),
    },
  },
};

// ---------------------------------------------------------------- request bodies

const codeRequestShape = 'Send {"plantId": "...", "kind": "tablet" | "wall_screen", "lineId"?: "..."}.';

export const codeRequestSchema: WireSchema = {
  type: 'object',
  // A missing kind is refused after a bad plantId, as the fields come (input-refusal.ts takes the
  // first failure in field order), though the validator checks `required` first.
  required: ['plantId', 'kind'],
  properties: {
    plantId: { type: 'string', minLength: 1, description: 'The plant the code enrolls a device into.', ...refusals({ default: badBody(codeRequestShape) }) },
    kind: { ...deviceKind, ...refusals({ default: badBody('kind must be "tablet" or "wall_screen".') }) },
    lineId: { type: 'string', description: "A tablet's preset line: an active line of the plant, or '' for none ([A1]).", ...refusals({ default: badBody('lineId must be text.') }) },
  },
  ...refusals({ default: badBody(codeRequestShape), 'required:kind': badBody('kind must be "tablet" or "wall_screen".') }),
};

const enrollShape = 'Send {"code": "..."} with the enrollment code.';

export const enrollRequestSchema: WireSchema = {
  type: 'object',
  required: ['code'],
  properties: {
    code: { type: 'string', description: 'The enrollment code, in any case, with or without spaces and dashes ([A1]).', ...refusals({ default: badBody(enrollShape) }) },
    name: { type: 'string', description: 'A name for the device in admin lists; trimmed and cut to 80 characters.', ...refusals({ default: badBody('The device name must be text.') }) },
  },
  ...refusals({ default: badBody(enrollShape) }),
};

const personSessionShape = 'Send {"personId": "...", "pin": "..."}: who signs in, and their PIN.';

/** [T2] POST /api/person-sessions */
export const personSessionRequestSchema: WireSchema = {
  type: 'object',
  required: ['personId', 'pin'],
  properties: {
    personId: { type: 'string', minLength: 1, maxLength: PERSON_ID_MAX, description: 'The person signing in (a people record id).', ...refusals({ default: badBody(personSessionShape) }) },
    pin: { type: 'string', maxLength: 64, description: 'Their PIN as typed; checked on the server, never stored.', ...refusals({ default: badBody(personSessionShape) }) },
  },
  ...refusals({ default: badBody(personSessionShape) }),
};

const noState = 'Row {row} of the push has no newDocumentState object.';
const noId = 'Row {row} of the push has a record without an id.';

export const pushRequestSchema: WireSchema = {
  type: 'object',
  required: ['rows'],
  properties: {
    rows: {
      type: 'array',
      maxItems: PUSH_ROWS_MAX,
      items: {
        type: 'object',
        required: ['newDocumentState'],
        properties: {
          newDocumentState: {
            type: 'object',
            description: "The record as the device has it now (with `_deleted`), checked against its collection's schema on its own row ([P5]).",
            required: ['id'],
            properties: {
              id: { type: 'string', minLength: 1, ...refusals({ default: badBody(noId) }) },
            },
            ...refusals({ default: badBody(noState), required: badBody(noId) }),
          },
          assumedMasterState: {
            type: ['object', 'null'],
            description: 'The record as the device last had it from the server, or null for a new one ([P7]).',
            ...refusals({ default: badBody('Row {row} of the push has an assumedMasterState that is neither a record nor null.') }),
          },
        },
        ...refusals({ default: badBody(noState) }),
      },
      ...refusals({
        default: badBody('The push must be a JSON object {"rows": [...]}.'),
        maxItems: {
          kind: 'too_large',
          code: 'batch_too_large',
          message: `A push may carry at most ${PUSH_ROWS_MAX} records; this one has {count}. Send them in smaller batches.`,
        },
      }),
    },
  },
  ...refusals({ default: badBody('The push must be a JSON object {"rows": [...]}.') }),
};

// ---------------------------------------------------------------- answers

export const codeAnswerSchema: WireSchema = {
  type: 'object',
  required: ['code', 'expiresAt', 'qrSvg'],
  properties: { code: { type: 'string', description: 'Grouped for reading aloud: K7QX-M4PF.' }, expiresAt: isoTime, qrSvg: { type: 'string', description: 'The enrollment link `<origin>/#enroll=<code>` as an SVG QR code.' } },
};

export const enrollAnswerSchema: WireSchema = {
  type: 'object',
  required: ['deviceId', 'token', 'plantId', 'kind', 'lineId', 'serverTime'],
  properties: {
    deviceId: { type: 'string' },
    token: { type: 'string', description: 'The device token, `<deviceId>.<secret>`: send it as `Authorization: Bearer <token>` ([A3]).' },
    plantId: { type: 'string' },
    kind: deviceKind,
    lineId: { type: 'string', description: "The preset line, '' for none ([A1])." },
    serverTime: isoTime,
  },
};

export const personSessionAnswerSchema: WireSchema = {
  type: 'object',
  required: ['personId', 'token', 'expiresAt'],
  properties: {
    personId: { type: 'string' },
    token: { type: 'string', description: `Send it as ${PERSON_SESSION_HEADER} beside this device's token ([T2]); it is useless with any other device's.` },
    expiresAt: isoTime,
  },
};

export const revokeAnswerSchema: WireSchema = {
  type: 'object',
  required: ['deviceId', 'revokedAt'],
  properties: { deviceId: { type: 'string' }, revokedAt: isoTime },
};

export const meAnswerSchema: WireSchema = {
  type: 'object',
  required: ['deviceId', 'plantId', 'kind', 'lineId', 'role'],
  properties: { deviceId: { type: 'string' }, plantId: { type: 'string' }, kind: deviceKind, lineId: { type: 'string' }, role },
};

export const timeAnswerSchema: WireSchema = { type: 'object', required: ['serverTime'], properties: { serverTime: isoTime } };

export const healthAnswerSchema: WireSchema = { type: 'object', required: ['ok', 'role'], properties: { ok: { type: 'boolean', const: true }, role } };

export const pullAnswerSchema: WireSchema = {
  type: 'object',
  required: ['documents', 'checkpoint'],
  properties: {
    documents: { type: 'array', items: wireRecord },
    checkpoint,
    more: { type: 'boolean', const: true, description: 'Only when the 4 MB budget ended the page: pull again at once ([P3]).' },
  },
};

export const pushAnswerSchema: WireSchema = {
  type: 'object',
  required: ['conflicts', 'rejected'],
  properties: {
    conflicts: { type: 'array', items: wireRecord, description: 'Records to adopt as the masters ([P4], [P7]).' },
    stamped: {
      type: 'array',
      description: `Only with \`${STAMPS_HEADER}: 1\`: [id, receivedAt] of immutable records stored as sent but for the server's stamp ([P12]).`,
      items: { type: 'array', prefixItems: [{ type: 'string' }, isoTime], minItems: 2, maxItems: 2 },
    },
    rejected: {
      type: 'array',
      description: 'Rows refused one by one, each with its reason ([P5], [A8], [A9]).',
      items: { type: 'object', required: ['id', 'error', 'message'], properties: { id: { type: 'string' }, error: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

/** Request headers of a push (the bearer token is the document's security scheme). */
export const pushHeadersSchema: WireSchema = {
  type: 'object',
  properties: {
    [PERSON_HEADER]: { ...personHeaderSchema, description: 'Who changes mutable rows that name nobody ([A9]); ignored for immutable collections.' },
    [PERSON_SESSION_HEADER]: { ...personSessionHeaderSchema, description: 'A person session the server verified: privileged rows (roster, configuration, enterprise-wide records) need it ([T2]).' },
    [STAMPS_HEADER]: { type: 'string', description: '`1`: answer immutable records stored as sent in `stamped`, not as whole records ([P12]).' },
  },
};

/** Request headers of an admin route (enrollment codes, revocation). */
export const adminHeadersSchema: WireSchema = {
  type: 'object',
  properties: { [PERSON_SESSION_HEADER]: { ...personSessionHeaderSchema, description: 'The acting person\'s session, verified by the server: an admin of the plant acted on ([A6], [T2]).' } },
};

/** Every answer carries the server's clock ([P11]). */
export const serverTimeHeader = { [SERVER_TIME_HEADER]: { schema: isoTime, description: "The server's clock; devices measure their clock offset from it." } };
