/**
 * [P5] Pushed records must match the very schema the device stored them
 * under (src/domain/schemas.ts): the server refuses what RxDB would refuse.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import type { CollectionName } from '../../src/domain/collections.ts';
import { SCHEMAS } from '../../src/domain/schemas.ts';

// RxDB's own keywords (version, primaryKey, indexes) are not JSON schema;
// strict mode would refuse them, so ajv runs lenient and ignores them.
const ajv = new Ajv({ strict: false, allErrors: false });
const compiled = new Map<CollectionName, ValidateFunction>();

function validatorFor(collection: CollectionName): ValidateFunction {
  let v = compiled.get(collection);
  if (!v) {
    v = ajv.compile(SCHEMAS[collection]);
    compiled.set(collection, v);
  }
  return v;
}

/** Null when the record is valid, else one plain sentence saying what is wrong. */
export function schemaProblem(collection: CollectionName, record: unknown): string | null {
  const validate = validatorFor(collection);
  if (validate(record)) return null;
  const e = validate.errors?.[0];
  if (!e) return 'The record does not match its schema.';
  const where = e.instancePath === '' ? 'The record' : `Field ${e.instancePath.slice(1).replace(/\//g, '.')}`;
  const extra = e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: unknown }).additionalProperty)})` : '';
  return `${where} ${e.message ?? 'is not valid'}${extra}.`;
}
