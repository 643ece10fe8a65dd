/**
 * What a device and the sync server say to each other, declared once for both: the shapes of
 * every request and answer, the header names and the error codes (the prose is
 * sync-server/API.md; the JSON schemas the server validates with and publishes as OpenAPI are
 * in protocol-schemas.ts; the limits in limits.ts).
 */
import type { DeviceKind } from '../people/people-types.ts';

// ---------------------------------------------------------------- routes

/** Every route's path, `:name` for a path parameter (as Fastify spells it). */
export const API_ROUTES = {
  enroll: '/api/enroll',
  enrollmentCodes: '/api/enrollment-codes',
  revoke: '/api/devices/:id/revoke',
  personSessions: '/api/person-sessions',
  me: '/api/me',
  time: '/api/time',
  health: '/api/health',
  pull: '/api/replication/:collection/pull',
  push: '/api/replication/:collection/push',
  stream: '/api/replication/stream',
  openapi: '/api/openapi.json',
  /** Operations ([O1]-[O3]): Prometheus metrics, the devices' health as JSON and as a page for IT. */
  metrics: '/metrics',
  devicesHealth: '/api/ops/devices',
  healthPage: '/ops/health',
  healthCss: '/ops/health.css',
} as const;

/** A route's path with its parameters filled in: `apiPath(API_ROUTES.push, { collection: 'kpi_readings' })`. */
export function apiPath(route: string, params: Record<string, string> = {}): string {
  return route.replace(/:(\w+)/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : encodeURIComponent(value);
  });
}

// ---------------------------------------------------------------- headers (lower case, as HTTP libraries hand them over)

/** The person signed in on the device, acting in an admin route or a push of mutable records ([A6], [A9]). */
export const PERSON_HEADER = 'x-tierboard-person';
/**
 * [T2] A person session the server verified (POST /api/person-sessions): privileged steps (admin
 * routes, privileged records in a push) act for its person. Bound to the device that opened it.
 */
export const PERSON_SESSION_HEADER = 'x-tierboard-person-session';
/** `1`: the device takes `stamped` in a push answer instead of each whole immutable record again ([P12]). */
export const STAMPS_HEADER = 'x-tierboard-stamps';
/** The server's clock on every answer, for the device's clock offset (contract). */
export const SERVER_TIME_HEADER = 'x-server-time';
/** The app version a device runs, sent with its requests so IT sees which tablets lag behind ([O4]). */
export const APP_VERSION_HEADER = 'x-tierboard-app-version';
/** How many entries the device has waiting to be sent (its outbox count, [C-O1]), sent with its requests ([O4]). */
export const WAITING_HEADER = 'x-tierboard-waiting';
/** The server database's identity on every answer; a new one after a restore from a backup ([O6]). */
export const DATABASE_HEADER = 'x-tierboard-database';
/** Longest app version the server keeps: ours are semver plus a build id (about 20 characters); longer is cut. */
export const APP_VERSION_MAX = 40;
/** Largest waiting count the server keeps: more than any tablet's outbox; a larger or malformed number is not kept. */
export const WAITING_MAX = 10_000_000;
/** Longest X-Tierboard-Person the server reads: ids are 26-character ULIDs, demo ids short slugs; 100 leaves room and stops abuse. */
export const PERSON_ID_MAX = 100;

// ---------------------------------------------------------------- errors

/** Every refused request's body ([P11]): clients branch on `error` and show `message`. */
export interface ApiError {
  error: string;
  message: string;
}

/** The server's 401 codes: each means the device's token no longer works ([A3]-[A5]). */
export const TOKEN_REFUSALS = ['missing_token', 'unknown_token', 'device_revoked', 'token_expired'] as const;
export type TokenRefusal = (typeof TOKEN_REFUSALS)[number];

/**
 * The contract's request-level error codes by status (API.md, "Errors"; error-codes.test.ts
 * holds the two together). `bad_request` is any other 4xx Fastify raises, with its own status.
 */
export const ERROR_CODES = {
  400: ['invalid_body', 'invalid_query', 'unknown_line', 'bad_request'],
  401: TOKEN_REFUSALS,
  403: ['read_only_device', 'person_required', 'unknown_person', 'not_allowed', 'person_session_required', 'wrong_pin'],
  404: ['not_found', 'unknown_collection', 'unknown_enrollment_code', 'unknown_device'],
  409: ['enrollment_code_used'],
  408: ['request_timeout'],
  410: ['enrollment_code_expired'],
  413: ['batch_too_large', 'body_too_large'],
  415: ['unsupported_media_type'],
  429: ['too_many_attempts', 'too_many_requests', 'too_many_connections', 'too_many_streams', 'person_locked'],
  431: ['headers_too_large'],
  500: ['server_error'],
  503: ['storage_unavailable'],
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES][number];

// ---------------------------------------------------------------- records on the wire

/** A record as it travels: the domain record plus RxDB's `_deleted` flag (which the server stores beside it). */
export type WireRecord = Record<string, unknown>;

/** A position in the server's change feed; never a device time ([S1]). */
export interface Checkpoint {
  position: number;
}

