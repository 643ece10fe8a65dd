/**
 * Plausible per-shift readings for every line KPI over the last few days,
 * for the wall-screen board and for trying the app without a plant.
 *
 * Deterministic: each shift instance draws from its own seed
 * (line, production date, shift), so the same shift gets the same numbers
 * whatever `nowIso` and `days` are, and only shifts that have ended by
 * `nowIso` get readings. Computed KPIs (OEE, first pass yield) get none: the
 * tablet, the board and the history derive them from the same shift's inputs
 * with the domain's shared code, as they do for readings tapped on the floor.
 */
import { TZDateMini } from '@date-fns/tz';
import type { KpiDefinition, KpiReading } from '../domain/kpi/kpi-types.ts';
import type { ShiftPattern } from '../domain/shift/shift-types.ts';
import { demoKpiDefinitions } from './demo-kpis.ts';
import { idsWithRole } from './demo-people.ts';
import { DEMO_PLANT_SPECS, demoShiftPatterns, lineId, plantId, tabletId, type DemoLineSpec } from './demo-plants.ts';
import { createPrng, type Prng } from '../domain/records/prng.ts';
import { idealCycleMinutes, plannedDowntimeFor, round } from './kpi-templates.ts';

const DAY_MS = 86_400_000;

/** Why a line lost a big chunk of a shift: the notes operators actually write. */
const BREAKDOWN_NOTES = [
  'Hydraulic leak, waited for maintenance',
  'Material shortage from warehouse',
  'Tool change took longer than standard',
  'Sensor fault, line stopped for reset',
  'Quality hold: first-off part out of tolerance',
];

/** People on one line for one shift; one absence moves absenteeism by 1/25 = 4 %. */
const CREW_SIZE = 25;

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

function addDays(date: string, delta: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + delta * DAY_MS).toISOString().slice(0, 10);
}

function localDate(ms: number, timeZone: string): string {
  const t = new TZDateMini(ms, timeZone);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${t.getFullYear()}-${p(t.getMonth() + 1)}-${p(t.getDate())}`;
}

function localToUtcMs(date: string, hhmm: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = hhmm.split(':').map(Number) as [number, number];
  return new TZDateMini(y, m - 1, d, hh, mm, 0, timeZone).getTime();
}

/** The crew on shift `shiftIndex` on `date`, or null; fixed patterns have no crews. */
function crewOn(pattern: ShiftPattern, date: string, shiftIndex: number): string | null | undefined {
  if (pattern.kind !== 'rotating' || !pattern.rotationAnchor) return null;
  const cycle = pattern.rotation.length;
  const offset = Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${pattern.rotationAnchor}T00:00:00Z`)) / DAY_MS);
  return pattern.rotation[((offset % cycle) + cycle) % cycle]?.[shiftIndex];
}

/** One shift's numbers for one line, from that shift's own seed, keyed by measure (`OEE` of `PR1-OEE`). */
function simulateShift(line: DemoLineSpec, rng: Prng, shiftMinutes: number, isPeoria: boolean) {
  const breakdown = rng.chance(0.08);
  // One shift in ten loses another half hour to planned maintenance.
  const breaks = plannedDowntimeFor(shiftMinutes) + (rng.chance(0.1) ? 30 : 0);
  const busy = shiftMinutes - breaks;
  // Never a perfect shift: a few minutes of minor stops always happen.
  const downShare = clamp(rng.around(line.downtimeShare, line.downtimeShare * 0.3) + (breakdown ? rng.between(0.1, 0.35) : 0), 0.01, 0.95);
  const downtime = Math.round(busy * downShare);
  const performance = clamp(rng.around(line.speedFactor, 0.03), 0.3, 0.99);
  const produced = Math.floor((((busy - downtime) * 60) / line.idealCycleSeconds) * performance);
  const fpy = clamp(rng.around(line.firstPassYield, (1 - line.firstPassYield) * 0.4), 0.5, 1);
  const good = Math.min(produced, Math.round(produced * fpy));
  // Of what fails first time, roughly half ends in the scrap bin; the rest is reworked.
  const scrapPct = produced > 0 ? ((produced - good) / produced) * clamp(rng.around(0.5, 0.08), 0.2, 0.8) * 100 : 0;
  const absences = rng.chance(0.5) ? 0 : rng.chance(0.7) ? 1 : 2;
  const values: Record<string, number> = {
    SHIFT_TIME: shiftMinutes,
    BREAKS: breaks,
    DOWNTIME: downtime,
    CYCLE: idealCycleMinutes(line.idealCycleSeconds),
    PRODUCED: produced,
    GOOD: good,
    SCRAP: scrapPct,
    // Engineer-to-order jobs slip more often than series parts.
    OTD: clamp(rng.around(isPeoria ? 88 : 96, isPeoria ? 6 : 2.5), 50, 100),
    ABSENT: (absences / CREW_SIZE) * 100,
    NEAR_MISS: rng.int(0, 3),
  };
  return { note: breakdown ? rng.pick(BREAKDOWN_NOTES) : '', values };
}

