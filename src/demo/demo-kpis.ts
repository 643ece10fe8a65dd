/**
 * Demo KPI definitions: per plant 10 plant-level KPIs, 3 or 4 per area
 * (8 or 9 per plant) and 12 per line (6 on the board: OEE, first pass
 * yield, scrap, near-misses, on-time delivery, absenteeism; 6 raw inputs
 * the OEE formula of kpi-formulas.ts reads), SQDCP throughout, plus three
 * enterprise KPIs. Targets come from each line's rated speed and typical
 * losses (demo-plants.ts), so the generated readings land around them and
 * the board shows a believable mix of green, amber and red.
 *
 * Codes are unique within a plant (`PR1-OEE`, `PRESS-5S`, `TRIR`), and a
 * formula's inputs name codes of the same plant and the same line or area.
 */
import type { KpiDefinition } from '../domain/kpi/kpi-types.ts';
import { demoMeta } from './demo-meta.ts';
import { nthWithRole, idsWithRole } from './demo-people.ts';
import { DEMO_PLANT_SPECS, lineId, plantId, type DemoLineSpec, type DemoPlantSpec } from './demo-plants.ts';
import { idealCycleMinutes, plannedBusyMinutes, plannedDowntimeFor, round } from './kpi-templates.ts';

type KpiFields = Omit<KpiDefinition, 'id' | 'plantId' | 'level' | 'lineId' | 'area' | 'hlc' | 'fieldClocks' | 'conflicts' | 'active' | 'formula' | 'formulaInputs' | 'aggregation'> &
  Partial<Pick<KpiDefinition, 'formula' | 'formulaInputs'>>;

function slugCode(code: string): string {
  return code.toLowerCase().replace(/_/g, '-');
}

/** `Press shop` -> `PRESS`, `Automatización` -> `AUTOMATIZACION`: the area's prefix in KPI codes. */
export function areaCode(area: string): string {
  return (area.split(/[\s&]+/)[0] ?? area).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase();
}

/** Minutes the plant's shifts last: 8 h for 3x8 plants, 12 h for the others. */
export function shiftMinutesOf(plant: DemoPlantSpec): number {
  return plant.key === 'bochum' || plant.key === 'monterrey' ? 480 : 720;
}

/**
 * Amber at 92 % and red at 85 % of a count target, but at least one unit
 * apart: an engineer-to-order cell makes 5 skids a shift, where 92 % of 5
 * rounds back onto the target itself.
 */
function countThresholds(target: number): { amberThreshold: number; redThreshold: number } {
  const amberThreshold = Math.min(Math.floor(target * 0.92), target - 1);
  return { amberThreshold, redThreshold: Math.min(Math.floor(target * 0.85), amberThreshold - 1) };
}

/** Units that count something over a shift: a day's value is their sum. */
const COUNTED_UNITS: ReadonlySet<string> = new Set(['units', 'min', 'h', 'incidents', 'orders', 'observations', 'reports']);

/**
 * How the demo KPI adds up over a day (kpi-aggregation.ts), said on every definition as an admin
 * would: counts sum, a daily parameter is its latest value, a computed rate is its inputs' ratio,
 * other levels (a share, ppm, a cost per unit) the mean of their shifts.
 */
function demoAggregation(fields: KpiFields): NonNullable<KpiDefinition['aggregation']> {
  if (fields.formula) return 'ratio';
  if (fields.frequency === 'daily') return 'latest';
  return COUNTED_UNITS.has(fields.unit) ? 'sum' : 'mean';
}

function def(
  base: Pick<KpiDefinition, 'id' | 'plantId' | 'level' | 'lineId' | 'area'>,
  fields: KpiFields,
): KpiDefinition {
  return { ...demoMeta(), ...base, formula: null, formulaInputs: {}, active: true, aggregation: demoAggregation(fields), ...fields };
}

/** Rated output of one shift at the ideal cycle time, before any loss. */
function ratedUnits(plant: DemoPlantSpec, line: DemoLineSpec): number {
  return (plannedBusyMinutes(shiftMinutesOf(plant)) * 60) / line.idealCycleSeconds;
}

