/** Schemas for the roster and the enrolled devices. */
import { ROLES, type Device, type DeviceKind, type Person } from './people-types.ts';
import {
  ISO_MAX,
  bool,
  code,
  id,
  iso,
  name,
  oneOf,
  recordSchema,
  ref,
} from '../records/json-schema.ts';
import { mutableMeta } from '../records/mutable-meta-schema.ts';

const DEVICE_KINDS: readonly DeviceKind[] = ['tablet', 'wall_screen'];
/** A PIN hash or salt, hex or base64: SHA-256/PBKDF2 outputs are well under this. */
const SECRET_MAX = 256;

export const peopleSchema = recordSchema<Person>({
  title: 'people',
  description: 'The roster: who may sign in on a plant device, with which role.',
  version: 0,
  properties: {
    id: id(),
    plantId: ref(),
    name: name(),
    badge: code(),
    role: oneOf(ROLES),
    pinHash: { type: 'string', maxLength: SECRET_MAX },
    pinSalt: { type: 'string', maxLength: SECRET_MAX },
    active: bool(),
    ...mutableMeta,
  },
  indexes: [['plantId', 'badge']],
});

export const devicesSchema = recordSchema<Device>({
  title: 'devices',
  description: 'Enrolled tablets and wall screens.',
  version: 0,
  properties: {
    id: id(),
    plantId: ref(),
    kind: oneOf(DEVICE_KINDS),
    lineId: ref(),
    name: name(),
    enrolledAt: iso(),
    revokedAt: { type: ['string', 'null'], maxLength: ISO_MAX },
    ...mutableMeta,
  },
  indexes: ['plantId'],
});