/** Values of a line's typed KPIs for one shift, rounded as entered (computed KPIs are derived on every screen). */
function lineValues(kpis: readonly KpiDefinition[], lineCode: string, simulated: Record<string, number>): Map<string, number> {
  const byCode = new Map<string, number>();
  for (const k of kpis) {
    const raw = simulated[measureOf(k, lineCode)];
    if (k.formula === null && raw !== undefined) byCode.set(k.code, clamp(round(raw, k.decimals), k.plausibleMin, k.plausibleMax));
  }
  return byCode;
}

/** The part of a line KPI code after the line prefix: `PR1-OEE` -> `OEE`. */
function measureOf(kpi: KpiDefinition, lineCode: string): string {
  return kpi.code.slice(lineCode.length + 1);
}

export function demoReadings(nowIso: string, days: number): KpiReading[] {
  const nowMs = Date.parse(nowIso);
  if (Number.isNaN(nowMs)) throw new Error(`demoReadings: not an ISO time: ${nowIso}`);
  const patterns = demoShiftPatterns();
  const kpis = demoKpiDefinitions().filter((k) => k.level === 'line');
  const readings: KpiReading[] = [];
  for (const plant of DEMO_PLANT_SPECS) {
    const pattern = patterns.find((p) => p.plantId === plantId(plant.key));
    if (!pattern) continue;
    const leads = idsWithRole(plant.key, 'shift_lead');
    const today = localDate(nowMs, plant.timeZone);
    for (let back = days - 1; back >= 0; back--) {
      const date = addDays(today, -back);
      let dailyDone = false;
      pattern.shifts.forEach((shift, shiftIndex) => {
        const crew = crewOn(pattern, date, shiftIndex);
        if (crew === undefined || (pattern.kind === 'rotating' && crew === null)) return;
        const startMs = localToUtcMs(date, shift.start, plant.timeZone);
        const endMs = startMs + shift.durationMinutes * 60_000;
        if (endMs > nowMs) return;
        const crewIndex = crew ? pattern.crews.indexOf(crew) : shiftIndex;
        const personId = leads[crewIndex % leads.length] ?? '';
        const withDaily = !dailyDone;
        dailyDone = true;
        for (const line of plant.lines) {
          const lid = lineId(plant.key, line.code);
          const rng = createPrng(`${lid}|${date}|${shift.code}`);
          const sim = simulateShift(line, rng, shift.durationMinutes, plant.key === 'peoria');
          // Leads enter the round in the last quarter hour of the shift.
          const recordedAt = new Date(endMs - rng.int(3, 15) * 60_000).toISOString();
          const clockOffsetMs = rng.int(-1500, 1500);
          const lineKpis = kpis.filter((k) => k.lineId === lid);
          const values = lineValues(lineKpis, line.code, sim.values);
          for (const kpi of lineKpis) {
            // A computed KPI has no readings of its own: every screen derives it from its inputs.
            if (kpi.formula !== null) continue;
            if (kpi.frequency === 'daily' && !withDaily) continue;
            const value = values.get(kpi.code);
            if (value === undefined) continue;
            readings.push({
              id: `reading-${kpi.id.replace(/^kpi-/, '')}-${date}-${shift.code}`,
              kpiId: kpi.id,
              plantId: plantId(plant.key),
              lineId: lid,
              shiftCode: shift.code,
              productionDate: date,
              value,
              personId,
              deviceId: tabletId(plant.key, line.code),
              recordedAt,
              clockOffsetMs,
              note: measureOf(kpi, line.code) === 'DOWNTIME' ? sim.note : '',
              supersedes: '',
              correctionReason: '',
              receivedAt: '',
            });
          }
        }
      });
    }
  }
  return readings;
}
