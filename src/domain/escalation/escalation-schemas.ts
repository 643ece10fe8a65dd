/** Schemas of an escalation's immutable header and its append-only event log. */
import {
  ESCALATION_CATEGORIES,
  ESCALATION_EVENT_TYPES,
  type Escalation,
  type EscalationEvent,
} from './escalation-types.ts';
import {
  PHOTO_MAX,
  id,
  int,
  iso,
  listOf,
  note,
  oneOf,
  recordSchema,
  ref,
  text,
} from '../records/json-schema.ts';

/** "5 Whys": a few more are allowed for the stubborn root cause. */
const MAX_WHYS = 10;

export const escalationsSchema = recordSchema<Escalation>({
  title: 'escalations',
  description: 'The immutable header of an escalation; its life is in escalation_events.',
  version: 0,
  properties: {
    id: id(),
    plantId: ref(),
    lineId: ref(),
    category: oneOf(ESCALATION_CATEGORIES),
    severity: oneOf(['low', 'medium', 'high', 'critical']),
    description: text(),
    photo: { type: 'string', maxLength: PHOTO_MAX, pattern: '^(data:image/[a-z+]+;base64,[A-Za-z0-9+/=]+)?$' },
    raisedBy: ref(),
    raisedAt: iso(),
    deviceId: ref(),
    receivedAt: iso(),
  },
  indexes: [
    ['plantId', 'lineId'],
    ['plantId', 'raisedAt'],
  ],
});

export const escalationEventsSchema = recordSchema<EscalationEvent>({
  title: 'escalation_events',
  description: 'One step in an escalation: acknowledged, escalated, contained, resolved...',
  version: 0,
  properties: {
    id: id(),
    escalationId: ref(),
    plantId: ref(),
    type: oneOf(ESCALATION_EVENT_TYPES),
    at: iso(),
    personId: ref(),
    deviceId: ref(),
    // As on the plant's tier ladder (plant-schemas.ts): at most 20 tiers.
    tier: int(0, 20),
    toPersonId: ref(),
    comment: note(),
    whys: listOf(note(), MAX_WHYS),
    rootCause: note(),
    action: note(),
    receivedAt: iso(),
  },
  indexes: [
    ['escalationId', 'at'],
    ['plantId', 'at'],
  ],
});
