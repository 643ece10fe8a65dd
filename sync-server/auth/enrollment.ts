/**
 * Enrolling a device: a plant admin makes a one-time code, the new tablet or
 * wall screen trades it for a device token. Rules [A1]-[A4] in SPEC.md.
 */
import { randomInt } from 'node:crypto';
import QRCode from 'qrcode';
import { newId } from '../../src/domain/ids.ts';
import type { DeviceKind } from '../../src/domain/types.ts';
import type { DeviceAuth, Store } from '../store/store.ts';
import { refuse } from './refusal.ts';
import { newDeviceToken, newEnrollmentCode, normaliseEnrollmentCode, sha256Hex } from './secrets.ts';

/**
 * [A1] A code lives one day: long enough to print it in the morning and set
 * up tablets along the line during the shift, short enough that a code left
 * on a whiteboard is dead by the next day.
 */
export const ENROLLMENT_CODE_TTL_MS = 24 * 60 * 60 * 1000;
/** Device names are shown in admin lists; longer than this is a paste accident. */
const DEVICE_NAME_MAX = 80;

export interface CodeRequest {
  plantId: string;
  kind: DeviceKind;
  lineId: string;
  /** The person making the code (already authorised, see acting-person.ts). */
  createdBy: string;
  /** Where devices reach this server, e.g. `https://plant-a.example`; the QR code links there. */
  origin: string;
}

export interface IssuedCode {
  /** Grouped for reading aloud: `K7QX-M4PF`. */
  code: string;
  expiresAt: string;
  /** The enrollment link as an SVG QR code, for a tablet's camera. */
  qrSvg: string;
  link: string;
}

export function enrollmentLink(origin: string, code: string): string {
  return `${origin.replace(/\/+$/, '')}/#enroll=${code}`;
}

export async function issueEnrollmentCode(store: Store, req: CodeRequest, nowMs: number): Promise<IssuedCode> {
  const code = newEnrollmentCode();
  const raw = normaliseEnrollmentCode(code);
  if (raw === null) throw new Error('newEnrollmentCode made a code normaliseEnrollmentCode refuses');
  const expiresAt = new Date(nowMs + ENROLLMENT_CODE_TTL_MS).toISOString();
  await store.createEnrollmentCode({
    codeHash: sha256Hex(raw),
    plantId: req.plantId,
    deviceKind: req.kind,
    lineId: req.kind === 'wall_screen' ? '' : req.lineId,
    createdBy: req.createdBy,
    createdAt: new Date(nowMs).toISOString(),
    expiresAt,
  });
  const link = enrollmentLink(req.origin, code);
  const qrSvg = await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { code, expiresAt, qrSvg, link };
}

export interface Enrolled {
  deviceId: string;
  token: string;
  plantId: string;
  kind: DeviceKind;
  lineId: string;
  serverTime: string;
}

/** [A2] Trade a code for a device token, once. */
export async function redeemEnrollmentCode(store: Store, typedCode: string, name: string, nowMs: number): Promise<Enrolled> {
  const raw = normaliseEnrollmentCode(typedCode);
  // A code that cannot exist is as unknown as one that does not: same answer, no hint.
  if (raw === null) throw unknownCode();
  const deviceId = newId(nowMs, () => randomInt(2 ** 30) / 2 ** 30);
  const token = `${deviceId}.${newDeviceToken()}`;
  const at = new Date(nowMs).toISOString();
  const result = await store.redeemEnrollmentCode(sha256Hex(raw), {
    deviceId,
    tokenHash: sha256Hex(token),
    name: name.trim().slice(0, DEVICE_NAME_MAX),
    at,
  });
  if (!result.ok) {
    if (result.reason === 'used') {
      throw refuse.conflict('enrollment_code_used', 'This code was already used to set up a device. Ask your plant admin for a new code.');
    }
    if (result.reason === 'expired') {
      throw refuse.gone('enrollment_code_expired', 'This code has expired (codes last 24 hours). Ask your plant admin for a new code.');
    }
    throw unknownCode();
  }
  const device: DeviceAuth = result.device;
  return { deviceId: device.deviceId, token, plantId: device.plantId, kind: device.kind, lineId: device.lineId, serverTime: at };
}

function unknownCode() {
  return refuse.notFound('unknown_enrollment_code', 'This enrollment code is not known. Check it for typos, or ask your plant admin for a new code.');
}
