/** People, their roles, and the devices they use. */
import type { Iso, MutableMeta } from '../records/record-types.ts';

export const ROLES = [
  'operator',
  'shift_lead',
  'responder',
  'supervisor',
  'plant_head',
  'plant_admin',
  'enterprise_leader',
  'enterprise_admin',
] as const;

export type Role = (typeof ROLES)[number];

/** The floor roles: the people who work the shifts, signed in with a PIN the tablet checks itself (offline). */
export const FLOOR_ROLES: readonly Role[] = ['operator', 'shift_lead', 'responder', 'supervisor', 'plant_head'];

/**
 * [T3] Whose PIN a tablet may check itself: the floor roles only. Admins and enterprise roles
 * hold the privileged steps (roster, enrollment, enterprise settings), so their PIN is checked
 * by the server alone and their hash never reaches a tablet: a stolen tablet yields no admin.
 * Here, not in permissions.ts, so the sign-in screen asks it without loading the rule book.
 */
export function isFloorRole(role: Role): boolean {
  return FLOOR_ROLES.includes(role);
}

export type DeviceKind = 'tablet' | 'wall_screen';

export interface Person extends MutableMeta {
  id: string;
  plantId: string;
  name: string;
  badge: string;
  role: Role;
  /** Salted hash of the PIN; empty until a PIN is set. Never the PIN itself. */
  pinHash: string;
  pinSalt: string;
  active: boolean;
}

export interface Device extends MutableMeta {
  id: string;
  plantId: string;
  kind: DeviceKind;
  /** Preset line of a line tablet; empty for wall screens and roaming devices. */
  lineId: string;
  name: string;
  enrolledAt: Iso;
  revokedAt: Iso | null;
}
