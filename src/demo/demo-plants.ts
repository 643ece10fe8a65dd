/**
 * The demo enterprise and its four plants, each modelled on a real kind of
 * operation so that shift patterns, time zones and line mixes differ the way
 * they do in a real multi-plant company.
 */
import { DEFAULT_TIER_LADDER } from '../domain/escalation/escalation-timers.ts';
import type { Device } from '../domain/people/people-types.ts';
import type { Enterprise, Line, Plant } from '../domain/plant/plant-types.ts';
import type { ShiftPattern } from '../domain/shift/shift-types.ts';
import type { TierStep } from '../domain/escalation/escalation-types.ts';
import { DEMO_ENROLLED_AT, demoMeta } from './demo-meta.ts';
import { dupontRotation } from './dupont-rotation.ts';

export const DEMO_ENTERPRISE_ID = 'enterprise-northwind';
export const DEMO_ENTERPRISE_NAME = 'Northwind Components';

export interface DemoLineSpec {
  code: string;
  name: string;
  area: string;
  /** Ideal cycle time in seconds per unit: the line's rated speed. */
  idealCycleSeconds: number;
  /** Typical share of planned time lost to unplanned stops (0..1). */
  downtimeShare: number;
  /** Typical performance (speed) factor (0..1). */
  speedFactor: number;
  /** Typical first pass yield (0..1). */
  firstPassYield: number;
}

export interface DemoPlantSpec {
  key: string;
  code: string;
  name: string;
  timeZone: string;
  locale: string;
  /** Unit of money for cost KPIs. */
  currency: string;
  lines: DemoLineSpec[];
}

