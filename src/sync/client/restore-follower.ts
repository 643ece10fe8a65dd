/**
 * [C-O8] After the server was restored from a backup, what this device wrote comes back to it.
 *
 * Every answer names the server's database (X-Tierboard-Database, [O6]). When the name differs
 * from the one kept for the enrolled server, the server was restored: what the device wrote since
 * the backup may be missing there, and the restored feed hands out positions again. So the device
 * sends again every record it wrote (an immutable one naming it as `deviceId`, a mutable one it
 * stamped a clock on: HLC node ids are device ids, hlc.ts) as new, which the server takes as
 * unchanged when it holds it ([S4]) or merges ([P7]), and every collection pulls once from
 * position 0 (a checkpoint from before the restore may sit below the new head, where [P3] cannot
 * tell). The new name is kept only once that is done: a reload in between does it again, harmlessly.
 *
 * Why a module of its own: the one time the device sends what RxDB believes is already on the
 * server, outside RxDB's loop; rows the server refuses go to the refusal log like any push's.
 */
import type { CollectionName } from '../../domain/records/collections.ts';
import type { PushRow } from '../../domain/wire/protocol.ts';
import type { ApiClient } from '../api-client.ts';
import * as enrollment from '../enrollment.ts';
import type { Enrollment } from '../enrollment.ts';
import type { RejectionLog } from '../rejections.ts';
import { collectionsOf, pushBatch, pushBatchSize, pushesFrom, type SyncDatabase } from '../replication.ts';
import type { SyncStore } from '../sync-store.ts';

const KEY = 'server-database';

export interface RestoreFollower {
  /** Each answer's database name, from the server at `serverUrl`. */
  seen(serverUrl: string, databaseId: string | null): void;
  /** Whether the collection's next pull starts at position 0 (a restore was seen since its last one). */
  pullFromStart(collection: CollectionName): boolean;
  /** That pull, begun at 0, was answered. */
  pulledFromStart(collection: CollectionName): void;
  /** Resolves when what was seen so far is handled (for tests). */
  settled(): Promise<void>;
}

export interface RestoreFollowerDeps {
  store: SyncStore;
  db: SyncDatabase;
  rejections: RejectionLog;
  now(): number;
  actingPerson(): string;
  apiFor(serverUrl: string): ApiClient;
  /** Pull every collection again now (RxDB's reSync). */
  reSync(): void;
}

/** Whether this device wrote the record: named it as its device, or stamped one of its clocks. */
export function wroteIt(doc: Record<string, unknown>, deviceId: string): boolean {
  if (doc.deviceId === deviceId) return true;
  const mine = (stamp: unknown) => typeof stamp === 'string' && stamp.endsWith(`:${deviceId}`);
  if (mine(doc.hlc)) return true;
  const clocks = doc.fieldClocks;
  return typeof clocks === 'object' && clocks !== null && Object.values(clocks).some(mine);
}

export function restoreFollower(d: RestoreFollowerDeps): RestoreFollower {
  /** The name last checked in this tab, so most answers cost nothing. */
  let checked: string | null = null;
  const fromStart = new Set<CollectionName>();
  let queue: Promise<void> = Promise.resolve();

  async function sendAgain(e: Enrollment): Promise<void> {
    const api = d.apiFor(e.serverUrl);
    for (const [name, collection] of collectionsOf(d.db)) {
      if (!pushesFrom(e.kind, name)) continue;
      const docs = (await collection.find().exec())
        .map((doc) => doc.toMutableJSON() as Record<string, unknown>)
        .filter((doc) => wroteIt(doc, e.deviceId))
        .map((doc) => Object.fromEntries(Object.entries(doc).filter(([k]) => !k.startsWith('_') || k === '_deleted')));
      const size = pushBatchSize(name);
      for (let i = 0; i < docs.length; i += size) {
        const sent = docs.slice(i, i + size);
        const rows: PushRow[] = sent.map((doc) => ({ newDocumentState: { ...doc, _deleted: doc._deleted === true }, assumedMasterState: null }));
        const answer = await pushBatch({ api, collection: name, token: () => e.token, actingPerson: d.actingPerson }, rows);
        const byId = new Map(sent.map((doc) => [String(doc.id), doc]));
        if (answer.rejected.length > 0) {
          await d.rejections.add(answer.rejected.map((r) => ({ collection: name, id: r.id, error: r.error, message: r.message, document: { ...(byId.get(r.id) ?? { id: r.id }) }, atMs: d.now() })));
        }
      }
    }
  }

  async function check(serverUrl: string, databaseId: string): Promise<void> {
    const kept = await d.store.get<{ serverUrl: string; databaseId: string }>(KEY);
    if (kept && kept.serverUrl === serverUrl && kept.databaseId !== databaseId) {
      const e = await enrollment.currentEnrollment(d.store);
      if (enrollment.isActive(e) && e.serverUrl === serverUrl) {
        for (const [name] of collectionsOf(d.db)) fromStart.add(name);
        await sendAgain(e);
        d.reSync();
      }
    }
    await d.store.set(KEY, { serverUrl, databaseId });
  }

  return {
    seen(serverUrl, databaseId) {
      if (!databaseId || databaseId === checked) return;
      checked = databaseId;
      queue = queue
        .then(() => check(serverUrl, databaseId))
        // Not sent (no network, a 500): checked again at the next answer.
        .catch(() => {
          checked = null;
        });
    },
    pullFromStart: (c) => fromStart.has(c),
    pulledFromStart: (c) => void fromStart.delete(c),
    settled: () => queue,
  };
}
