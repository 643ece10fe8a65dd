/**
 * A tiny key -> JSON store inside the app's own database (IndexedDB through
 * RxDB's storage), for the sync client's own records: the enrollment and the
 * refused rows. It survives reloads and browser restarts like every record.
 *
 * Why a raw storage instance rather than an RxCollection or RxDB local
 * documents: the free RxDB build allows only a few open collections (the
 * app's 15 already crowd that limit), and local documents need an option on
 * createRxDatabase that the database module owns. A storage instance needs
 * neither and still shares the database's IndexedDB and multi-tab events.
 */
import { Subject, type Observable } from 'rxjs';
import {
  createRevision,
  fillWithDefaultSettings,
  getWrittenDocumentsFromBulkWriteResponse,
  type RxDatabase,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorageInstance,
} from 'rxdb';

interface KvDoc {
  id: string;
  value: Record<string, unknown>;
}

const SCHEMA: RxJsonSchema<RxDocumentData<KvDoc>> = fillWithDefaultSettings<KvDoc>({
  title: 'tierboard sync state',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 64 },
    value: { type: 'object', additionalProperties: true },
  },
  required: ['id', 'value'],
});

export interface SyncStore {
  get<T extends object>(key: string): Promise<T | null>;
  set<T extends object>(key: string, value: T): Promise<void>;
  remove(key: string): Promise<void>;
  /** Keys changed in this tab or another tab. */
  changes$: Observable<string>;
  close(): Promise<void>;
}

type DbForStore = Pick<RxDatabase, 'storage' | 'name' | 'token' | 'multiInstance' | 'password'>;

export async function openSyncStore(db: DbForStore, collectionName = 'tierboard-sync-state'): Promise<SyncStore> {
  const instance: RxStorageInstance<KvDoc, unknown, unknown> = await db.storage.createStorageInstance<KvDoc>({
    databaseName: db.name,
    collectionName,
    databaseInstanceToken: db.token,
    multiInstance: db.multiInstance,
    options: {},
    schema: SCHEMA,
    password: db.password,
    devMode: false,
  });
  const changes = new Subject<string>();
  const sub = instance.changeStream().subscribe((bulk) => {
    for (const ev of bulk.events) changes.next(ev.documentId);
  });
  // One write at a time: read-modify-write callers (rejections) must not interleave.
  let queue: Promise<unknown> = Promise.resolve();

  async function read(key: string): Promise<RxDocumentData<KvDoc> | undefined> {
    const found = await instance.findDocumentsById([key], true);
    return found[0];
  }

  async function write(key: string, value: Record<string, unknown> | null): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const previous = await read(key);
      if (!previous && value === null) return;
      const document: RxDocumentData<KvDoc> = {
        id: key,
        value: value ?? previous?.value ?? {},
        _deleted: value === null,
        _attachments: {},
        _meta: { lwt: Date.now() },
        _rev: createRevision(db.token, previous),
      };
      const rows = [{ previous, document }];
      const result = await instance.bulkWrite(rows, 'tierboard-sync-state');
      if (getWrittenDocumentsFromBulkWriteResponse('id', rows, result).length > 0) return;
      const error = result.error[0];
      // 409: another tab wrote in between; read again and retry.
      if (error && error.status !== 409) throw new Error(`sync state write failed: ${error.status}`);
    }
    throw new Error('sync state write kept conflicting');
  }

  const enqueue = (fn: () => Promise<void>): Promise<void> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    async get<T extends object>(key: string) {
      await queue;
      const doc = await read(key);
      return doc && !doc._deleted ? (doc.value as T) : null;
    },
    set: (key, value) => enqueue(() => write(key, value as Record<string, unknown>)),
    remove: (key) => enqueue(() => write(key, null)),
    changes$: changes.asObservable(),
    async close() {
      await queue;
      sub.unsubscribe();
      changes.complete();
      await instance.close();
    },
  };
}
