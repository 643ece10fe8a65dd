/**
 * What the simulated floor writes: readings (most of it), corrections,
 * escalations with their events, and edits of mutable records (improvement
 * actions, KPI definitions, objectives) by people whose role allows them,
 * taken from the demo roster so the server's authorisation says yes.
 */
import { demoDataset } from '../../../src/demo/demo-data.ts';
import type { Prng } from '../../../src/domain/records/prng.ts';
import type { CollectionName } from '../../../src/domain/records/collections.ts';
import type { Escalation, EscalationEvent } from '../../../src/domain/escalation/escalation-types.ts';
import type { KpiReading } from '../../../src/domain/kpi/kpi-types.ts';
import type { Role } from '../../../src/domain/people/people-types.ts';

/** The people and records of one plant a device works with. */
export interface PlantCast {
  plantId: string;
  lineId: string;
  operator: string;
  lead: string;
  admin: string;
  supervisor: string;
  kpiIds: string[];
}

export function castOf(plantId: string): PlantCast {
  const data = demoDataset();
  const person = (role: Role) => {
    const p = data.people.find((x) => x.plantId === plantId && x.role === role);
    if (!p) throw new Error(`no ${role} at ${plantId} in the demo roster`);
    return p.id;
  };
  const line = data.lines.find((l) => l.plantId === plantId);
  if (!line) throw new Error(`no line at ${plantId}`);
  const kpiIds = data.kpi_definitions.filter((k) => k.plantId === plantId).map((k) => k.id).slice(0, 6);
  return { plantId, lineId: line.id, operator: person('operator'), lead: person('shift_lead'), admin: person('plant_admin'), supervisor: person('supervisor'), kpiIds };
}

/** Mutable collections the model devices edit, and who may edit each (permissions.ts). */
export const EDITABLE: readonly { collection: CollectionName; editor: keyof PlantCast }[] = [
  { collection: 'improvement_actions', editor: 'lead' },
  { collection: 'kpi_definitions', editor: 'admin' },
  { collection: 'objectives', editor: 'supervisor' },
];

export function editorOf(collection: CollectionName, cast: PlantCast): string {
  const e = EDITABLE.find((x) => x.collection === collection);
  return e ? String(cast[e.editor]) : '';
}

/** One random field change for a record of `collection`, valid under its schema. */
export function randomChange(collection: CollectionName, rng: Prng, tag: string): Record<string, unknown> {
  switch (collection) {
    case 'improvement_actions':
      return rng.chance(0.5) ? { title: `Action ${tag}` } : { status: rng.pick(['todo', 'doing', 'done'] as const) };
    case 'kpi_definitions':
      // Not the target: a random target breaks the thresholds around it, which the server refuses by
      // rule ([A14]); the fuzz is about merging edits, so it edits fields no rule ties to others.
      return rng.chance(0.5) ? { decimals: rng.int(0, 6) } : { name: `KPI ${tag}` };
    case 'objectives':
      return rng.chance(0.6) ? { title: `Objective ${tag}` } : { status: rng.pick(['draft', 'active', 'done'] as const) };
    default:
      throw new Error(`no edits for ${collection}`);
  }
}

/**
 * Today (UTC): the server process runs on the real clock and sends each device only its kind's
 * retention window of readings (SPEC [R3]); a fixed date would fall out of it as time goes by.
 */
const SHIFT_DATE = new Date().toISOString().slice(0, 10);

export function reading(cast: PlantCast, id: string, deviceId: string, value: number, recordedAt: string, over: Partial<KpiReading> = {}): KpiReading {
  return {
    id,
    kpiId: cast.kpiIds[0] ?? 'kpi-unknown',
    plantId: cast.plantId,
    lineId: cast.lineId,
    shiftCode: 'A',
    productionDate: SHIFT_DATE,
    value,
    personId: cast.operator,
    deviceId,
    recordedAt,
    clockOffsetMs: 0,
    note: '',
    supersedes: '',
    correctionReason: '',
    receivedAt: '',
    ...over,
  };
}

export function correction(cast: PlantCast, of: KpiReading, id: string, deviceId: string, value: number, recordedAt: string): KpiReading {
  return reading(cast, id, deviceId, value, recordedAt, { kpiId: of.kpiId, supersedes: of.id, correctionReason: 'typo on the line', personId: cast.lead, note: `corrects ${of.id}` });
}

export function escalation(cast: PlantCast, id: string, deviceId: string, raisedAt: string, rng: Prng): Escalation {
  return {
    id,
    plantId: cast.plantId,
    lineId: cast.lineId,
    category: rng.pick(['safety', 'quality', 'machine', 'material'] as const),
    severity: rng.pick(['low', 'medium', 'high'] as const),
    description: `Stopped at ${raisedAt}`,
    photo: '',
    raisedBy: cast.lead,
    raisedAt,
    deviceId,
    receivedAt: '',
  };
}

export function escalationEvent(cast: PlantCast, id: string, escalationId: string, type: 'raised' | 'acknowledged' | 'commented', deviceId: string, at: string): EscalationEvent {
  return {
    id,
    escalationId,
    plantId: cast.plantId,
    type,
    at,
    personId: cast.lead,
    deviceId,
    tier: 0,
    toPersonId: '',
    comment: type === 'commented' ? `note at ${at}` : '',
    whys: [],
    rootCause: '',
    action: '',
    receivedAt: '',
  };
}

export function newAction(cast: PlantCast, id: string, title: string): Record<string, unknown> {
  return { id, plantId: cast.plantId, title, status: 'todo', ownerId: cast.lead, due: SHIFT_DATE, keyResultId: '', escalationId: '' };
}
