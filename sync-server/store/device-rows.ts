/**
 * The `device_tokens` table as both engines read it: the same columns, the
 * same row shape (text and nulls in SQLite and PostgreSQL alike), one mapping
 * to DeviceAuth.
 */
import type { DeviceKind } from '../../src/domain/people/people-types.ts';
import type { DeviceAuth, DeviceEnrollment, DeviceStatus } from './store.ts';

export const DEVICE_COLUMNS = 'device_id, plant_id, kind, line_id, name, enrolled_at, revoked_at';

export interface DeviceRow {
  device_id: string;
  plant_id: string;
  kind: string;
  line_id: string;
  name: string;
  enrolled_at: string;
  revoked_at: string | null;
}

/** What a redeemed enrollment code says of the device it enrolls. */
export interface RedeemedCodeRow {
  plant_id: string;
  device_kind: string;
  line_id: string;
}

export function toDevice(r: DeviceRow): DeviceAuth {
  return {
    deviceId: r.device_id,
    plantId: r.plant_id,
    kind: r.kind as DeviceKind,
    lineId: r.line_id,
    name: r.name,
    enrolledAt: r.enrolled_at,
    revokedAt: r.revoked_at,
  };
}

/** The device a redemption has just stored (the row it inserted, never revoked). */
export function enrolledDevice(code: RedeemedCodeRow, e: DeviceEnrollment): DeviceAuth {
  return toDevice({ device_id: e.deviceId, plant_id: code.plant_id, kind: code.device_kind, line_id: code.line_id, name: e.name, enrolled_at: e.at, revoked_at: null });
}

/** [O4] The health page's columns beside DEVICE_COLUMNS. */
export const DEVICE_STATUS_COLUMNS = `${DEVICE_COLUMNS}, last_contact_at, app_version, waiting`;

export interface DeviceStatusRow extends DeviceRow {
  last_contact_at: string | null;
  app_version: string;
  /** PostgreSQL's integer comes back as a number; kept loose for either engine. */
  waiting: number | string | null;
}

export function toDeviceStatus(r: DeviceStatusRow): DeviceStatus {
  return { ...toDevice(r), lastContactAt: r.last_contact_at, appVersion: r.app_version, waiting: r.waiting === null ? null : Number(r.waiting) };
}

/**
 * [O4] One UPDATE for both engines: the contact time always, the version and the count only when
 * reported (a null parameter keeps the stored value). `$n` placeholders; SQLite takes them as `?NNN`.
 */
export const NOTE_CONTACT_SQL =
  'UPDATE device_tokens SET last_contact_at = $1, app_version = COALESCE($2, app_version), waiting = COALESCE($3, waiting) WHERE device_id = $4';
