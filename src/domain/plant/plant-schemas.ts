/** Schemas for the plant's structure: the enterprise, its plants (with their tier ladders) and lines. */
import type { Enterprise, Line, Plant } from './plant-types.ts';
import { ROLES } from '../people/people-types.ts';
import type { TierStep } from '../escalation/escalation-types.ts';
import {
  bool,
  code,
  id,
  int,
  listOf,
  name,
  objectOf,
  oneOf,
  recordSchema,
  ref,
} from '../records/json-schema.ts';
import { mutableMeta } from '../records/mutable-meta-schema.ts';

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
  // Real ladders have four or five tiers (line lead to plant manager); 20 only bounds a typo.
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
    // Whole minutes, at most a day: a longer idle limit would be no sign-out at all.
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