// ---------------------------------------------------------------- enrollment and devices

/** POST /api/enrollment-codes */
export interface CodeRequest {
  plantId: string;
  kind: DeviceKind;
  /** A tablet's preset line; absent or '' for none. */
  lineId?: string;
}

/** POST /api/enrollment-codes, 201 */
export interface CodeAnswer {
  /** Grouped for reading aloud: `K7QX-M4PF`. */
  code: string;
  expiresAt: string;
  /** The enrollment link as an SVG QR code, for a tablet's camera. */
  qrSvg: string;
}

/** POST /api/enroll */
export interface EnrollRequest {
  code: string;
  name?: string;
}

/** POST /api/enroll, 200: the device's id and token ([A2]). */
export interface EnrollAnswer {
  deviceId: string;
  token: string;
  plantId: string;
  kind: DeviceKind;
  /** The preset line, '' for a wall screen or a tablet whose code preset none ([A1]). */
  lineId: string;
  serverTime: string;
}

/** POST /api/devices/:id/revoke, 200 ([A4]). */
export interface RevokeAnswer {
  deviceId: string;
  revokedAt: string;
}

/** POST /api/person-sessions ([T2]): a person proves who they are to the server, on this device. */
export interface PersonSessionRequest {
  personId: string;
  /** The PIN as typed; checked on the server, never stored or logged. */
  pin: string;
}

/** POST /api/person-sessions, 201 ([T2]). */
export interface PersonSessionAnswer {
  personId: string;
  /** Send as PERSON_SESSION_HEADER with the same device token; useless with any other. */
  token: string;
  expiresAt: string;
}

/** GET /api/me ([A7]). */
export interface MeAnswer {
  deviceId: string;
  plantId: string;
  kind: DeviceKind;
  lineId: string;
  role: 'plant' | 'enterprise';
}

/** GET /api/time ([A7]). */
export interface TimeAnswer {
  serverTime: string;
}

/** GET /api/health */
export interface HealthAnswer {
  ok: true;
  role: 'plant' | 'enterprise';
}

/** One enrolled device as IT sees it on the health page ([O4]). */
export interface DeviceHealth {
  deviceId: string;
  plantId: string;
  kind: DeviceKind;
  lineId: string;
  name: string;
  enrolledAt: string;
  revokedAt: string | null;
  /** The server's time of the device's last authenticated request; null when never seen since enrollment. */
  lastContactAt: string | null;
  /** As the device last reported it ('' when it never did). */
  appVersion: string;
  /** Entries the device last reported waiting to be sent; null when it never did. */
  waiting: number | null;
}

/** GET /api/ops/devices ([O4]). */
export interface DevicesHealthAnswer {
  serverTime: string;
  devices: DeviceHealth[];
}

// ---------------------------------------------------------------- replication

/** GET /api/replication/:collection/pull, 200 ([P3]). */
export interface PullAnswer<Doc = WireRecord> {
  documents: Doc[];
  checkpoint: Checkpoint;
  /** Present (true) only when the size budget ended the page: more changes wait, pull again at once. */
  more?: true;
}

/** One row of a push body. */
export interface PushRow<Doc = WireRecord> {
  newDocumentState: Doc;
  /** The record as the device last had it from the server; null or absent for a new one. */
  assumedMasterState?: Doc | null;
}

/** POST /api/replication/:collection/push */
export interface PushRequest<Doc = WireRecord> {
  rows: PushRow<Doc>[];
}

/** Why the server refuses one row of a push ([P5], [P6], [A8], [A9], [P4], [P2]). */
export const ROW_REFUSAL_CODES = [
  'invalid_record',
  'immutable_conflict',
  'other_plant',
  'out_of_scope',
  'person_required',
  'unknown_person',
  'not_allowed',
  'read_only_device',
  'person_session_required',
] as const;
export type RowRefusalCode = (typeof ROW_REFUSAL_CODES)[number];

/**
 * The server's reason for one refused row of a push (status 200: not a request error). `error`
 * is one of ROW_REFUSAL_CODES from the server; a client may file its own there too (ours keeps
 * a row no request could carry as `batch_too_large`), and must cope with codes it does not know.
 */
export interface RowRefusal {
  id: string;
  error: string;
  message: string;
}

/** POST /api/replication/:collection/push, 200 ([P4]-[P8], [P12]). */
export interface PushAnswer<Doc = WireRecord> {
  /** Records the device must adopt as the masters. */
  conflicts: Doc[];
  /** Only when asked with STAMPS_HEADER: immutable records stored as sent but for the server's `receivedAt`. */
  stamped?: [id: string, receivedAt: string][];
  rejected: RowRefusal[];
}

// ---------------------------------------------------------------- live stream

/** The `data:` of the live stream's first event on every connect ([P10]): pull from your checkpoint. */
export const RESYNC = 'RESYNC';

/** One event on GET /api/replication/stream ([P9], [P10]). */
export type StreamEvent<Doc = WireRecord> = typeof RESYNC | { collection: string; documents: Doc[]; checkpoint: Checkpoint };
