/**
 * [P3] Checkpointed pull: the changes of one collection after a feed
 * position, within the device's scope.
 */
import type { CollectionName } from '../../src/domain/collections.ts';
import type { DeviceAuth, Store } from '../store/store.ts';
import { scopeOf } from './device-scope.ts';
import { toWire, type WireDocument } from './wire.ts';

export const PULL_LIMIT_DEFAULT = 200;
export const PULL_LIMIT_MAX = 1000;

export interface PullResult {
  documents: WireDocument[];
  checkpoint: { position: number } | null;
}

export async function pullChanges(
  store: Store,
  device: DeviceAuth,
  collection: CollectionName,
  since: number,
  limit: number,
): Promise<PullResult> {
  const batch = await store.changesSince(collection, since, limit, scopeOf(device));
  return { documents: batch.documents.map(toWire), checkpoint: { position: batch.checkpoint.position } };
}
