/**
 * Whether one record of this device was refused by the server, kept current: for a confirmation
 * shown right after saving ("Raised"), which must give way to "refused" when the server's answer
 * comes ([C-O6]). `refused` stays true once discarded (a discarded record never counts either);
 * `entry` is there while it waits for a person's decision.
 */
import { useEffect, useState } from 'preact/hooks';
import type { RefusedRecords } from '../../db/refused-records.ts';
import type { CollectionName } from '../../domain/records/collections.ts';
import type { RefusedEntry } from '../../sync/status.ts';

export interface RefusedState {
  refused: boolean;
  entry: RefusedEntry | null;
}

function stateOf(records: RefusedRecords, collection: CollectionName, id: string): RefusedState {
  return { refused: records.ids(collection).has(id), entry: records.open(collection).get(id) ?? null };
}

export function useRefused(records: RefusedRecords, collection: CollectionName, id: string): RefusedState {
  const [state, setState] = useState(() => stateOf(records, collection, id));
  useEffect(() => {
    const read = () => setState(stateOf(records, collection, id));
    read();
    return records.subscribe(read);
  }, [records, collection, id]);
  return state;
}