export const DEMO_PLANT_SPECS: readonly DemoPlantSpec[] = [
  {
    // High-volume automotive stampings and injection moulding, 3x8 around the clock.
    key: 'bochum', code: 'BOC', name: 'Bochum Stamping & Moulding', timeZone: 'Europe/Berlin', locale: 'de-DE', currency: 'EUR',
    lines: [
      { code: 'PR1', name: 'Transfer press 1 (2500 t)', area: 'Press shop', idealCycleSeconds: 4, downtimeShare: 0.12, speedFactor: 0.9, firstPassYield: 0.985 },
      { code: 'PR2', name: 'Progressive press 2 (800 t)', area: 'Press shop', idealCycleSeconds: 2.4, downtimeShare: 0.1, speedFactor: 0.92, firstPassYield: 0.99 },
      { code: 'PR3', name: 'Tandem press line 3', area: 'Press shop', idealCycleSeconds: 6, downtimeShare: 0.16, speedFactor: 0.86, firstPassYield: 0.978 },
      { code: 'IM1', name: 'Injection moulding cell 1', area: 'Moulding', idealCycleSeconds: 38, downtimeShare: 0.08, speedFactor: 0.94, firstPassYield: 0.972 },
      { code: 'IM2', name: 'Injection moulding cell 2', area: 'Moulding', idealCycleSeconds: 52, downtimeShare: 0.09, speedFactor: 0.93, firstPassYield: 0.965 },
    ],
  },
  {
    // Engineer-to-order hydraulic skids and manifolds: few, long, custom jobs on 2x12.
    key: 'peoria', code: 'PEO', name: 'Peoria Custom Hydraulics', timeZone: 'America/Chicago', locale: 'en-US', currency: 'USD',
    lines: [
      { code: 'FAB1', name: 'Weld & fabrication cell', area: 'Fabrication', idealCycleSeconds: 2700, downtimeShare: 0.07, speedFactor: 0.82, firstPassYield: 0.93 },
      { code: 'CNC1', name: '5-axis machining cell', area: 'Machining', idealCycleSeconds: 1500, downtimeShare: 0.1, speedFactor: 0.85, firstPassYield: 0.95 },
      { code: 'ASM1', name: 'Skid assembly & test cell', area: 'Assembly & test', idealCycleSeconds: 5400, downtimeShare: 0.05, speedFactor: 0.8, firstPassYield: 0.9 },
    ],
  },
  {
    // Mixed process and machining plant; the process lines never stop, 4 crews on DuPont.
    key: 'pune', code: 'PNQ', name: 'Pune Driveline Components', timeZone: 'Asia/Kolkata', locale: 'en-IN', currency: 'INR',
    lines: [
      { code: 'HT1', name: 'Continuous heat-treatment furnace', area: 'Process', idealCycleSeconds: 12, downtimeShare: 0.04, speedFactor: 0.95, firstPassYield: 0.992 },
      { code: 'PL1', name: 'Zinc-nickel plating line', area: 'Process', idealCycleSeconds: 9, downtimeShare: 0.07, speedFactor: 0.91, firstPassYield: 0.975 },
      { code: 'MC1', name: 'Crankshaft machining line', area: 'Machining', idealCycleSeconds: 55, downtimeShare: 0.11, speedFactor: 0.88, firstPassYield: 0.982 },
      { code: 'MC2', name: 'Camshaft machining line', area: 'Machining', idealCycleSeconds: 48, downtimeShare: 0.12, speedFactor: 0.87, firstPassYield: 0.98 },
      { code: 'AS1', name: 'Axle sub-assembly line', area: 'Assembly', idealCycleSeconds: 72, downtimeShare: 0.06, speedFactor: 0.9, firstPassYield: 0.988 },
    ],
  },
  {
    // Wire harness assembly with a newly commissioned robotic cell still ramping up.
    key: 'monterrey', code: 'MTY', name: 'Monterrey Assembly', timeZone: 'America/Monterrey', locale: 'es-MX', currency: 'MXN',
    lines: [
      { code: 'HA1', name: 'Harness assembly line 1', area: 'Ensamble', idealCycleSeconds: 95, downtimeShare: 0.06, speedFactor: 0.9, firstPassYield: 0.985 },
      { code: 'HA2', name: 'Harness assembly line 2', area: 'Ensamble', idealCycleSeconds: 110, downtimeShare: 0.07, speedFactor: 0.89, firstPassYield: 0.982 },
      { code: 'HA3', name: 'Harness assembly line 3', area: 'Ensamble', idealCycleSeconds: 120, downtimeShare: 0.08, speedFactor: 0.88, firstPassYield: 0.98 },
      // The new automated cell: worse availability and yield while it ramps, on purpose.
      { code: 'RC1', name: 'Robotic crimp & seal cell (new automation)', area: 'Automatización', idealCycleSeconds: 18, downtimeShare: 0.22, speedFactor: 0.78, firstPassYield: 0.94 },
    ],
  },
];

export const DEMO_PLANT_IDS: readonly string[] = DEMO_PLANT_SPECS.map((p) => plantId(p.key));

export function plantId(key: string): string {
  return `plant-${key}`;
}
export function lineId(plantKey: string, lineCode: string): string {
  return `line-${plantKey}-${lineCode.toLowerCase()}`;
}
export function shiftPatternId(plantKey: string): string {
  return `shifts-${plantKey}`;
}

/**
 * The design's default ladder, from the domain (line lead at once, area after 30 min, plant head
 * after 1 h, plant manager after 4 h): a copy per plant, so one plant's edit never touches another's.
 */
export function defaultTierLadder(): TierStep[] {
  return DEFAULT_TIER_LADDER.map((step) => ({ ...step }));
}

export function demoEnterprise(): Enterprise {
  return { ...demoMeta(), id: DEMO_ENTERPRISE_ID, name: DEMO_ENTERPRISE_NAME };
}

