/**
 * Demo OKRs for the 2026-Q4 cycle: three enterprise objectives with key
 * results owned by each plant (some checked in by hand, some moved by a KPI),
 * one plant objective per plant cascading from them, one line objective for
 * Monterrey's new robotic cell, and a few improvement actions on the Kanban.
 */
import type { ImprovementAction, KeyResult, KrAggregation, Objective } from '../domain/okr/okr-types.ts';
import { ENTERPRISE_LEADER_ID } from './demo-kpis.ts';
import { demoMeta } from './demo-meta.ts';
import { nthWithRole } from './demo-people.ts';
import { lineId, plantId } from './demo-plants.ts';

export const DEMO_CYCLE = '2026-Q4';
const DUE = '2026-12-31';

function objective(fields: Omit<Objective, 'hlc' | 'fieldClocks' | 'conflicts' | 'cycle' | 'status' | 'lineId'> & { lineId?: string }): Objective {
  return { ...demoMeta(), cycle: DEMO_CYCLE, status: 'active', lineId: '', ...fields };
}

interface KrSpec {
  id: string;
  objectiveId: string;
  plant: string;
  title: string;
  from: number;
  to: number;
  unit: string;
  owner: string;
  stretch?: boolean;
  /** Linked KPI id; omitted for a manual key result. */
  kpiId?: string;
  aggregation?: KrAggregation;
  windowDays?: number;
}

function keyResult(s: KrSpec): KeyResult {
  return {
    ...demoMeta(),
    id: s.id,
    objectiveId: s.objectiveId,
    plantId: plantId(s.plant),
    title: s.title,
    from: s.from,
    to: s.to,
    unit: s.unit,
    dueDate: DUE,
    ownerId: s.owner,
    stretch: s.stretch ?? false,
    source: s.kpiId ? 'kpi' : 'manual',
    kpiId: s.kpiId ?? '',
    aggregation: s.aggregation ?? 'latest',
    windowDays: s.windowDays ?? 0,
  };
}

const head = (plant: string): string => nthWithRole(plant, 'plant_head', 0);

/** The year and its fourth quarter, both active; cycles are `objectives` records of level `cycle` (okr-types.ts). */
function demoCycles(): Objective[] {
  const cycle = (fields: Pick<Objective, 'id' | 'title' | 'parentId' | 'cycleKind' | 'startDate' | 'endDate'>): Objective => ({
    ...demoMeta(),
    level: 'cycle',
    plantId: '',
    lineId: '',
    cycle: fields.id,
    ownerId: ENTERPRISE_LEADER_ID,
    status: 'active',
    cycleState: 'active',
    checkInWeekday: 1,
    candidatePeriods: 2,
    ...fields,
  });
  return [
    cycle({ id: '2026', title: '2026', parentId: '', cycleKind: 'annual', startDate: '2026-01-01', endDate: '2026-12-31' }),
    cycle({ id: DEMO_CYCLE, title: 'Q4 2026', parentId: '2026', cycleKind: 'quarterly', startDate: '2026-10-01', endDate: '2026-12-31' }),
  ];
}

export function demoObjectives(): Objective[] {
  const ent = { level: 'enterprise' as const, plantId: '', parentId: '', ownerId: ENTERPRISE_LEADER_ID };
  return [
    ...demoCycles(),
    objective({ ...ent, id: 'obj-ent-safety', title: 'Everyone goes home safe, every shift' }),
    objective({ ...ent, id: 'obj-ent-delivery', title: 'Be the supplier customers never have to chase' }),
    objective({ ...ent, id: 'obj-ent-automation', title: 'Make automation pay off on the floor' }),
    objective({ id: 'obj-bochum-presses', level: 'plant', plantId: plantId('bochum'), parentId: 'obj-ent-automation', ownerId: head('bochum'), title: 'Get the press shop back to world-class changeovers' }),
    objective({ id: 'obj-peoria-leadtime', level: 'plant', plantId: plantId('peoria'), parentId: 'obj-ent-delivery', ownerId: head('peoria'), title: 'Ship custom skids when we promised' }),
    objective({ id: 'obj-pune-safety', level: 'plant', plantId: plantId('pune'), parentId: 'obj-ent-safety', ownerId: head('pune'), title: 'Zero harm on the process lines across all four crews' }),
    objective({ id: 'obj-monterrey-rc1', level: 'plant', plantId: plantId('monterrey'), parentId: 'obj-ent-automation', ownerId: head('monterrey'), title: 'Ramp the robotic crimp & seal cell to rate' }),
    objective({
      id: 'obj-monterrey-rc1-line', level: 'line', plantId: plantId('monterrey'), lineId: lineId('monterrey', 'RC1'),
      parentId: 'obj-monterrey-rc1', ownerId: nthWithRole('monterrey', 'supervisor', 1), title: 'RC1 runs a full shift without a robot fault stop',
    }),
  ];
}

