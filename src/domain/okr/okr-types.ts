/**
 * Cycles, objectives, key results, their log (check-ins and catchball steps) and improvement actions.
 *
 * Why cycles live in the `objectives` collection and catchball steps in `kr_checkins`: open-source
 * RxDB keeps at most 13 collections open in one browser realm, and Tierboard's devices already keep
 * 13 (src/db/database.ts). A cycle is an enterprise-wide, mutable plan record edited by the same
 * people as enterprise objectives, so it is an `objectives` record of level `cycle`; a catchball step
 * is an immutable entry on a key result's timeline, as a check-in is, so both are `kr_checkins`
 * records told apart by `kind`. okr-records.ts reads them back as their own types.
 *
 * Fields added in schema version 1 are optional (records stored before, and pushes from devices not
 * yet updated, have none); the readers in okr-records.ts give each its default.
 */
import type { Iso, MutableMeta, ProductionDate } from '../records/record-types.ts';

export type OkrLevel = 'enterprise' | 'plant' | 'line';
export type CycleState = 'planning' | 'catchball' | 'active' | 'closing' | 'closed';
export type CycleKind = 'annual' | 'quarterly' | 'custom';
/** `contribute`: its progress counts toward the parent's; `support`: shown under it, not counted. */
export type LinkType = 'contribute' | 'support';
/** ISO weekday: 1 Monday ... 7 Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A record of the `objectives` collection: an objective, or (level `cycle`) a cycle. */
export interface Objective extends MutableMeta {
  id: string;
  level: OkrLevel | 'cycle';
  plantId: string;
  lineId: string;
  parentId: string;
  title: string;
  /** The id of the cycle the objective belongs to, e.g. `2026-Q4`; a cycle names itself. */
  cycle: string;
  ownerId: string;
  status: 'draft' | 'active' | 'done' | 'dropped';
  // ---- objectives (version 1)
  linkType?: LinkType;
  /** 1 is the highest; decides between conflicting plant key results under the same objective. */
  priority?: number;
  /** Weight among its siblings when its parent counts contributing children; 1 unless set. */
  weight?: number;
  /** Whether contributing child objectives count toward this objective's progress. */
  countChildren?: boolean;
  /** Written at cycle close, with the score. */
  closingComment?: string;
  // ---- cycles (version 1, level `cycle`)
  cycleKind?: CycleKind;
  cycleState?: CycleState;
  /** First and last production date of the cycle, both included. */
  startDate?: ProductionDate;
  endDate?: ProductionDate;
  /** The enterprise's check-in weekday, carried on its cycles (the enterprise record stays on the server). */
  checkInWeekday?: number;
  /** N: a KPI red or amber for N periods in a row is offered as an OKR candidate (okr-guardrails.ts). */
  candidatePeriods?: number;
}

/** `average` is the mean; for a ratio KPI (OEE, scrap rate...) mean and sum are the ratio of sums of its inputs. */
export type KrAggregation = 'latest' | 'average' | 'sum' | 'min' | 'max';
export type KrSource = 'manual' | 'kpi' | 'rollup';
export type KrWindow = 'cycle_to_date' | 'last_days' | 'last_shift' | 'last_day' | 'last_week';
export type KrRollup = 'sum' | 'weighted_mean';
/** `proposed` in catchball until the enterprise accepts; only `active` key results count. */
export type KrState = 'proposed' | 'active' | 'rejected' | 'dropped';

export interface KeyResult extends MutableMeta {
  id: string;
  objectiveId: string;
  plantId: string;
  title: string;
  /** Baseline. */
  from: number;
  /** Target. */
  to: number;
  unit: string;
  dueDate: ProductionDate;
  ownerId: string;
  stretch: boolean;
  source: KrSource;
  kpiId: string;
  aggregation: KrAggregation;
  /** N of a `last_days` window (version 0 knew only this window). */
  windowDays: number;
  // ---- version 1
  window?: KrWindow;
  /** `plant`: every reading of the KPI in the plant; `lines`: only those of `lineIds`. */
  scope?: 'plant' | 'lines';
  lineIds?: string[];
  /** The rolled-up key result this one counts toward; '' for none. */
  parentKeyResultId?: string;
  rollup?: KrRollup;
  /** Weight in its objective's progress and in a weighted-mean roll-up; 1 unless set. */
  weight?: number;
  state?: KrState;
}

export type KrLogKind = 'check_in' | 'propose' | 'accept' | 'counter' | 'reject';

/**
 * An immutable entry on a key result's timeline (`kr_checkins`): a weekly check-in, or a step of
 * catchball (a plant head proposes a target, the enterprise leader accepts, counters or rejects).
 */
export interface KrCheckIn {
  id: string;
  keyResultId: string;
  plantId: string;
  value: number;
  /** 0..1 in steps of 0.1. */
  confidence: number;
  note: string;
  personId: string;
  deviceId: string;
  at: Iso;
  receivedAt: Iso;
  // ---- version 1
  /** Absent on check-ins stored before version 1. */
  kind?: KrLogKind;
  /** The value the KPI gave when the check-in was made (KPI-fed key results); an override of it needs a reason. */
  computedValue?: number;
  overrideReason?: string;
  blocker?: string;
  nextAction?: string;
  /** Catchball: the target proposed, countered or accepted, its due date and what the plant needs. */
  target?: number;
  dueDate?: ProductionDate;
  needs?: string;
}

export type ActionLane = 'backlog' | 'todo' | 'doing' | 'verify' | 'done' | 'dropped';
export const ACTION_LANES: readonly ActionLane[] = ['backlog', 'todo', 'doing', 'verify', 'done', 'dropped'];

export interface ImprovementAction extends MutableMeta {
  id: string;
  plantId: string;
  title: string;
  /** The Kanban lane (version 2 added backlog, verify and dropped). */
  status: ActionLane;
  ownerId: string;
  due: ProductionDate;
  keyResultId: string;
  escalationId: string;
  /**
   * The person who noted the action (schema version 1). The server authorises a new action as
   * this person (SPEC [P4], [A9]), so a push sent after they signed out, or from a wall screen
   * where nobody stays signed in, still names who noted it. Optional, the one exception to "no
   * optional fields": actions stored before version 1, and those pushed by devices not yet
   * updated, have none (okr-schemas.ts).
   */
  notedBy?: string;
  // ---- version 2
  /** The due date first set, kept when the card's due date moves. */
  originalDue?: ProductionDate;
  priority?: 'high' | 'medium' | 'low';
}
