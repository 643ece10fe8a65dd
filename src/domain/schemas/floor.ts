/**
 * Schemas for what happens on the floor during a shift: handover check-ins,
 * escalation headers and their append-only event log.
 */
import {
  ESCALATION_CATEGORIES,
  ESCALATION_EVENT_TYPES,
  type CarriedItem,
  type Escalation,
  type EscalationEvent,
  type HandoverCheckIn,
} from '../types.ts';
import {
  PHOTO_MAX,
  code,
  id,
  int,
  iso,
  listOf,
  mapOf,
  note,
  num,
  objectOf,
  oneOf,
  productionDate,
  recordSchema,
  ref,
  text,
} from './json-schema.ts';

/** A shift's handover board fits on one tablet screen; 100 lines is already unreadable. */
const MAX_HANDOVER_ITEMS = 100;
/** A line seldom has more than 30 KPIs; 200 covers area-level snapshots too. */
const MAX_SNAPSHOT_KPIS = 200;
/** "5 Whys": a few more are allowed for the stubborn root cause. */
const MAX_WHYS = 10;

const carriedItem = objectOf<CarriedItem>({
  id: id(),
  text: note(),
  since: productionDate(),
});

export const handoversSchema = recordSchema<HandoverCheckIn>({
  title: 'handovers',
  description: 'The signed, immutable handover from one shift lead to the next.',
  version: 0,
  properties: {
    id: id(),
    plantId: ref(),
    lineId: ref(),
    shiftCode: code(),
    productionDate: productionDate(),
    outgoingLeadId: ref(),
    incomingLeadId: ref(),
    notes: text(),
    safetyItems: listOf(note(), MAX_HANDOVER_ITEMS),
    openItems: listOf(carriedItem, MAX_HANDOVER_ITEMS),
    acknowledgedItemIds: listOf(ref(), MAX_HANDOVER_ITEMS),
    readingsSnapshot: mapOf(num(), MAX_SNAPSHOT_KPIS),
    deviceId: ref(),
    signedAt: iso(),
    receivedAt: iso(),
  },
  indexes: [['plantId', 'lineId', 'productionDate']],
});

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