export function lineKpis(plant: DemoPlantSpec, line: DemoLineSpec, areaIndex: number): KpiDefinition[] {
  const c = line.code;
  const base = (code: string) => ({
    id: `kpi-${plant.key}-${c.toLowerCase()}-${slugCode(code)}`,
    plantId: plantId(plant.key), level: 'line' as const, lineId: lineId(plant.key, c), area: '',
  });
  const supervisor = nthWithRole(plant.key, 'supervisor', areaIndex);
  const lead = nthWithRole(plant.key, 'shift_lead', areaIndex);
  const maintenance = nthWithRole(plant.key, 'responder', 0);
  const quality = nthWithRole(plant.key, 'responder', 1);
  const shiftMinutes = shiftMinutesOf(plant);
  const breakMinutes = plannedDowntimeFor(shiftMinutes);
  const busy = plannedBusyMinutes(shiftMinutes);
  const cycle = idealCycleMinutes(line.idealCycleSeconds);
  const a = 1 - line.downtimeShare;
  // Targets sit at or just above the line's typical performance: a target the line always meets drives
  // nothing, one it never meets is ignored. The board then shows a believable mix of colours.
  const oeeTarget = Math.round(a * line.speedFactor * line.firstPassYield * 100 + 1);
  const fpyTarget = Math.min(99.8, round(line.firstPassYield * 100 + 0.2, 1));
  const downTarget = Math.round(busy * line.downtimeShare);
  const rated = ratedUnits(plant, line);
  const unitsTarget = Math.max(3, Math.round(rated * a * line.speedFactor));
  const goodTarget = Math.max(2, Math.round(unitsTarget * (fpyTarget / 100)));
  // Half of what fails first time is scrapped, the rest reworked (a common split for stampings and harnesses).
  const scrapTarget = Math.max(0.3, round((100 - fpyTarget) / 2, 1));
  const maxUnits = Math.ceil(rated * 1.1);
  const pct = { unit: '%', plausibleMin: 0, plausibleMax: 100, decimals: 1 } as const;
  const minutes = { unit: 'min', plausibleMin: 0, plausibleMax: shiftMinutes, decimals: 0 } as const;
  const perShift = 'per_shift' as const;
  return [
    def(base('OEE'), {
      code: `${c}-OEE`, name: 'OEE', category: 'delivery', ...pct, direction: 'higher_is_better',
      target: oeeTarget, amberThreshold: oeeTarget - 6, redThreshold: oeeTarget - 12, indicator: 'lagging',
      ownerId: supervisor, frequency: perShift, formula: 'oee',
      formulaInputs: {
        plannedOperationTime: `${c}-SHIFT_TIME`, plannedDowntime: `${c}-BREAKS`, unplannedDowntime: `${c}-DOWNTIME`,
        idealCycleTime: `${c}-CYCLE`, producedQuantity: `${c}-PRODUCED`, goodQuantity: `${c}-GOOD`,
      },
    }),
    def(base('SHIFT_TIME'), {
      code: `${c}-SHIFT_TIME`, name: 'Planned operation time', category: 'delivery', ...minutes, direction: 'higher_is_better',
      target: shiftMinutes, amberThreshold: shiftMinutes - 30, redThreshold: shiftMinutes - 60, indicator: 'leading',
      ownerId: supervisor, frequency: perShift,
    }),
    def(base('BREAKS'), {
      code: `${c}-BREAKS`, name: 'Planned downtime (breaks, planned maintenance)', category: 'delivery', ...minutes,
      direction: 'lower_is_better', target: breakMinutes, amberThreshold: breakMinutes + 30, redThreshold: breakMinutes + 60,
      indicator: 'leading', ownerId: supervisor, frequency: perShift,
    }),
    def(base('DOWNTIME'), {
      code: `${c}-DOWNTIME`, name: 'Unplanned downtime', category: 'delivery', ...minutes, direction: 'lower_is_better',
      target: downTarget, amberThreshold: Math.round(downTarget * 1.5), redThreshold: Math.round(downTarget * 2.2),
      indicator: 'leading', ownerId: maintenance, frequency: perShift,
    }),
    def(base('CYCLE'), {
      // Master data more than a reading; re-entered daily so a changed standard is dated on the board.
      code: `${c}-CYCLE`, name: 'Ideal cycle time', category: 'delivery', unit: 'min/unit', direction: 'lower_is_better',
      target: cycle, amberThreshold: round(cycle * 1.05, 4), redThreshold: round(cycle * 1.15, 4), indicator: 'leading',
      ownerId: supervisor, frequency: 'daily', plausibleMin: 0, plausibleMax: round(cycle * 10, 4), decimals: 4,
    }),
    def(base('PRODUCED'), {
      code: `${c}-PRODUCED`, name: 'Units produced', category: 'delivery', unit: 'units', direction: 'higher_is_better',
      target: unitsTarget, ...countThresholds(unitsTarget),
      indicator: 'lagging', ownerId: lead, frequency: perShift, plausibleMin: 0, plausibleMax: maxUnits, decimals: 0,
    }),
    def(base('GOOD'), {
      code: `${c}-GOOD`, name: 'Good units first time', category: 'quality', unit: 'units', direction: 'higher_is_better',
      target: goodTarget, ...countThresholds(goodTarget),
      indicator: 'lagging', ownerId: lead, frequency: perShift, plausibleMin: 0, plausibleMax: maxUnits, decimals: 0,
    }),
    def(base('FPY'), {
      code: `${c}-FPY`, name: 'First pass yield', category: 'quality', ...pct, direction: 'higher_is_better',
      target: fpyTarget, amberThreshold: round(fpyTarget - 1.5, 1), redThreshold: round(fpyTarget - 4, 1),
      indicator: 'lagging', ownerId: quality, frequency: perShift, formula: 'first_pass_yield',
      formulaInputs: { goodFirstTime: `${c}-GOOD`, unitsEntering: `${c}-PRODUCED` },
    }),
    def(base('SCRAP'), {
      // Read off the scrap-bin scale as a share of output: no separate scrap count to key in.
      code: `${c}-SCRAP`, name: 'Scrap rate', category: 'cost', ...pct, decimals: 2, direction: 'lower_is_better',
      target: scrapTarget, amberThreshold: round(scrapTarget * 1.8, 2), redThreshold: round(scrapTarget * 3, 2),
      indicator: 'lagging', ownerId: quality, frequency: perShift,
    }),
    def(base('NEAR_MISS'), {
      // More reports is better: near-misses reported are hazards found before they hurt someone.
      code: `${c}-NEAR_MISS`, name: 'Near-misses reported', category: 'safety', unit: 'reports', direction: 'higher_is_better',
      target: 1, amberThreshold: 1, redThreshold: 0, indicator: 'leading', ownerId: lead, frequency: 'daily',
      plausibleMin: 0, plausibleMax: 30, decimals: 0,
    }),
    def(base('OTD'), {
      code: `${c}-OTD`, name: 'On-time delivery to schedule', category: 'delivery', ...pct, direction: 'higher_is_better',
      // Engineer-to-order jobs are one-offs and slip more than series parts; Peoria's bar is set accordingly.
      ...(plant.key === 'peoria' ? { target: 90, amberThreshold: 82, redThreshold: 70 } : { target: 97, amberThreshold: 93, redThreshold: 85 }),
      indicator: 'lagging', ownerId: supervisor, frequency: perShift,
    }),
    def(base('ABSENT'), {
      code: `${c}-ABSENT`, name: 'Absenteeism', category: 'people', ...pct, direction: 'lower_is_better',
      target: 3, amberThreshold: 5, redThreshold: 8, indicator: 'lagging', ownerId: supervisor, frequency: perShift,
    }),
  ];
}

