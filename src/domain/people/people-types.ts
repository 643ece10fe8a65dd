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
