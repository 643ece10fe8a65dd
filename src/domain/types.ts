/**
 * The records Tierboard keeps, in the floor's own words.
 *
 * Every record has a string `id` (a ULID-like, time-sortable id made on the
 * device that created it) so that devices can create records offline without
 * asking anyone. Times are ISO-8601 strings in UTC; production dates are
 * plain `yyyy-MM-dd` strings in the plant's own calendar.
 *
 * Two kinds of record (see collections.ts):
 * - immutable: written once, never edited (readings, check-ins, events).
 *   A correction is a new record that points at the one it supersedes.
 * - mutable: configuration and plans (plants, definitions, objectives...).
 *   They carry a hybrid logical clock per field so that edits from several
 *   devices merge field by field, last writer wins, and the loser is kept.
 */

export type Iso = string;
/** `yyyy-MM-dd` in the plant's own calendar. */
export type ProductionDate = string;

export const SQDCP = ['safety', 'quality', 'delivery', 'cost', 'people'] as const;
export type SqdcpCategory = (typeof SQDCP)[number];

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

/** Fields every mutable record carries for the field-by-field merge. */
export interface MutableMeta {
  /** Highest hybrid logical clock of any field: the record's version. */
  hlc: string;
  /** Field name -> HLC of the edit that last set it. */
  fieldClocks: Record<string, string>;
  /**
   * Edits that lost a merge, kept so their owner can see and redo them.
   * Never silently dropped (design: "a losing edit is kept where its owner can see it").
   */
  conflicts: LosingEdit[];
}

export interface LosingEdit {
  field: string;
  value: unknown;
  hlc: string;
  /** Device that made the losing edit. */
  deviceId: string;
}

// ---------------------------------------------------------------- structure

export interface Enterprise extends MutableMeta {
  id: string;
  name: string;
}

export interface Plant extends MutableMeta {
  id: string;
  enterpriseId: string;
  code: string;
  name: string;
  /** IANA time zone, e.g. `Europe/Berlin`. Shifts are computed in it. */
  timeZone: string;
  /** BCP-47 locale for numbers and dates on this plant's screens. */
  locale: string;
  shiftPatternId: string;
  /** Minutes after which an unacknowledged escalation moves up, per tier. */
  tierLadder: TierStep[];
  /** Minutes of no input before a shared tablet signs the person out. */
  idleSignOutMinutes: number;
}

export interface TierStep {
  tier: number;
  /** Who is called at this tier, e.g. `line lead`, `maintenance`, `plant head`. */
  label: string;
  role: Role;
  /** Minutes after raising at which this tier is reached if nobody acknowledged. */
  afterMinutes: number;
}

export type LineLevel = 'plant' | 'area' | 'line';

export interface Line extends MutableMeta {
  id: string;
  plantId: string;
  area: string;
  code: string;
  name: string;
  active: boolean;
}

// ---------------------------------------------------------------- shifts

export interface ShiftDefinition {
  /** Short code shown on screens: `A`, `N`, `D`... */
  code: string;
  name: string;
  /** Local start time `HH:mm` in the plant's time zone. */
  start: string;
  /** Nominal length in minutes; a shift crossing midnight belongs to the date it started on. */
  durationMinutes: number;
}

/**
 * Fixed patterns (3x8, 2x12) repeat the same shifts every day. A rotating
 * pattern adds crews: `rotation[i]` lists, for day `i` of the cycle counted
 * from `rotationAnchor`, which crew works each shift (same order as `shifts`,
 * `null` where the shift is not worked).
 */
export interface ShiftPattern extends MutableMeta {
  id: string;
  plantId: string;
  name: string;
  kind: '3x8' | '2x12' | 'rotating';
  shifts: ShiftDefinition[];
  crews: string[];
  rotationAnchor: ProductionDate | null;
  rotation: (string | null)[][];
}

/** The unit every reading and check-in hangs on. */
export interface ShiftInstance {
  plantId: string;
  lineId: string;
  shiftCode: string;
  productionDate: ProductionDate;
  /** Crew on shift, for rotating patterns. */
  crew: string | null;
  /** UTC start and end of this instance. */
  startsAt: Iso;
  endsAt: Iso;
}

// ---------------------------------------------------------------- people and devices

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

// ---------------------------------------------------------------- KPIs

export type Direction = 'higher_is_better' | 'lower_is_better';
export type KpiFrequency = 'per_shift' | 'daily';
export type KpiFormula =
  | 'oee'
  | 'availability'
  | 'performance'
  | 'quality_rate'
  | 'first_pass_yield'
  | 'scrap_rate'
  | 'on_time_delivery'
  | 'recordable_incident_rate'
  | 'dart_rate';

