/**
 * Versioned JSON schemas for every collection in COLLECTIONS.
 *
 * One schema per collection, used as-is by RxDB on the device and by ajv on
 * the sync server, so both sides accept and refuse exactly the same records.
 * Changing a schema's shape means bumping its `version` and adding a
 * migration strategy in src/db/migrations.ts; devices with older data then
 * migrate it when they open the database.
 *
 * For ajv on the server: construct it with `strict: true` and
 * `RXDB_SCHEMA_KEYWORDS.forEach((k) => ajv.addKeyword(k))`, like RxDB's own
 * validate-ajv plugin does. Documents pushed through RxDB replication carry
 * `_deleted`; validate those with `withDeletedFlag(schema)`.
 */
import type { CollectionName } from './collections.ts';
import type { CollectionSchema } from './json-schema.ts';
import { enterprisesSchema, plantsSchema, linesSchema } from '../plant/plant-schemas.ts';
import { shiftPatternsSchema } from '../shift/shift-schemas.ts';
import { peopleSchema, devicesSchema } from '../people/people-schemas.ts';
import { kpiDefinitionsSchema, kpiReadingsSchema } from '../kpi/kpi-schemas.ts';
import { handoversSchema } from '../handover/handover-schemas.ts';
import { escalationsSchema, escalationEventsSchema } from '../escalation/escalation-schemas.ts';
import { objectivesSchema, keyResultsSchema, krCheckInsSchema, improvementActionsSchema } from '../okr/okr-schemas.ts';

export type { CollectionSchema, JsonSchemaNode, JsonType } from './json-schema.ts';
export { ID_MAX, CODE_MAX, NAME_MAX, NOTE_MAX, TEXT_MAX, PHOTO_MAX, ISO_MAX, HLC_MAX } from './json-schema.ts';

export const SCHEMAS: Readonly<Record<CollectionName, CollectionSchema>> = {
  enterprises: enterprisesSchema,
  plants: plantsSchema,
  lines: linesSchema,
  shift_patterns: shiftPatternsSchema,
  people: peopleSchema,
  devices: devicesSchema,
  kpi_definitions: kpiDefinitionsSchema,
  kpi_readings: kpiReadingsSchema,
  handovers: handoversSchema,
  escalations: escalationsSchema,
  escalation_events: escalationEventsSchema,
  objectives: objectivesSchema,
  key_results: keyResultsSchema,
  kr_checkins: krCheckInsSchema,
  improvement_actions: improvementActionsSchema,
};

/** The current schema version of a collection: what a record written today conforms to. */
export function schemaVersion(name: CollectionName): number {
  return SCHEMAS[name].version;
}

/**
 * Top-level keywords RxDB reads that are not JSON schema. ajv in strict mode
 * refuses unknown keywords, so the server registers these (list taken from
 * rxdb/plugins/validate-ajv, which does the same).
 */
export const RXDB_SCHEMA_KEYWORDS: readonly string[] = [
  'version',
  'keyCompression',
  'primaryKey',
  'indexes',
  'encrypted',
  'final',
  'sharding',
  'internalIndexes',
  'attachments',
  'ref',
  'crdt',
];

/**
 * The schema of a record as RxDB replication pushes it: the record plus a
 * `_deleted` flag. RxDB's other bookkeeping (`_rev`, `_meta`, `_attachments`)
 * never leaves the device, so it stays refused.
 */
export function withDeletedFlag(schema: CollectionSchema): CollectionSchema {
  return {
    ...schema,
    properties: { ...schema.properties, _deleted: { type: 'boolean' } },
  };
}
