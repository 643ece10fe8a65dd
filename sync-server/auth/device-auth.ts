/**
 * Who is calling: the device behind a bearer token ([A3], [A4], [A5]).
 */
import type { DeviceAuth, Store } from '../store/store.ts';
import { refuse } from './refusal.ts';
import { sha256Hex } from './secrets.ts';

/**
 * [A5] A token stops working 180 days after enrollment. A tablet that left
 * the plant (sent for repair, stolen from a locker) without anyone revoking
 * it then stops syncing on its own within half a year; re-enrolling a device
 * twice a year is a small chore for a plant admin. An expired device keeps
 * all its local data and unsent work (contract), so nothing is lost: it
 * syncs again once re-enrolled.
 */
export const DEVICE_TOKEN_LIFETIME_MS = 180 * 24 * 60 * 60 * 1000;

/** Anything longer is not one of our tokens (ids are 26 chars, the secret 43): refuse before hashing megabytes. */
const TOKEN_MAX = 200;

export async function authenticateDevice(store: Store, authorization: string | undefined, nowMs: number): Promise<DeviceAuth> {
  const token = bearerToken(authorization);
  if (token === null) {
    throw refuse.unauthenticated('missing_token', 'This device is not signed in to the server. Enroll it with a code from your plant admin.');
  }
  const device = token.length <= TOKEN_MAX ? await store.findDeviceByTokenHash(sha256Hex(token)) : null;
  if (device === null) {
    // [T6] The store found no unrevoked device. Only the holder of a revoked device's whole
    // token hears that it was removed; a caller who merely names a device id (the part of a
    // token before the dot is no secret) hears what any stranger hears: the token is not valid.
    const revoked = token.length <= TOKEN_MAX ? await store.findDeviceByTokenHash(sha256Hex(token), { includeRevoked: true }) : null;
    if (revoked?.revokedAt) throw deviceRevoked();
    throw refuse.unauthenticated('unknown_token', 'The server does not know this device. Ask your plant admin to enroll it again.');
  }
  if (device.revokedAt) throw deviceRevoked();
  if (Date.parse(device.enrolledAt) + DEVICE_TOKEN_LIFETIME_MS <= nowMs) {
    throw refuse.unauthenticated('token_expired', 'This device was enrolled more than 180 days ago and must be enrolled again. Ask your plant admin for a code.');
  }
  return device;
}

function deviceRevoked() {
  return refuse.unauthenticated('device_revoked', 'This device was removed from its plant. Ask your plant admin to enroll it again.');
}

export function bearerToken(authorization: string | undefined): string | null {
  if (typeof authorization !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return match?.[1] ?? null;
}