export function areaKpis(plant: DemoPlantSpec, area: string, areaIndex: number, perArea: number): KpiDefinition[] {
  const ac = areaCode(area);
  const base = (code: string) => ({
    id: `kpi-${plant.key}-${ac.toLowerCase()}-${slugCode(code)}`,
    plantId: plantId(plant.key), level: 'area' as const, lineId: '', area,
  });
  const supervisor = nthWithRole(plant.key, 'supervisor', areaIndex);
  const maintenance = nthWithRole(plant.key, 'responder', 0);
  const all = [
    def(base('5S'), {
      code: `${ac}-5S`, name: '5S audit score', category: 'safety', unit: '%', direction: 'higher_is_better',
      target: 85, amberThreshold: 75, redThreshold: 60, indicator: 'leading', ownerId: supervisor, frequency: 'daily',
      plausibleMin: 0, plausibleMax: 100, decimals: 0,
    }),
    def(base('PM'), {
      code: `${ac}-PM`, name: 'Planned maintenance on time', category: 'delivery', unit: '%', direction: 'higher_is_better',
      target: 95, amberThreshold: 90, redThreshold: 80, indicator: 'leading', ownerId: maintenance, frequency: 'daily',
      plausibleMin: 0, plausibleMax: 100, decimals: 0,
    }),
    def(base('CROSS_TRAINED'), {
      code: `${ac}-CROSS_TRAINED`, name: 'Cross-training coverage', category: 'people', unit: '%', direction: 'higher_is_better',
      target: 80, amberThreshold: 70, redThreshold: 55, indicator: 'leading', ownerId: supervisor, frequency: 'daily',
      plausibleMin: 0, plausibleMax: 100, decimals: 0,
    }),
    def(base('MTTR'), {
      code: `${ac}-MTTR`, name: 'Mean time to repair', category: 'cost', unit: 'min', direction: 'lower_is_better',
      target: 30, amberThreshold: 45, redThreshold: 60, indicator: 'lagging', ownerId: maintenance, frequency: 'daily',
      plausibleMin: 0, plausibleMax: 1440, decimals: 0,
    }),
  ];
  return all.slice(0, perArea);
}

