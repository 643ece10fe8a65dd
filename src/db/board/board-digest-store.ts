/**
 * Where a device keeps its plant boards' digests (src/domain/board/board-digest.ts):
 * an IndexedDB database of its own beside the RxDB one, `<database name>-board`.
 *
 * Not an RxDB collection: a digest is derived from the readings, never
 * replicated, and RxDB's open-source build keeps at most 13 collections open
 * (database.ts). Raw IndexedDB, because two object stores and three calls do
 * not need a library.
 *
 * A digest is a cache. Every failure here (no IndexedDB, a full disk, a
 * blocked upgrade) ends in "no digest": the board then reads the readings, as
 * it would on its very first start. Nothing a person entered is ever in here
 * alone.
 */
import type { BoardDigestDay, BoardDigestMeta } from '../../domain/board/board-digest.ts';
import type { PreparedQuery } from 'rxdb';
import type { KpiReading } from '../../domain/kpi/kpi-types.ts';
import type { ProductionDate } from '../../domain/records/record-types.ts';
import type { FloorDatabase } from '../database.ts';

export interface StoredDigest {
  meta: BoardDigestMeta;
  /** Days dated `from` on, oldest first. */
  days: BoardDigestDay[];
}

export interface BoardDigestStore {
  /** The plant's digest with its days from `from` on; null when there is none or it cannot be read. */
  load(plantId: string, from: ProductionDate): Promise<StoredDigest | null>;
  /**
   * Writes meta and the given days in one transaction (all or nothing), and
   * drops the plant's days before `meta.from`.
   */
  save(meta: BoardDigestMeta, days: readonly BoardDigestDay[]): Promise<void>;
  /** Forgets every digest (tests and the benchmark's cold start). */
  clear(): Promise<void>;
  close(): void;
}

/** The digest database's IndexedDB version: bump it when its stores or indexes change (the row format is BOARD_DIGEST_FORMAT). */
const VERSION = 1;
const META = 'meta';
const DAYS = 'days';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

function open(factory: IDBFactory, name: string): Promise<IDBDatabase> {
  const req = factory.open(name, VERSION);
  req.onupgradeneeded = () => {
    const db = req.result;
    if (!db.objectStoreNames.contains(META)) db.createObjectStore(META, { keyPath: 'plantId' });
    if (!db.objectStoreNames.contains(DAYS)) db.createObjectStore(DAYS, { keyPath: ['plantId', 'date'] });
  };
  return request(req);
}

/** The browser's IndexedDB, or another (fake-indexeddb in Node tests). */
export interface IndexedDbApi {
  indexedDB: IDBFactory | undefined;
  IDBKeyRange: typeof IDBKeyRange;
}

/** `name`: the RxDB database's name; the digests live in `<name>-board`. */
export function openBoardDigestStore(name: string, api: IndexedDbApi = globalThis): BoardDigestStore {
  const factory = api.indexedDB;
  const range = api.IDBKeyRange;
  let opened: Promise<IDBDatabase> | null = null;
  const db = (): Promise<IDBDatabase> => {
    if (!factory) return Promise.reject(new Error('IndexedDB is not available'));
    opened ??= open(factory, `${name}-board`).then((d) => {
      // Another tab upgrading the digest store: let it, and open again next time.
      d.onversionchange = () => {
        d.close();
        opened = null;
      };
      return d;
    });
    return opened;
  };

  return {
    async load(plantId, from) {
      try {
        const tx = (await db()).transaction([META, DAYS], 'readonly');
        const [meta, days] = await Promise.all([
          request(tx.objectStore(META).get(plantId) as IDBRequest<BoardDigestMeta | undefined>),
          request(tx.objectStore(DAYS).getAll(range.bound([plantId, from], [plantId, '\uffff'])) as IDBRequest<BoardDigestDay[]>),
        ]);
        return meta ? { meta, days } : null;
      } catch {
        return null;
      }
    },
    async save(meta, days) {
      const tx = (await db()).transaction([META, DAYS], 'readwrite');
      const finished = done(tx);
      const dayStore = tx.objectStore(DAYS);
      dayStore.delete(range.bound([meta.plantId, ''], [meta.plantId, meta.from], false, true));
      for (const day of days) if (day.date >= meta.from) dayStore.put(day);
      tx.objectStore(META).put(meta);
      await finished;
    },
    async clear() {
      const tx = (await db()).transaction([META, DAYS], 'readwrite');
      const finished = done(tx);
      tx.objectStore(META).clear();
      tx.objectStore(DAYS).clear();
      await finished;
    },
    close() {
      void opened?.then((d) => d.close(), () => undefined);
      opened = null;
    },
  };
}

/**
 * KPI readings this database wrote (inserted, or updated, e.g. stamped by the
 * server) at or after `sinceMs` on its own write clock (`_meta.lwt`), oldest
 * write first: how a board digest catches up (board-digest-keeper.ts).
 *
 * It walks RxDB's change index, [_meta.lwt, id], which every collection has
 * for its replication, so it costs what was written since, not the
 * collection. The query goes to the storage with its plan spelled out (RxDB's
 * storage interface): a collection query cannot name that index (RxDB puts
 * `_deleted` in front of a named index) and scans all 81,000 readings of a
 * large plant instead (1.5 s), and rxdb's own getChangedDocumentsSince,
 * imported into the board's chunk, makes Rolldown split rxdb's core into more
 * chunks that the reading screen's first load then fetches.
 */
export async function readingsWrittenSince(db: Pick<FloorDatabase, 'kpi_readings'>, sinceMs: number): Promise<KpiReading[]> {
  const query = {
    query: { selector: {}, sort: [{ '_meta.lwt': 'asc' }, { id: 'asc' }], skip: 0 },
    queryPlan: {
      index: ['_meta.lwt', 'id'],
      // The lowest key RxDB's planner uses (a number sorts before every string id) and the highest.
      startKeys: [sinceMs, Number.MIN_SAFE_INTEGER],
      endKeys: [Number.MAX_SAFE_INTEGER, String.fromCharCode(65535)],
      inclusiveStart: true,
      inclusiveEnd: true,
      sortSatisfiedByIndex: true,
      selectorSatisfiedByIndex: true,
    },
  } as unknown as PreparedQuery<KpiReading>;
  const { documents } = await db.kpi_readings.storageInstance.query(query);
  return documents.filter((d) => !d._deleted) as unknown as KpiReading[];
}