export function demoPlants(): Plant[] {
  return DEMO_PLANT_SPECS.map((p) => ({
    ...demoMeta(),
    id: plantId(p.key),
    enterpriseId: DEMO_ENTERPRISE_ID,
    code: p.code,
    name: p.name,
    timeZone: p.timeZone,
    locale: p.locale,
    shiftPatternId: shiftPatternId(p.key),
    tierLadder: defaultTierLadder(),
    // Shared gloved tablets: 5 minutes is long enough for a reading round, short enough that the next person is not signed in as the last.
    idleSignOutMinutes: 5,
  }));
}

export function demoLines(): Line[] {
  return DEMO_PLANT_SPECS.flatMap((p) =>
    p.lines.map((l) => ({
      ...demoMeta(),
      id: lineId(p.key, l.code),
      plantId: plantId(p.key),
      area: l.area,
      code: l.code,
      name: l.name,
      active: true,
    })),
  );
}

export function demoShiftPatterns(): ShiftPattern[] {
  return [
    {
      ...demoMeta(), id: shiftPatternId('bochum'), plantId: plantId('bochum'), name: '3x8 Früh/Spät/Nacht', kind: '3x8',
      shifts: [
        { code: 'F', name: 'Frühschicht', start: '06:00', durationMinutes: 480 },
        { code: 'S', name: 'Spätschicht', start: '14:00', durationMinutes: 480 },
        { code: 'N', name: 'Nachtschicht', start: '22:00', durationMinutes: 480 },
      ],
      crews: [], rotationAnchor: null, rotation: [],
    },
    {
      ...demoMeta(), id: shiftPatternId('peoria'), plantId: plantId('peoria'), name: '2x12 days/nights', kind: '2x12',
      shifts: [
        { code: 'D', name: 'Day', start: '06:00', durationMinutes: 720 },
        { code: 'N', name: 'Night', start: '18:00', durationMinutes: 720 },
      ],
      crews: [], rotationAnchor: null, rotation: [],
    },
    {
      ...demoMeta(), id: shiftPatternId('pune'), plantId: plantId('pune'), name: 'DuPont 4-crew 12-hour', kind: 'rotating',
      shifts: [
        { code: 'D', name: 'Day', start: '07:00', durationMinutes: 720 },
        { code: 'N', name: 'Night', start: '19:00', durationMinutes: 720 },
      ],
      crews: ['A', 'B', 'C', 'D'],
      rotationAnchor: '2026-01-05',
      rotation: dupontRotation(['A', 'B', 'C', 'D']),
    },
    {
      ...demoMeta(), id: shiftPatternId('monterrey'), plantId: plantId('monterrey'), name: '3x8 primer/segundo/tercer turno', kind: '3x8',
      shifts: [
        { code: '1', name: 'Primer turno', start: '07:00', durationMinutes: 480 },
        { code: '2', name: 'Segundo turno', start: '15:00', durationMinutes: 480 },
        { code: '3', name: 'Tercer turno', start: '23:00', durationMinutes: 480 },
      ],
      crews: [], rotationAnchor: null, rotation: [],
    },
  ];
}

/** One tablet per line and one wall screen per plant, so demo readings have a device to name. */
export function demoDevices(): Device[] {
  return DEMO_PLANT_SPECS.flatMap((p) => [
    ...p.lines.map((l) => ({
      ...demoMeta(),
      id: tabletId(p.key, l.code),
      plantId: plantId(p.key),
      kind: 'tablet' as const,
      lineId: lineId(p.key, l.code),
      name: `${l.code} line tablet`,
      enrolledAt: DEMO_ENROLLED_AT,
      revokedAt: null,
    })),
    {
      ...demoMeta(),
      id: `device-${p.key}-wall`,
      plantId: plantId(p.key),
      kind: 'wall_screen' as const,
      lineId: '',
      name: `${p.code} plant board`,
      enrolledAt: DEMO_ENROLLED_AT,
      revokedAt: null,
    },
  ]);
}

export function tabletId(plantKey: string, lineCode: string): string {
  return `device-${plantKey}-${lineCode.toLowerCase()}-tablet`;
}