/** Conversion cost per unit by plant, in its own currency: what a unit of these products costs to make there. */
const COST_PER_UNIT: Record<string, number> = { bochum: 1.85, peoria: 3400, pune: 145, monterrey: 62 };

export function plantKpis(plant: DemoPlantSpec): KpiDefinition[] {
  const base = (code: string) => ({
    id: `kpi-${plant.key}-${slugCode(code)}`, plantId: plantId(plant.key), level: 'plant' as const, lineId: '', area: '',
  });
  const head = nthWithRole(plant.key, 'plant_head', 0);
  const admin = nthWithRole(plant.key, 'plant_admin', 0);
  const people = idsWithRole(plant.key, 'operator').length + idsWithRole(plant.key, 'shift_lead').length;
  // The roster is a sample; a plant of this kind runs about 25 people per rostered operator or lead, 8 h each a day.
  const hoursPerDay = people * 25 * 8;
  const cost = COST_PER_UNIT[plant.key] ?? 1;
  const daily = 'daily' as const;
  return [
    def(base('TRIR'), {
      code: 'TRIR', name: 'Total recordable incident rate', category: 'safety', unit: 'per 200k h', direction: 'lower_is_better',
      target: 1, amberThreshold: 1.5, redThreshold: 2.5, indicator: 'lagging', ownerId: head, frequency: daily,
      plausibleMin: 0, plausibleMax: 200, decimals: 2, formula: 'recordable_incident_rate',
      formulaInputs: { recordableCases: 'RECORDABLES', hoursWorked: 'HOURS_WORKED' },
    }),
    def(base('RECORDABLES'), {
      code: 'RECORDABLES', name: 'Recordable incidents', category: 'safety', unit: 'incidents', direction: 'lower_is_better',
      target: 0, amberThreshold: 0, redThreshold: 1, indicator: 'lagging', ownerId: head, frequency: daily,
      plausibleMin: 0, plausibleMax: 20, decimals: 0,
    }),
    def(base('SAFETY_OBS'), {
      code: 'SAFETY_OBS', name: 'Gemba safety observations', category: 'safety', unit: 'observations', direction: 'higher_is_better',
      target: 6, amberThreshold: 4, redThreshold: 2, indicator: 'leading', ownerId: head, frequency: daily,
      plausibleMin: 0, plausibleMax: 100, decimals: 0,
    }),
    def(base('CUSTOMER_PPM'), {
      code: 'CUSTOMER_PPM', name: 'Customer reject PPM', category: 'quality', unit: 'ppm', direction: 'lower_is_better',
      target: 25, amberThreshold: 50, redThreshold: 100, indicator: 'lagging', ownerId: nthWithRole(plant.key, 'responder', 1),
      frequency: daily, plausibleMin: 0, plausibleMax: 1_000_000, decimals: 0,
    }),
    def(base('OTD'), {
      code: 'OTD', name: 'On-time delivery to customer', category: 'delivery', unit: '%', direction: 'higher_is_better',
      target: 98, amberThreshold: 95, redThreshold: 90, indicator: 'lagging', ownerId: head, frequency: daily,
      plausibleMin: 0, plausibleMax: 100, decimals: 1, formula: 'on_time_delivery',
      formulaInputs: { onTimeOrders: 'ORDERS_ON_TIME', ordersShipped: 'ORDERS_SHIPPED' },
    }),
    def(base('ORDERS_SHIPPED'), {
      code: 'ORDERS_SHIPPED', name: 'Customer orders shipped', category: 'delivery', unit: 'orders', direction: 'higher_is_better',
      target: plant.key === 'peoria' ? 3 : 40, amberThreshold: plant.key === 'peoria' ? 2 : 30, redThreshold: plant.key === 'peoria' ? 1 : 20,
      indicator: 'leading', ownerId: admin, frequency: daily, plausibleMin: 0, plausibleMax: 1000, decimals: 0,
    }),
    def(base('ORDERS_ON_TIME'), {
      code: 'ORDERS_ON_TIME', name: 'Orders shipped on time', category: 'delivery', unit: 'orders', direction: 'higher_is_better',
      target: plant.key === 'peoria' ? 3 : 39, amberThreshold: plant.key === 'peoria' ? 2 : 37, redThreshold: plant.key === 'peoria' ? 1 : 35,
      indicator: 'lagging', ownerId: admin, frequency: daily, plausibleMin: 0, plausibleMax: 1000, decimals: 0,
    }),
    def(base('HOURS_WORKED'), {
      code: 'HOURS_WORKED', name: 'Hours worked', category: 'people', unit: 'h', direction: 'higher_is_better',
      target: hoursPerDay, amberThreshold: Math.round(hoursPerDay * 0.9), redThreshold: Math.round(hoursPerDay * 0.8),
      indicator: 'lagging', ownerId: admin, frequency: daily, plausibleMin: 0, plausibleMax: hoursPerDay * 3, decimals: 0,
    }),
    def(base('COST_PER_UNIT'), {
      code: 'COST_PER_UNIT', name: 'Conversion cost per unit', category: 'cost', unit: `${plant.currency}/unit`,
      direction: 'lower_is_better', target: cost, amberThreshold: round(cost * 1.05, 2), redThreshold: round(cost * 1.12, 2),
      indicator: 'lagging', ownerId: head, frequency: daily, plausibleMin: 0, plausibleMax: cost * 10, decimals: 2,
    }),
    def(base('ABSENT'), {
      code: 'ABSENT', name: 'Absenteeism', category: 'people', unit: '%', direction: 'lower_is_better',
      target: 3, amberThreshold: 4.5, redThreshold: 7, indicator: 'lagging', ownerId: admin, frequency: daily,
      plausibleMin: 0, plausibleMax: 100, decimals: 1,
    }),
  ];
}

