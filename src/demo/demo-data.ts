/**
 * The demo dataset: one invented enterprise, Northwind Components, with four
 * plants modelled on real kinds of operation:
 *
 * - Bochum (Europe/Berlin, de-DE): high-volume stampings and injection moulding, 3x8.
 * - Peoria (America/Chicago, en-US): engineer-to-order hydraulic skids, 2x12.
 * - Pune (Asia/Kolkata, en-IN): process and machining lines, 4 crews on the DuPont rotation.
 * - Monterrey (America/Monterrey, es-MX): harness assembly, 3x8, with a new robotic cell (RC1).
 *
 * Pure and deterministic: no clock, no Math.random; every call returns fresh
 * objects with the same content. Every demo person's PIN is 1234 (DEMO_PIN),
 * stored only as a salted hash (demo-pins.ts, made by scripts/make-demo-pins.ts).
 * Readings for the board come from demoReadings(nowIso, days).
 */
import type { CollectionName, CollectionRecords } from '../domain/records/collections.ts';
import { demoKpiDefinitions } from './demo-kpis.ts';
import { demoImprovementActions, demoKeyResults, demoObjectives } from './demo-okrs.ts';
import { demoPeople } from './demo-people.ts';
import { demoDevices, demoEnterprise, demoLines, demoPlants, demoShiftPatterns } from './demo-plants.ts';

export type DemoDataset = { [K in CollectionName]: CollectionRecords[K][] };

export { DEMO_ENTERPRISE_ID, DEMO_PLANT_IDS } from './demo-plants.ts';
export { DEMO_PIN } from './demo-people.ts';
export { DEMO_HLC } from './demo-meta.ts';
export { demoReadings } from './demo-readings.ts';

export function demoDataset(): DemoDataset {
  return {
    enterprises: [demoEnterprise()],
    plants: demoPlants(),
    lines: demoLines(),
    shift_patterns: demoShiftPatterns(),
    people: demoPeople(),
    devices: demoDevices(),
    kpi_definitions: demoKpiDefinitions(),
    kpi_readings: [],
    handovers: [],
    escalations: [],
    escalation_events: [],
    objectives: demoObjectives(),
    key_results: demoKeyResults(),
    kr_checkins: [],
    improvement_actions: demoImprovementActions(),
  };
}
