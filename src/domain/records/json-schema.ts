/**
 * A plain JSON-schema vocabulary for Tierboard's records.
 *
 * The same schema objects serve two masters: RxDB on the device (which reads
 * `version`, `primaryKey` and `indexes`) and ajv on the sync server (which
 * validates what devices push). src/domain may not import RxDB, so the shape
 * is declared here as a plain interface; src/db casts it to RxDB's type once.
 *
 * The builders are typed against the record interfaces in each area's *-types.ts: a schema
 * whose properties miss or add a field does not compile, so a schema cannot
 * drift from the type the rest of the code uses.
 */

export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

export interface JsonSchemaNode {
  type?: JsonType | JsonType[];
  description?: string;
  enum?: readonly (string | number | boolean | null)[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  multipleOf?: number;
  items?: JsonSchemaNode;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchemaNode>;
  required?: string[];
  additionalProperties?: boolean | JsonSchemaNode;
  maxProperties?: number;
}

/** What every collection schema looks like: RxDB's top-level rules plus plain JSON schema. */
export interface CollectionSchema {
  title: string;
  description: string;
  /** Bumped on every change of shape; src/db/migrations.ts then needs a strategy for it. */
  version: number;
  primaryKey: 'id';
  type: 'object';
  properties: Record<string, JsonSchemaNode>;
  required: string[];
  /** RxDB requires indexed fields to be required, strings capped, numbers bounded. */
  indexes: (string | string[])[];
  /** RxDB forces this anyway; said here so ajv on the server rejects unknown fields too. */
  additionalProperties: false;
}

/** Property schemas for every field of T, none missing, none extra. */
export type PropertiesOf<T> = { [K in keyof T]-?: JsonSchemaNode };

/**
 * Every record field is required (the record types have no optional fields: "empty" is ''), except those
 * named in `optional`: a field added to a schema that already has records. Records stored on
 * servers before it, and records pushed by devices not yet updated, lack it; requiring it would
 * refuse their pushes and strand every later edit of such a record. Never indexed (RxDB indexes
 * only required fields).
 */
export function recordSchema<T>(spec: {
  title: string;
  description: string;
  version: number;
  properties: PropertiesOf<T> & { id: JsonSchemaNode };
  indexes: (Extract<keyof T, string> | Extract<keyof T, string>[])[];
  optional?: Extract<keyof T, string>[];
}): CollectionSchema {
  const properties = spec.properties as Record<string, JsonSchemaNode>;
  const optional = new Set<string>(spec.optional ?? []);
  return {
    title: spec.title,
    description: spec.description,
    version: spec.version,
    primaryKey: 'id',
    type: 'object',
    properties,
    required: Object.keys(properties).filter((k) => !optional.has(k)),
    indexes: spec.indexes,
    additionalProperties: false,
  };
}

/** A nested object with all fields required and nothing else allowed. */
export function objectOf<T>(properties: PropertiesOf<T>): JsonSchemaNode {
  const props = properties as Record<string, JsonSchemaNode>;
  return { type: 'object', properties: props, required: Object.keys(props), additionalProperties: false };
}

// ------------------------------------------------------------------ caps
// Caps exist so the server can refuse a runaway record before it fills a
// disk or a tablet's quota; each is generous against what the floor enters.

/** ULIDs are 26 characters; 64 leaves room for readable seed ids like `plant-berlin-line-3`. */
export const ID_MAX = 64;
/** Short codes shown on buttons (`A`, `L3`, `OEE`). */
export const CODE_MAX = 32;
/** Names and titles: one line on a screen. */
export const NAME_MAX = 160;
/** Free text a person types on a tablet: a note, a comment, one of the 5 Whys. */
export const NOTE_MAX = 2_000;
/** Longer free text: a handover's notes, an escalation's description. */
export const TEXT_MAX = 8_000;
/**
 * A shrunk JPEG as a data URL. The camera helper shrinks photos to about
 * 300 kB; base64 adds a third, so 400 kB of characters is the ceiling.
 */
export const PHOTO_MAX = 400_000;
/** `2026-10-04T05:59:59.999+14:00` is 29 characters. */
export const ISO_MAX = 40;
/** Hybrid logical clock strings: time, counter and device id. */
export const HLC_MAX = 128;

export const id = (): JsonSchemaNode => ({ type: 'string', minLength: 1, maxLength: ID_MAX });
/** A reference to another record, or '' for none. */
export const ref = (): JsonSchemaNode => ({ type: 'string', maxLength: ID_MAX });
export const code = (): JsonSchemaNode => ({ type: 'string', maxLength: CODE_MAX });
export const name = (): JsonSchemaNode => ({ type: 'string', maxLength: NAME_MAX });
export const note = (): JsonSchemaNode => ({ type: 'string', maxLength: NOTE_MAX });
export const text = (): JsonSchemaNode => ({ type: 'string', maxLength: TEXT_MAX });
/** ISO-8601 instant, or '' where the record types say "empty until then". */
export const iso = (): JsonSchemaNode => ({ type: 'string', maxLength: ISO_MAX });
export const PRODUCTION_DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
export const productionDate = (): JsonSchemaNode => ({ type: 'string', maxLength: 10, pattern: PRODUCTION_DATE_PATTERN });
export const num = (): JsonSchemaNode => ({ type: 'number' });
export const int = (minimum: number, maximum: number): JsonSchemaNode => ({ type: 'integer', minimum, maximum });
export const bool = (): JsonSchemaNode => ({ type: 'boolean' });
export const oneOf = (values: readonly string[]): JsonSchemaNode => ({
  type: 'string',
  enum: values,
  maxLength: Math.max(...values.map((v) => v.length)),
});
export const listOf = (items: JsonSchemaNode, maxItems: number): JsonSchemaNode => ({ type: 'array', items, maxItems });
/** A string-keyed map, capped so a runaway map cannot grow without bound. */
export const mapOf = (values: JsonSchemaNode, maxProperties: number): JsonSchemaNode => ({
  type: 'object',
  additionalProperties: values,
  maxProperties,
});
