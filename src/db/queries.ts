/**
 * The few queries the screens run, named in the floor's words. Each returns
 * an RxQuery (`.exec()` once, `.$` to follow changes) or an Observable of
 * plain records, so screens never build selectors themselves.
 */
import { combineLatest, map, type Observable } from 'rxjs';
import { SQDCP, type KpiDefinition, type KpiReading } from '../domain/kpi/kpi-types.ts';
import { type Person } from '../domain/people/people-types.ts';
import type { FloorDatabase } from './database.ts';
import { latestReadingPerKpi } from './latest-reading.ts';

// Pure, in a module of its own so the first screen can use it without loading rxjs.
export { latestReadingPerKpi };

/** Every reading of one shift instance, oldest tap first. */
export function readingsForShift(
  db: FloorDatabase,
  plantId: string,
  lineId: string,
  productionDate: string,
  shiftCode: string,
): ReturnType<FloorDatabase['kpi_readings']['find']> {
  return db.kpi_readings.find({
    selector: { plantId, lineId, productionDate, shiftCode },
    sort: [{ recordedAt: 'asc' }, { id: 'asc' }],
  });
}

/** Live "value per KPI" of one shift instance. */
export function latestReadingsForShift$(
  db: FloorDatabase,
  plantId: string,
  lineId: string,
  productionDate: string,
  shiftCode: string,
): Observable<Map<string, KpiReading>> {
  return readingsForShift(db, plantId, lineId, productionDate, shiftCode).$.pipe(
    map((docs) => latestReadingPerKpi(docs.map((d) => d.toJSON() as KpiReading))),
  );
}

const sqdcpRank = (d: KpiDefinition): number => SQDCP.indexOf(d.category);

/**
 * Whether a definition is recorded on this line: line-level KPIs for this line
 * (or for every line, when an enterprise or plant definition leaves lineId
 * empty) and area-level KPIs of the line's area. Plant-level KPIs are recorded
 * on the plant board, not on a line tablet.
 */
export function appliesToLine(d: KpiDefinition, line: { id: string; area: string }): boolean {
  if (!d.active) return false;
  if (d.level === 'line') return d.lineId === line.id || d.lineId === '';
  if (d.level === 'area') return d.area === line.area || d.area === '';
  return false;
}

/** The active KPI definitions a line records, in SQDCP order, then by code. */
export function kpiDefinitionsForLine(db: FloorDatabase, plantId: string, lineId: string): Observable<KpiDefinition[]> {
  const line$ = db.lines.findOne(lineId).$;
  // Enterprise-wide definitions have an empty plantId and apply to every plant.
  const definitions$ = db.kpi_definitions.find({ selector: { plantId: { $in: [plantId, ''] }, active: true } }).$;
  return combineLatest([line$, definitions$]).pipe(
    map(([line, docs]) => {
      if (!line) return [];
      return docs
        .map((d) => d.toJSON() as KpiDefinition)
        .filter((d) => appliesToLine(d, line))
        .sort((a, b) => sqdcpRank(a) - sqdcpRank(b) || a.code.localeCompare(b.code));
    }),
  );
}

/** Active people of a plant, by name: the sign-in list on a shared tablet. */
export function rosterForPlant(db: FloorDatabase, plantId: string): ReturnType<FloorDatabase['people']['find']> {
  return db.people.find({ selector: { plantId, active: true }, sort: [{ name: 'asc' }, { id: 'asc' }] });
}

/** The person who owns a badge at this plant, or null (unknown or deactivated badge). */
export async function findPersonByBadge(db: FloorDatabase, plantId: string, badge: string): Promise<Person | null> {
  const doc = await db.people.findOne({ selector: { plantId, badge, active: true } }).exec();
  return doc ? (doc.toJSON() as Person) : null;
}
