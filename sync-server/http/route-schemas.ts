/**
 * Every route's Fastify schema, built from the shared wire schemas
 * (src/domain/wire/protocol-schemas.ts): the server validates params, query,
 * headers and bodies with them (route-validation.ts) and @fastify/swagger
 * publishes them as the OpenAPI document (openapi.ts). Answer schemas document
 * only: the answers are serialised as they are (route-validation.ts).
 */
import type { FastifySchema } from 'fastify';
import {
  adminHeadersSchema,
  apiErrorSchema,
  codeAnswerSchema,
  codeRequestSchema,
  collectionParamsSchema,
  deviceParamsSchema,
  enrollAnswerSchema,
  enrollRequestSchema,
  healthAnswerSchema,
  meAnswerSchema,
  personSessionAnswerSchema,
  personSessionRequestSchema,
  pullAnswerSchema,
  pullQuerySchema,
  pushAnswerSchema,
  pushHeadersSchema,
  pushRequestSchema,
  revokeAnswerSchema,
  timeAnswerSchema,
  type WireSchema,
} from '../../src/domain/wire/protocol-schemas.ts';

/** The device token, `Authorization: Bearer <token>` ([A3]); named in openapi.ts. */
const deviceToken = [{ deviceToken: [] }];

/** What @fastify/swagger reads beside Fastify's own parts. */
type RouteSchema = FastifySchema & { summary: string; description?: string; tags: string[]; security?: typeof deviceToken; hide?: boolean };

/** Every refusal is the contract's `{error, message}` ([P11]). */
const refusals = (description: string) => ({ '4xx': { ...apiErrorSchema, description }, '5xx': { ...apiErrorSchema, description: 'server_error, or storage_unavailable when its disk takes no write ([S14]).' } });
const ok = (schema: WireSchema, description: string) => ({ ...schema, description });

export const enrollSchema: RouteSchema = {
  summary: 'Trade a one-time enrollment code for a device token',
  tags: ['enrollment'],
  body: enrollRequestSchema,
  response: { 200: ok(enrollAnswerSchema, 'The enrolled device ([A2]).'), ...refusals('invalid_body, unknown_enrollment_code, enrollment_code_used, enrollment_code_expired, too_many_attempts with Retry-After ([E1]), ...') },
};

export const enrollmentCodesSchema: RouteSchema = {
  summary: 'Make a one-time enrollment code (a plant admin)',
  tags: ['enrollment'],
  security: deviceToken,
  headers: adminHeadersSchema,
  body: codeRequestSchema,
  response: { 201: ok(codeAnswerSchema, 'The code, its expiry and its QR code ([A1]).'), ...refusals('invalid_body, unknown_line, person_required, not_allowed, ...') },
};

export const revokeSchema: RouteSchema = {
  summary: 'Revoke an enrolled device (a plant admin)',
  tags: ['enrollment'],
  security: deviceToken,
  headers: adminHeadersSchema,
  params: deviceParamsSchema,
  response: { 200: ok(revokeAnswerSchema, 'Revoked, now or earlier ([A4]).'), ...refusals('unknown_device, person_required, not_allowed, ...') },
};

export const personSessionSchema: RouteSchema = {
  summary: 'Open a person session: the server checks the PIN (privileged steps need one)',
  description: 'Limited attempts per person and device; valid 15 minutes, only with the device token that opened it ([T2]).',
  tags: ['enrollment'],
  security: deviceToken,
  body: personSessionRequestSchema,
  response: { 201: ok(personSessionAnswerSchema, 'The session ([T2]).'), ...refusals('invalid_body, wrong_pin, person_locked, read_only_device, a token refusal, ...') },
};

export const meSchema: RouteSchema = {
  summary: 'Who this device is',
  tags: ['devices'],
  security: deviceToken,
  response: { 200: ok(meAnswerSchema, 'The calling device ([A7]).'), ...refusals('A token refusal ([A3]).') },
};

export const timeSchema: RouteSchema = {
  summary: "The server's clock",
  tags: ['devices'],
  response: { 200: ok(timeAnswerSchema, "The server's time ([A7])."), ...refusals('too_many_requests with Retry-After: more than 600 calls from one address in 10 minutes ([E2]).') },
};

export const healthSchema: RouteSchema = {
  summary: 'Whether the server is up, and its role',
  tags: ['server'],
  response: { 200: ok(healthAnswerSchema, 'Up.'), ...refusals('too_many_requests with Retry-After: more than 600 calls from one address in 10 minutes ([E2]).') },
};

export const pullSchema: RouteSchema = {
  summary: "A page of a collection's changes after a checkpoint",
  tags: ['replication'],
  security: deviceToken,
  params: collectionParamsSchema,
  querystring: pullQuerySchema,
  response: { 200: ok(pullAnswerSchema, 'Changes in the device scope after the checkpoint, at most 4 MB ([P1], [P3]).'), ...refusals('unknown_collection, invalid_query, a token refusal, ...') },
};

export const pushSchema: RouteSchema = {
  summary: "Send a collection's changed records",
  tags: ['replication'],
  security: deviceToken,
  params: collectionParamsSchema,
  headers: pushHeadersSchema,
  body: pushRequestSchema,
  response: { 200: ok(pushAnswerSchema, 'Conflicts to adopt, stamps, and rows refused one by one ([P4]-[P8], [P12]).'), ...refusals('invalid_body, batch_too_large, read_only_device, unknown_collection, ...') },
};

export const streamSchema: RouteSchema = {
  summary: 'Live stream of stored changes (Server-Sent Events)',
  description: 'First `data: "RESYNC"`, then one `{collection, documents, checkpoint}` event per stored change batch in scope; a `: ping` comment every 15 s ([P9], [P10]).',
  tags: ['replication'],
  security: deviceToken,
  response: {
    200: { description: 'The event stream.', content: { 'text/event-stream': { schema: { type: 'string' } } } },
    ...refusals('A token refusal ([A3]-[A5]), or too_many_streams with Retry-After ([E6]).'),
  },
};
