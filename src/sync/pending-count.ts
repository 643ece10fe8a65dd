/**
 * How many local changes of one collection the server has not acknowledged.
 *
 * Method: ask RxDB's own replication bookkeeping, the same way its upstream
 * decides what to push. For each replicated collection RxDB keeps, in a
 * "meta" storage instance of the same database (so in IndexedDB, surviving
 * reloads):
 *  - the `up` checkpoint: the position in the local change feed up to which
 *    every change has been handled (pushed and answered, or seen to be a
 *    pulled change); it is saved only after the push succeeded;
 *  - per document, the *assumed master state*: what the server last
 *    acknowledged (a push without conflict, or a pull).
 * A document is pending exactly when it changed after the `up` checkpoint
 * and its current state differs from its assumed master state. A tap made
 * offline therefore counts until the server answers the push; a pulled
 * document never counts; a refused row counts as handled (it moves to the
 * rejections log, src/sync/rejections.ts).
 *
 * Because both facts live in IndexedDB, the count is right after a reload,
 * in a tab that is not the replication leader, and while the device is
 * revoked (replication stopped, unsent work kept). We open the meta
 * instance read-only ourselves rather than using the running replication's
 * handle, so the count works whether or not replication runs in this tab.
 * Only the documents after the checkpoint are read: cheap, even with months
 * of readings.
 */
import { merge, Subject, type Observable, type Subscription } from 'rxjs';
import {
  getChangedDocumentsSince,
  getComposedPrimaryKeyOfDocumentData,
  getRxReplicationMetaInstanceSchema,
  hasEncryption,
  writeDocToDocState,
  type RxCollection,
  type RxStorageInstance,
} from 'rxdb';
import { collectionInfo } from '../domain/records/collections.ts';

/** Batch read from the local change feed; a shift's taps fit in one. */
const SCAN_BATCH = 500;

interface MetaDoc {
  id: string;
  isCheckpoint: '0' | '1';
  itemId: string;
  checkpointData?: unknown;
  docData?: Record<string, unknown>;
}

export interface PendingCounter {
  count(): Promise<number>;
  /** Fires when the collection or its replication bookkeeping changed (this tab or another). */
  changed$: Observable<void>;
  close(): Promise<void>;
}

/** The name RxDB gives a replication's meta instance (plugins/replication/index.js). */
export async function metaInstanceName(collection: RxCollection, replicationIdentifier: string): Promise<string> {
  return 'rx-replication-meta-' + (await collection.database.hashFunction([collection.name, replicationIdentifier].join('-')));
}

export async function openPendingCounter(collection: RxCollection, replicationIdentifier: string): Promise<PendingCounter> {
  const db = collection.database;
  const meta = (await db.storage.createStorageInstance({
    databaseName: db.name,
    collectionName: await metaInstanceName(collection, replicationIdentifier),
    databaseInstanceToken: db.token,
    multiInstance: db.multiInstance,
    options: {},
    schema: getRxReplicationMetaInstanceSchema(collection.schema.jsonSchema, hasEncryption(collection.schema.jsonSchema)),
    password: db.password,
    devMode: false,
  })) as unknown as RxStorageInstance<MetaDoc, unknown, unknown>;
  const fork = collection.storageInstance;
  const primary = collection.schema.primaryPath as string;
  const immutable = collectionInfo(collection.name)?.immutable === true;

  const changed = new Subject<void>();
  const subs: Subscription[] = [
    merge(fork.changeStream(), meta.changeStream()).subscribe(() => changed.next()),
  ];

  const metaId = (itemId: string, isCheckpoint: '0' | '1') =>
    getComposedPrimaryKeyOfDocumentData(meta.schema, { itemId, isCheckpoint });

  async function count(): Promise<number> {
    const [checkpointDoc] = await meta.findDocumentsById([metaId('up', '1')], false);
    let checkpoint: unknown = checkpointDoc?.checkpointData;
    let pending = 0;
    for (;;) {
      const batch = await getChangedDocumentsSince(fork, SCAN_BATCH, checkpoint as never);
      if (batch.documents.length === 0) break;
      const ids = batch.documents.map((d) => String((d as Record<string, unknown>)[primary]));
      const assumed = await meta.findDocumentsById(ids.map((id) => metaId(id, '0')), true);
      const byId = new Map(assumed.map((m) => [m.itemId, m.docData]));
      for (const doc of batch.documents) {
        const id = String((doc as Record<string, unknown>)[primary]);
        const master = byId.get(id);
        const local = writeDocToDocState(doc, false, false);
        // [C-D2] A deleted immutable record is a purge, never sent: no work waiting.
        if (immutable && (doc as { _deleted?: boolean })._deleted) continue;
        if (!master || !collection.conflictHandler.isEqual(master as never, local as never, 'tierboard-pending-count')) pending++;
      }
      if (batch.documents.length < SCAN_BATCH) break;
      checkpoint = batch.checkpoint;
    }
    return pending;
  }

  return {
    count,
    changed$: changed.asObservable(),
    async close() {
      subs.forEach((s) => s.unsubscribe());
      changed.complete();
      await meta.close();
    },
  };
}
