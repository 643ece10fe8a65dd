/** Schemas for a plant's shift patterns. */
import type { ShiftDefinition, ShiftPattern } from './shift-types.ts';
import {
  PRODUCTION_DATE_PATTERN,
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

const shiftDefinition = objectOf<ShiftDefinition>({
  code: code(),
  name: name(),
  start: { type: 'string', maxLength: 5, pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' },
  // A shift lasts at most a day.
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
    // A rotation has a handful of crews (four on a continental pattern); twelve is a generous ceiling.
    crews: listOf(code(), 12),
    rotationAnchor: { type: ['string', 'null'], maxLength: 10, pattern: PRODUCTION_DATE_PATTERN },
    // A rotation cycle repeats within weeks; a year is a generous ceiling.
    rotation: listOf(listOf({ type: ['string', 'null'], maxLength: 32 }, 6), 366),
    ...mutableMeta,
  },
  indexes: ['plantId'],
});
