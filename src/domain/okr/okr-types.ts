/** Objectives, key results, their check-ins and improvement actions. */
import type { Iso, MutableMeta, ProductionDate } from '../records/record-types.ts';

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
   * updated, have none (okr-schemas.ts).
   */
  notedBy?: string;
}