export function demoKeyResults(): KeyResult[] {
  return [
    // Safety
    keyResult({ id: 'kr-ent-safety-bochum-trir', objectiveId: 'obj-ent-safety', plant: 'bochum', title: 'Bring Bochum TRIR from 2.1 to 1.0', from: 2.1, to: 1, unit: 'per 200k h', owner: head('bochum'), kpiId: 'kpi-bochum-trir', aggregation: 'average', windowDays: 90 }),
    keyResult({ id: 'kr-ent-safety-peoria-obs', objectiveId: 'obj-ent-safety', plant: 'peoria', title: 'Raise Peoria gemba safety observations from 3 to 6 a day', from: 3, to: 6, unit: 'observations', owner: head('peoria'), kpiId: 'kpi-peoria-safety-obs', aggregation: 'average', windowDays: 28 }),
    keyResult({ id: 'kr-ent-safety-pune-lotoaudit', objectiveId: 'obj-ent-safety', plant: 'pune', title: 'Audit lockout-tagout on every process line, all 4 crews', from: 0, to: 8, unit: 'audits', owner: nthWithRole('pune', 'responder', 0) }),
    keyResult({ id: 'kr-ent-safety-monterrey-guarding', objectiveId: 'obj-ent-safety', plant: 'monterrey', title: 'Close the 12 guarding findings from the RC1 risk assessment', from: 0, to: 12, unit: 'findings', owner: nthWithRole('monterrey', 'responder', 2) }),
    // Delivery
    keyResult({ id: 'kr-ent-delivery-bochum-otd', objectiveId: 'obj-ent-delivery', plant: 'bochum', title: 'Bochum on-time delivery from 94 % to 98 %', from: 94, to: 98, unit: '%', owner: head('bochum'), kpiId: 'kpi-bochum-otd', aggregation: 'average', windowDays: 30 }),
    keyResult({ id: 'kr-ent-delivery-peoria-otd', objectiveId: 'obj-ent-delivery', plant: 'peoria', title: 'Peoria on-time delivery from 78 % to 92 %', from: 78, to: 92, unit: '%', owner: head('peoria'), kpiId: 'kpi-peoria-otd', aggregation: 'average', windowDays: 30, stretch: true }),
    keyResult({ id: 'kr-ent-delivery-monterrey-otd', objectiveId: 'obj-ent-delivery', plant: 'monterrey', title: 'Monterrey on-time delivery from 95 % to 98.5 %', from: 95, to: 98.5, unit: '%', owner: head('monterrey'), kpiId: 'kpi-monterrey-otd', aggregation: 'average', windowDays: 30 }),
    // Automation
    keyResult({ id: 'kr-ent-automation-monterrey-rc1-oee', objectiveId: 'obj-ent-automation', plant: 'monterrey', title: 'RC1 OEE from 48 % to 70 %', from: 48, to: 70, unit: '%', owner: head('monterrey'), kpiId: 'kpi-monterrey-rc1-oee', aggregation: 'average', windowDays: 14, stretch: true }),
    keyResult({ id: 'kr-ent-automation-pune-cobots', objectiveId: 'obj-ent-automation', plant: 'pune', title: 'Cobot loading on 2 of 2 machining lines', from: 0, to: 2, unit: 'lines', owner: head('pune') }),
    // Plant and line objectives
    keyResult({ id: 'kr-bochum-pr3-oee', objectiveId: 'obj-bochum-presses', plant: 'bochum', title: 'Tandem line 3 OEE from 68 % to 76 %', from: 68, to: 76, unit: '%', owner: nthWithRole('bochum', 'supervisor', 0), kpiId: 'kpi-bochum-pr3-oee', aggregation: 'average', windowDays: 14 }),
    keyResult({ id: 'kr-bochum-smed', objectiveId: 'obj-bochum-presses', plant: 'bochum', title: 'Die change on PR1 from 42 to 20 minutes', from: 42, to: 20, unit: 'min', owner: nthWithRole('bochum', 'responder', 0) }),
    keyResult({ id: 'kr-peoria-quote-lead', objectiveId: 'obj-peoria-leadtime', plant: 'peoria', title: 'Quote-to-ship lead time from 14 to 10 weeks', from: 14, to: 10, unit: 'weeks', owner: nthWithRole('peoria', 'plant_admin', 0) }),
    keyResult({ id: 'kr-peoria-asm-fpy', objectiveId: 'obj-peoria-leadtime', plant: 'peoria', title: 'Skid test first pass yield from 86 % to 93 %', from: 86, to: 93, unit: '%', owner: nthWithRole('peoria', 'responder', 1), kpiId: 'kpi-peoria-asm1-fpy', aggregation: 'average', windowDays: 28 }),
    keyResult({ id: 'kr-pune-near-miss', objectiveId: 'obj-pune-safety', plant: 'pune', title: 'Near-miss reports on HT1 from 4 to 20 a month', from: 4, to: 20, unit: 'reports', owner: nthWithRole('pune', 'supervisor', 0), kpiId: 'kpi-pune-ht1-near-miss', aggregation: 'sum', windowDays: 30 }),
    keyResult({ id: 'kr-monterrey-rc1-downtime', objectiveId: 'obj-monterrey-rc1', plant: 'monterrey', title: 'RC1 unplanned downtime from 100 to 40 min a shift', from: 100, to: 40, unit: 'min', owner: nthWithRole('monterrey', 'responder', 2), kpiId: 'kpi-monterrey-rc1-downtime', aggregation: 'average', windowDays: 14 }),
    keyResult({ id: 'kr-monterrey-rc1-faults', objectiveId: 'obj-monterrey-rc1-line', plant: 'monterrey', title: 'Robot fault stops per shift from 9 to 2', from: 9, to: 2, unit: 'stops', owner: nthWithRole('monterrey', 'shift_lead', 0) }),
  ];
}