export const ENTERPRISE_LEADER_ID = nthWithRole('bochum', 'enterprise_leader', 0);

/** Enterprise-wide definitions (plantId ''): the headline numbers leaders compare across plants. */
export function enterpriseKpis(): KpiDefinition[] {
  const base = (code: string) => ({
    id: `kpi-enterprise-${slugCode(code)}`, plantId: '', level: 'plant' as const, lineId: '', area: '',
  });
  const common = { indicator: 'lagging' as const, ownerId: ENTERPRISE_LEADER_ID, frequency: 'daily' as const };
  return [
    def(base('TRIR'), {
      ...common, code: 'ENT-TRIR', name: 'Enterprise recordable incident rate', category: 'safety', unit: 'per 200k h',
      direction: 'lower_is_better', target: 0.8, amberThreshold: 1.2, redThreshold: 2, plausibleMin: 0, plausibleMax: 200, decimals: 2,
    }),
    def(base('OTD'), {
      ...common, code: 'ENT-OTD', name: 'Enterprise on-time delivery', category: 'delivery', unit: '%',
      direction: 'higher_is_better', target: 97, amberThreshold: 94, redThreshold: 90, plausibleMin: 0, plausibleMax: 100, decimals: 1,
    }),
    def(base('OEE'), {
      ...common, code: 'ENT-OEE', name: 'Enterprise OEE', category: 'delivery', unit: '%',
      direction: 'higher_is_better', target: 75, amberThreshold: 70, redThreshold: 62, plausibleMin: 0, plausibleMax: 100, decimals: 1,
    }),
  ];
}

export function demoKpiDefinitions(): KpiDefinition[] {
  const out: KpiDefinition[] = [...enterpriseKpis()];
  for (const plant of DEMO_PLANT_SPECS) {
    const areas = [...new Set(plant.lines.map((l) => l.area))];
    // 3 KPIs per area where a plant has 3 areas, 4 where it has 2: 8 or 9 area KPIs per plant either way.
    const perArea = areas.length >= 3 ? 3 : 4;
    out.push(...plantKpis(plant));
    areas.forEach((area, i) => out.push(...areaKpis(plant, area, i, perArea)));
    for (const line of plant.lines) out.push(...lineKpis(plant, line, areas.indexOf(line.area)));
  }
  return out;
}
