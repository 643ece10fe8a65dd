/**
 * Schemas for the plant's structure: enterprise, plants, lines, shift
 * patterns, people and devices.
 */
import {
  ROLES,
  type Device,
  type DeviceKind,
  type Enterprise,
  type Line,
  type Person,
  type Plant,
  type ShiftDefinition,
  type ShiftPattern,
  type TierStep,
} from '../types.ts';
import {
  ISO_MAX,
  PRODUCTION_DATE_PATTERN,
  bool,
  code,
  id,
  int,
  iso,
  listOf,
  name,
  objectOf,
  oneOf,
  recordSchema,
  ref,
} from './json-schema.ts';
import { mutableMeta } from './mutable-meta.ts';

const DEVICE_KINDS: readonly DeviceKind[] = ['tablet', 'wall_screen'];
/** A PIN hash or salt, hex or base64: SHA-256/PBKDF2 outputs are well under this. */
const SECRET_MAX = 256;
/** Longest IANA zone names are about 30 characters (`America/Argentina/ComodRivadavia`). */
const TIME_ZONE_MAX = 64;
/** BCP-47 tags with extensions stay short; 35 is the RFC 5646 practical maximum. */
const LOCALE_MAX = 35;
/** One full week of minutes: nobody waits longer than that for a tier. */
const MAX_MINUTES = 7 * 24 * 60;

export const enterprisesSchema = recordSchema<Enterprise>({
  title: 'enterprises',
  description: 'The company: one record, shared by every plant.',
  version: 0,
  properties: { id: id(), name: name(), ...mutableMeta },
  indexes: [],
});

const tierStep = objectOf<TierStep>({
  tier: int(0, 20),
  label: name(),
  role: oneOf(ROLES),
  afterMinutes: int(0, MAX_MINUTES),
});

export const plantsSchema = recordSchema<Plant>({
  title: 'plants',
  description: 'A plant with its time zone, locale, shift pattern and escalation tier ladder.',
  version: 0,
  properties: {
    id: id(),
    enterpriseId: ref(),
    code: code(),
    name: name(),
    timeZone: { type: 'string', minLength: 1, maxLength: TIME_ZONE_MAX },
    locale: { type: 'string', minLength: 2, maxLength: LOCALE_MAX },
    shiftPatternId: ref(),
    tierLadder: listOf(tierStep, 20),
    idleSignOutMinutes: int(1, 24 * 60),
    ...mutableMeta,
  },
  indexes: ['enterpriseId'],
});

export const linesSchema = recordSchema<Line>({
  title: 'lines',
  description: 'A production line within an area of a plant.',
  version: 0,
  properties: {
    id: id(),
    plantId: ref(),
    area: name(),
    code: code(),
    name: name(),
    active: bool(),
    ...mutableMeta,
  },
  indexes: ['plantId'],
});

const shiftDefinition = objectOf<ShiftDefinition>({
  code: code(),
  name: name(),
  start: { type: 'string', maxLength: 5, pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' },
  durationMinutes: int(1, 24 * 60),
});

export const shiftPatternsSchema = recordSchema<ShiftPattern>({
  title: 'shift_patterns',
  description: 'Which shifts a plant works and, for rotating patterns, which crew works them.',
  version: 0,
  properties: {
    id: id(),
    plantId: ref(),
    name: name(),
    kind: oneOf(['3x8', '2x12', 'rotating']),
    // Six shifts a day is already 4-hour shifts; nobody runs more.
    shifts: listOf(shiftDefinition, 6),
    crews: listOf(code(), 12),
    rotationAnchor: { type: ['string', 'null'], maxLength: 10, pattern: PRODUCTION_DATE_PATTERN },
    // A rotation cycle repeats within weeks; a year is a generous ceiling.
    rotation: listOf(listOf({ type: ['string', 'null'], maxLength: 32 }, 6), 366),
    ...mutableMeta,
  },
  indexes: ['plantId'],
});

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
