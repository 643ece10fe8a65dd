/** Escalations: an immutable header, an append-only event log, and the tier ladder that times them. */
import type { Iso } from '../records/record-types.ts';
import type { Role } from '../people/people-types.ts';

export interface TierStep {
  tier: number;
  /** Who is called at this tier, e.g. `line lead`, `maintenance`, `plant head`. */
  label: string;
  role: Role;
  /** Minutes after raising at which this tier is reached if nobody acknowledged. */
  afterMinutes: number;
}

export const ESCALATION_CATEGORIES = ['safety', 'quality', 'machine', 'material', 'people', 'other'] as const;

export type EscalationCategory = (typeof ESCALATION_CATEGORIES)[number];

export type Severity = 'low' | 'medium' | 'high' | 'critical';

/** Immutable header; everything that happens after raising is an event. */
export interface Escalation {
  id: string;
  plantId: string;
  lineId: string;
  category: EscalationCategory;
  severity: Severity;
  description: string;
  /** Data URL of a shrunk JPEG, or empty. */
  photo: string;
  raisedBy: string;
  raisedAt: Iso;
  deviceId: string;
  receivedAt: Iso;
}

export const ESCALATION_EVENT_TYPES = [
  'raised',
  'acknowledged',
  'escalated',
  'reassigned',
  'commented',
  'contained',
  'resolved',
  'closed',
  'reopened',
] as const;

export type EscalationEventType = (typeof ESCALATION_EVENT_TYPES)[number];

export interface EscalationEvent {
  id: string;
  escalationId: string;
  plantId: string;
  type: EscalationEventType;
  at: Iso;
  personId: string;
  deviceId: string;
  /** For `escalated`: the tier reached; lets devices that escalated the same step count as one. */
  tier: number;
  /** For `reassigned`. */
  toPersonId: string;
  comment: string;
  /** For `resolved`: the 5 Whys and the action taken. */
  whys: string[];
  rootCause: string;
  action: string;
  receivedAt: Iso;
}
