/**
 * Records as they travel: the domain record plus RxDB's `_deleted` flag.
 * The store keeps `deleted` beside the data; devices see it inside.
 */
import type { Scope, StoredDocument, StoredRecord } from '../store/store.ts';

export type WireDocument = StoredDocument & { _deleted: boolean };

export function toWire(record: StoredRecord): WireDocument {
  return { ...record.data, _deleted: record.deleted };
}

/**
 * The wire document as JSON text, made from the record's own JSON text without
 * parsing it: `_deleted` goes in by string concatenation. Pulls and the live
 * stream only pass stored documents on, and parsing, copying and stringifying
 * every row again was a third of the server's CPU in the reconnect storm.
 *
 * Parses to the same value as `JSON.stringify(toWire(record))`: the stored data
 * never holds `_deleted` (fromWire strips it), and if some did, JSON.parse keeps
 * the last of two equal keys, which is ours, just as toWire's spread does.
 */
export function wireText(dataJson: string, deleted: boolean): string {
  const body = dataJson.trimEnd();
  if (!body.endsWith('}')) throw new Error('stored document is not a JSON object');
  const flag = deleted ? '"_deleted":true}' : '"_deleted":false}';
  const head = body.slice(0, -1);
  // `{}` (or PostgreSQL's `{ }`) has no field to put a comma after.
  return head.trimEnd() === '{' ? `{${flag}` : `${head},${flag}`;
}

/** RxDB bookkeeping that is not the record's content ([P6]). */
const INTERNAL_FIELDS = ['_deleted', '_rev', '_meta', '_attachments'] as const;

const INTERNAL = new Set<string>(INTERNAL_FIELDS);

/**
 * Split a pushed document into its content and its deleted flag. The content
 * is a fresh object the caller owns. Copied field by field rather than spread
 * and `delete`d: deleting a property turns a V8 object into a slow dictionary,
 * which every later step of the push (schema check, JSON.stringify) pays for.
 * Own keys only (a parsed body has no others), and the set is asked only about
 * keys that start with `_`: a reading has 15 keys and none does.
 */
export function fromWire(doc: Record<string, unknown>): { data: StoredDocument; deleted: boolean } {
  const data: Record<string, unknown> = {};
  for (const key in doc) {
    if (!Object.hasOwn(doc, key) || (key.charCodeAt(0) === UNDERSCORE && INTERNAL.has(key))) continue;
    // A `__proto__` key (JSON.parse makes it an own property) assigned would set the copy's
    // prototype instead, and vanish from the record; kept as a field, the schema refuses it.
    if (key === '__proto__') Object.defineProperty(data, key, { value: doc[key], enumerable: true, writable: true, configurable: true });
    else data[key] = doc[key];
  }
  return { data: data as StoredDocument, deleted: doc._deleted === true };
}

/** `_`: RxDB's own fields start with it, so only such keys are looked up in INTERNAL. */
const UNDERSCORE = 0x5f;

/** [P1] What a device may see: its plant's records and the enterprise-wide ones (plantId ''). */
export function inScope(scope: Scope, plantId: string): boolean {
  return plantId === '' || scope.plantIds === 'all' || scope.plantIds.includes(plantId);
}