export interface KpiDefinition extends MutableMeta {
  id: string;
  /** Empty for enterprise-wide definitions. */
  plantId: string;
  level: LineLevel;
  /** For line-level KPIs; empty otherwise. */
  lineId: string;
  /** For area-level KPIs; empty otherwise. */
  area: string;
  code: string;
  name: string;
  category: SqdcpCategory;
  unit: string;
  direction: Direction;
  target: number;
  /** Beyond target but within amber: amber. Beyond amber: red (see kpi-status.ts). */
  amberThreshold: number;
  redThreshold: number;
  indicator: 'leading' | 'lagging';
  ownerId: string;
  frequency: KpiFrequency;
  /** Computed KPIs name a formula and map its inputs to other KPI codes. */
  formula: KpiFormula | null;
  formulaInputs: Record<string, string>;
  /** Readings outside this range ask the operator to confirm. */
  plausibleMin: number;
  plausibleMax: number;
  decimals: number;
  active: boolean;
}

/** Immutable. A correction is a new reading with `supersedes` set. */
export interface KpiReading {
  id: string;
  kpiId: string;
  plantId: string;
  lineId: string;
  shiftCode: string;
  productionDate: ProductionDate;
  value: number;
  personId: string;
  deviceId: string;
  /** Device wall-clock time of the tap. */
  recordedAt: Iso;
  /** Measured offset (server minus device) in ms at the time of recording. */
  clockOffsetMs: number;
  note: string;
  /** Id of the reading this one corrects; empty for a first reading. */
  supersedes: string;
  correctionReason: string;
  /** Stamped by the server when it received the record; empty until then. */
  receivedAt: Iso;
}

// ---------------------------------------------------------------- handover

export interface CarriedItem {
  id: string;
  text: string;
  /** Where the item came from: this shift, or carried from an earlier one. */
  since: ProductionDate;
}

export interface HandoverCheckIn {
  id: string;
  plantId: string;
  lineId: string;
  shiftCode: string;
  productionDate: ProductionDate;
  outgoingLeadId: string;
  incomingLeadId: string;
  notes: string;
  safetyItems: string[];
  openItems: CarriedItem[];
  /** Ids of the previous check-in's open items that the incoming lead acknowledged. */
  acknowledgedItemIds: string[];
  /** KPI id -> value at handover. */
  readingsSnapshot: Record<string, number>;
  deviceId: string;
  signedAt: Iso;
  receivedAt: Iso;
}

// ---------------------------------------------------------------- escalations

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

// ---------------------------------------------------------------- OKRs

export type OkrLevel = 'enterprise' | 'plant' | 'line';

export interface Objective extends MutableMeta {
  id: string;
  level: OkrLevel;
  plantId: string;
  lineId: string;
  parentId: string;
  title: string;
  /** e.g. `2026-Q4`. */
  cycle: string;
  ownerId: string;
  status: 'draft' | 'active' | 'done' | 'dropped';
}

export type KrAggregation = 'latest' | 'average' | 'sum' | 'min' | 'max';

export interface KeyResult extends MutableMeta {
  id: string;
  objectiveId: string;
  plantId: string;
  title: string;
  from: number;
  to: number;
  unit: string;
  dueDate: ProductionDate;
  ownerId: string;
  stretch: boolean;
  source: 'manual' | 'kpi';
  kpiId: string;
  aggregation: KrAggregation;
  windowDays: number;
}

export interface KrCheckIn {
  id: string;
  keyResultId: string;
  plantId: string;
  value: number;
  /** 0..1 */
  confidence: number;
  note: string;
  personId: string;
  deviceId: string;
  at: Iso;
  receivedAt: Iso;
}

export interface ImprovementAction extends MutableMeta {
  id: string;
  plantId: string;
  title: string;
  status: 'todo' | 'doing' | 'done';
  ownerId: string;
  due: ProductionDate;
  keyResultId: string;
  escalationId: string;
  /**
   * The person who noted the action (schema version 1). The server authorises a new action as
   * this person (SPEC [P4], [A9]), so a push sent after they signed out, or from a wall screen
   * where nobody stays signed in, still names who noted it. Optional, the one exception to "no
   * optional fields": actions stored before version 1, and those pushed by devices not yet
   * updated, have none (schemas/okr.ts).
   */
  notedBy?: string;
}
