/**
 * The registry of collections: one place that says, for each kind of record,
 * its name, whether it is immutable, and how it is scoped to a plant.
 * The local database, the replication client and the sync server all walk
 * this list, so adding a collection here is the one step that makes it
 * stored, replicated and authorised everywhere.
 */
import type { Device, Person } from '../people/people-types.ts';
import type { Enterprise, Line, Plant } from '../plant/plant-types.ts';
import type { Escalation, EscalationEvent } from '../escalation/escalation-types.ts';
import type { HandoverCheckIn } from '../handover/handover-types.ts';
import type { ImprovementAction, KeyResult, KrCheckIn, Objective } from '../okr/okr-types.ts';
import type { KpiDefinition, KpiReading } from '../kpi/kpi-types.ts';
import type { ShiftPattern } from '../shift/shift-types.ts';

export interface CollectionRecords {
  enterprises: Enterprise;
  plants: Plant;
  lines: Line;
  shift_patterns: ShiftPattern;
  people: Person;
  devices: Device;
  kpi_definitions: KpiDefinition;
  kpi_readings: KpiReading;
  handovers: HandoverCheckIn;
  escalations: Escalation;
  escalation_events: EscalationEvent;
  objectives: Objective;
  key_results: KeyResult;
  kr_checkins: KrCheckIn;
  improvement_actions: ImprovementAction;
}

export type CollectionName = keyof CollectionRecords;

export interface CollectionInfo {
  name: CollectionName;
  /** Immutable records never change once written: same id + same content is a harmless retry. */
  immutable: boolean;
  /**
   * `plant`: every record has a `plantId` and a device sees only its plant's.
   * `enterprise`: records with an empty `plantId` are shared by all plants
   *   (enterprise objectives, enterprise KPI definitions); the rest are plant-scoped.
   * `global`: visible to every device (the enterprise itself).
   */
  scope: 'plant' | 'enterprise' | 'global';
}

export const COLLECTIONS: readonly CollectionInfo[] = [
  { name: 'enterprises', immutable: false, scope: 'global' },
  { name: 'plants', immutable: false, scope: 'plant' },
  { name: 'lines', immutable: false, scope: 'plant' },
  { name: 'shift_patterns', immutable: false, scope: 'plant' },
  { name: 'people', immutable: false, scope: 'plant' },
  { name: 'devices', immutable: false, scope: 'plant' },
  { name: 'kpi_definitions', immutable: false, scope: 'enterprise' },
  { name: 'kpi_readings', immutable: true, scope: 'plant' },
  { name: 'handovers', immutable: true, scope: 'plant' },
  { name: 'escalations', immutable: true, scope: 'plant' },
  { name: 'escalation_events', immutable: true, scope: 'plant' },
  { name: 'objectives', immutable: false, scope: 'enterprise' },
  { name: 'key_results', immutable: false, scope: 'enterprise' },
  { name: 'kr_checkins', immutable: true, scope: 'plant' },
  { name: 'improvement_actions', immutable: false, scope: 'plant' },
];

export const COLLECTION_NAMES: readonly CollectionName[] = COLLECTIONS.map((c) => c.name);

export function collectionInfo(name: string): CollectionInfo | undefined {
  return COLLECTIONS.find((c) => c.name === name);
}

/** The plant a record belongs to, or '' for enterprise-wide records. */
export function plantOf(name: CollectionName, record: { id: string; plantId?: string }): string {
  if (name === 'plants') return record.id;
  return record.plantId ?? '';
}