function action(fields: Omit<ImprovementAction, 'hlc' | 'fieldClocks' | 'conflicts' | 'escalationId'>): ImprovementAction {
  return { ...demoMeta(), escalationId: '', ...fields };
}

export function demoImprovementActions(): ImprovementAction[] {
  return [
    action({ id: 'action-bochum-smed-quick-clamps', plantId: plantId('bochum'), title: 'Fit hydraulic quick clamps on PR1 bolster', status: 'doing', ownerId: nthWithRole('bochum', 'responder', 0), due: '2026-12-05', keyResultId: 'kr-bochum-smed' }),
    action({ id: 'action-bochum-smed-die-carts', plantId: plantId('bochum'), title: 'Pre-stage next die on a cart before changeover', status: 'done', ownerId: nthWithRole('bochum', 'shift_lead', 0), due: '2026-11-14', keyResultId: 'kr-bochum-smed' }),
    action({ id: 'action-peoria-kitting', plantId: plantId('peoria'), title: 'Kit skid hardware per job before it reaches assembly', status: 'todo', ownerId: nthWithRole('peoria', 'supervisor', 1), due: '2026-12-12', keyResultId: 'kr-peoria-quote-lead' }),
    action({ id: 'action-pune-loto-boards', plantId: plantId('pune'), title: 'Lockout boards with photos at HT1 and PL1', status: 'doing', ownerId: nthWithRole('pune', 'responder', 0), due: '2026-11-30', keyResultId: 'kr-ent-safety-pune-lotoaudit' }),
    action({ id: 'action-monterrey-rc1-gripper', plantId: plantId('monterrey'), title: 'Replace RC1 gripper fingers with the revised design', status: 'doing', ownerId: nthWithRole('monterrey', 'responder', 2), due: '2026-11-28', keyResultId: 'kr-monterrey-rc1-faults' }),
    action({ id: 'action-monterrey-rc1-training', plantId: plantId('monterrey'), title: 'Train all three turnos on RC1 fault recovery', status: 'todo', ownerId: nthWithRole('monterrey', 'supervisor', 1), due: '2026-12-10', keyResultId: 'kr-monterrey-rc1-downtime' }),
  ];
}
