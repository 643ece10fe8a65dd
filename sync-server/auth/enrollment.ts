/**
 * Enrolling a device: a plant admin makes a one-time code, the new tablet or
 * wall screen trades it for a device token. Rules [A1]-[A4] in SPEC.md.
 */
import { randomInt } from 'node:crypto';
import QRCode from 'qrcode';
import { newId } from '../../src/domain/records/ids.ts';
import type { DeviceKind } from '../../src/domain/people/people-types.ts';
import type { Line } from '../../src/domain/plant/plant-types.ts';
import type { EnrollAnswer } from '../../src/domain/wire/protocol.ts';
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
  /** A tablet's preset line, '' for none (see presetLine); ignored for a wall screen. */
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

/**
 * [A1] The line a code presets: a tablet's must be an active line of the
 * code's plant, or '' for none. The enrolled tablet opens its line after the
 * first pull, so a line that does not exist, belongs to another plant or is
 * switched off would leave it on a line its plant does not run. A line of
 * another plant is answered as one that does not exist, so the answer tells
 * nobody which line ids other plants have. A wall screen shows the whole plant
 * and has no line, whatever the request says: '' (the line is not looked at).
 *
 * The route calls this before issueEnrollmentCode; in-process callers (the
 * demo seed, tests) pass lines they made themselves.
 */
export async function presetLine(store: Store, plantId: string, kind: DeviceKind, lineId: string): Promise<string> {
  if (kind === 'wall_screen' || lineId === '') return '';
  const [stored] = await store.getByIds('lines', [lineId]);
  const line = stored && !stored.deleted && stored.plantId === plantId ? (stored.data as unknown as Line) : null;
  if (!line) {
    throw refuse.badInput(`There is no line "${lineId.slice(0, 60)}" in plant "${plantId}". Pick one of the plant's lines, or none.`, 'unknown_line');
  }
  if (!line.active) {
    throw refuse.badInput(`Line "${line.name}" is switched off (not active). Pick an active line, or none.`, 'unknown_line');
  }
  return line.id;
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

/** [A2] Trade a code for a device token, once. */
export async function redeemEnrollmentCode(store: Store, typedCode: string, name: string, nowMs: number): Promise<EnrollAnswer> {
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
