/**
 * Enrollment: the one-time handshake that turns a browser into a known
 * plant device. A plant admin shows a QR code (a link ending in
 * `#enroll=CODE`) or reads out the code; the device posts it to
 * /api/enroll and gets its device id and token.
 *
 * The result is kept in the app's database (src/sync/sync-store.ts), so it
 * survives reloads and browser restarts. Revocation forgets only the token:
 * every record and every unsent tap stays, and enrolling again (same plant,
 * same server) picks the replication up where it stopped and sends them.
 */
import type { DeviceKind } from '../domain/people/people-types.ts';
import { API_ROUTES, type EnrollAnswer, type EnrollRequest } from '../domain/wire/protocol.ts';
import type { ApiClient } from './api-client.ts';
import type { SyncStore } from './sync-store.ts';

export interface Enrollment {
  deviceId: string;
  /** '' once the server refused it (revoked, expired): the device then does not sync. */
  token: string;
  plantId: string;
  kind: DeviceKind;
  lineId: string;
  serverUrl: string;
  enrolledAtMs: number;
  /** Set when the server refused the token; the contract's code, e.g. `device_revoked`. */
  revokedReason: string;
}

const KEY = 'enrollment';

export async function currentEnrollment(store: SyncStore): Promise<Enrollment | null> {
  return store.get<Enrollment>(KEY);
}

/** Posts the code; on success remembers and returns the enrollment. Throws SyncHttpError with the contract's code. */
export async function enroll(store: SyncStore, api: ApiClient, code: string, nowMs: number, name?: string): Promise<Enrollment> {
  const body: EnrollRequest = { code: code.trim() };
  if (name) body.name = name;
  const res = await api.post<EnrollAnswer>(API_ROUTES.enroll, body, null);
  const enrollment: Enrollment = {
    deviceId: res.deviceId,
    token: res.token,
    plantId: res.plantId,
    kind: res.kind,
    lineId: res.lineId,
    serverUrl: api.serverUrl,
    enrolledAtMs: nowMs,
    revokedReason: '',
  };
  await store.set(KEY, enrollment);
  return enrollment;
}

/**
 * The server said this token is no good any more (401). Keep who we were
 * (device, plant, server) so the notice can name the plant and re-enrolling
 * resumes the same replication; drop only the token.
 */
export async function forgetToken(store: SyncStore, reason: string): Promise<Enrollment | null> {
  const current = await currentEnrollment(store);
  if (!current) return null;
  const next: Enrollment = { ...current, token: '', revokedReason: reason || 'device_revoked' };
  await store.set(KEY, next);
  return next;
}

export function isActive(e: Enrollment | null): e is Enrollment {
  return !!e && e.token !== '';
}

/** `#enroll=ABC123` (the QR code link) -> `ABC123`; null when the hash carries no code. */
export function enrollmentCodeFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const code = params.get('enroll');
  return code && code.trim() ? code.trim() : null;
}
