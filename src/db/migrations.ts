/**
 * Migration strategies, per collection, per schema version.
 *
 * When a schema in src/domain (each area's *-schemas.ts) changes shape, bump its `version` and
 * add one line here: `kpi_readings: { 1: (doc) => ({ ...doc, unit: '' }) },`.
 * The key is the version the strategy migrates TO; it receives a document of
 * the previous version and returns the new one (or null to drop it, which
 * Tierboard never does: nothing a user entered is dropped silently).
 * Devices run these when they open the database after an app update, before
 * any screen reads the collection.
 */
import type { CollectionName } from '../domain/records/collections.ts';
import type { CollectionSchema } from '../domain/records/schemas.ts';

/** A plain document of the previous version in, the next version out. */
export type MigrationStrategy = (oldDoc: Record<string, unknown>) => Record<string, unknown> | Promise<Record<string, unknown>>;

/** toVersion -> strategy. */
export type CollectionMigrations = Readonly<Record<number, MigrationStrategy>>;

export type MigrationPlan = Readonly<Record<CollectionName, CollectionMigrations>>;

/** Every other schema is at version 0: nothing to migrate yet. */
export const MIGRATIONS: MigrationPlan = {
  enterprises: {},
  plants: {},
  lines: {},
  shift_patterns: {},
  people: {},
  devices: {},
  kpi_definitions: {
    // 1 adds the optional `aggregation`. An older definition keeps none: aggregationOf gives it
    // the rule its screens used until then (src/domain/kpi/kpi-aggregation.ts).
    1: (doc) => doc,
  },
  kpi_readings: {},
  handovers: {},
  escalations: {},
  escalation_events: {},
  // OKR version 1 (src/domain/okr/okr-schemas.ts) only adds optional fields, whose defaults the
  // readers in src/domain/okr/okr-records.ts give: an older objective contributes with priority and
  // weight 1, an older key result is an active one over the last `windowDays` of its whole plant,
  // an older log entry is a check-in. Writing the defaults in would make every device's copy differ
  // from the server's until it is edited.
  objectives: { 1: (doc) => doc },
  key_results: { 1: (doc) => doc },
  kr_checkins: { 1: (doc) => doc },
  improvement_actions: {
    // 1 adds the optional `notedBy`. Who noted an older action is not known, so it stays without
    // one: '' would not be truer, and the server treats both alike ([A9]).
    1: (doc) => doc,
    // 2 widens the lanes (backlog, verify, dropped; the old three stay) and adds the optional
    // original due date and priority: an older card keeps its lane and has neither.
    2: (doc) => doc,
  },
};

/**
 * Versions a schema has but the plan has no strategy for. RxDB refuses to
 * open a collection with a gap; this says which line is missing, in words.
 */
export function missingMigrations(
  schemas: Readonly<Record<CollectionName, CollectionSchema>>,
  plan: MigrationPlan,
): string[] {
  const missing: string[] = [];
  for (const [name, schema] of Object.entries(schemas) as [CollectionName, CollectionSchema][]) {
    for (let v = 1; v <= schema.version; v++) {
      if (typeof plan[name][v] !== 'function') missing.push(`${name}: no strategy to version ${v}`);
    }
  }
  return missing;
}
