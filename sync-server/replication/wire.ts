/**
 * Records as they travel: the domain record plus RxDB's `_deleted` flag.
 * The store keeps `deleted` beside the data; devices see it inside.
 */
import type { Scope, StoredDocument, StoredRecord } from '../store/store.ts';

export type WireDocument = StoredDocument & { _deleted: boolean };

export function toWire(record: StoredRecord): WireDocument {
  return { ...record.data, _deleted: record.deleted };
}

/** RxDB bookkeeping that is not the record's content ([P6]). */
const INTERNAL_FIELDS = ['_deleted', '_rev', '_meta', '_attachments'] as const;

/** Split a pushed document into its content and its deleted flag. */
export function fromWire(doc: Record<string, unknown>): { data: StoredDocument; deleted: boolean } {
  const data: Record<string, unknown> = { ...doc };
  for (const f of INTERNAL_FIELDS) delete data[f];
  return { data: data as StoredDocument, deleted: doc._deleted === true };
}

/** [P1] What a device may see: its plant's records and the enterprise-wide ones (plantId ''). */
export function inScope(scope: Scope, plantId: string): boolean {
  return plantId === '' || scope.plantIds === 'all' || scope.plantIds.includes(plantId);
}
