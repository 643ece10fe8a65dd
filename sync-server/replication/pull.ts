/**
 * [P3] Checkpointed pull: the changes of one collection after a feed
 * position, within the device's scope, in pages bounded by count and by size.
 */
import type { CollectionName } from '../../src/domain/records/collections.ts';
import { BODY_LIMIT_BYTES } from '../../src/domain/wire/limits.ts';
import type { DeviceAuth, Scope, Store } from '../store/store.ts';
import { pullScope } from './retention-scope.ts';
import { pinViewOf, shownJson, type PinView } from './people-secrets.ts';
import { wireText } from './wire.ts';

/**
 * Rows asked of the store by a page's first read while this process has not yet seen
 * the collection's documents. Twenty of the largest records (escalations with a 400 kB
 * photo) are 8 MB, two pages' budget; a larger first read could load hundreds of photos
 * to send ten. Once a collection's largest document is known, reads are sized by it
 * (largestSeen), so a page of readings is one read again.
 */
export const PULL_FIRST_READ_ROWS = 20;

/** Per store and collection, the largest document (bytes, an upper bound) this process has sent in a pull. */
const largestSeen = new WeakMap<Store, Map<CollectionName, number>>();

function largestSeenIn(store: Store): Map<CollectionName, number> {
  let seen = largestSeen.get(store);
  if (!seen) largestSeen.set(store, (seen = new Map()));
  return seen;
}

/** One page as wire texts, before it is put into the answer. */
interface Page {
  documents: string[];
  position: number;
  /** The size budget ended the page before the feed or the limit did. */
  cut: boolean;
  /** The feed in scope ended the page: no more changes after `position` when it was read. */
  ended: boolean;
}

/**
 * The pull answer as JSON text (a PullAnswer, src/domain/wire/protocol.ts), built straight from the stored
 * documents' JSON text ([S15]): parsing, copying and stringifying every row was
 * nearly a third of the server's CPU in the reconnect storm.
 *
 * The answer stays within `maxBytes` (the push body limit: what a device can
 * send, it can receive) unless its one document is larger alone, so a single
 * large record still moves. A checkpoint beyond the feed's head (the database
 * was restored from a backup older than the device's last pull) is answered
 * from the start: otherwise the device would wait above positions the feed
 * hands out again, and never see those changes.
 */
export async function pullChangesJson(
  store: Store,
  device: DeviceAuth,
  collection: CollectionName,
  since: number,
  limit: number,
  maxBytes: number = BODY_LIMIT_BYTES,
  nowMs: number = Date.now(),
): Promise<string> {
  return (await pullChangesPage(store, device, collection, since, limit, maxBytes, nowMs)).json;
}

/** pullChangesJson, and how many documents its answer holds (the pull-rows metric, [O1]). */
export async function pullChangesPage(
  store: Store,
  device: DeviceAuth,
  collection: CollectionName,
  since: number,
  limit: number,
  maxBytes: number = BODY_LIMIT_BYTES,
  nowMs: number = Date.now(),
): Promise<{ json: string; documents: number }> {
  const scope = pullScope(device, collection, nowMs);
  // Read before the page: every position up to the head has committed ([S3]), so the page's
  // read, which comes after, sees every change up to it.
  const head = await store.headPosition();
  const page = await readPage(store, collection, since > head ? 0 : since, limit, scope, maxBytes, pinViewOf(device));
  // A page that ran out of changes in scope is caught up to the head, not only to its last
  // document: the next pull starts there, instead of reading again every change of other
  // plants (or other collections' positions) after this device's last one.
  if (page.ended) page.position = Math.max(page.position, head);
  return { json: answerJson(page), documents: page.documents.length };
}

/** Bytes of the answer around its documents, `,"more":true` included. */
const ENVELOPE_BYTES = '{"documents":[],"checkpoint":{"position":}}'.length + 20 + ',"more":true'.length;

/**
 * Up to `limit` documents after `since` whose answer fits in `maxBytes`, at least one.
 * The store is read in pieces sized by the largest document seen, so a page of photos
 * does not load a thousand of them to send ten.
 *
 * Sizes are counted as an upper bound (3 UTF-8 bytes per UTF-16 unit) until that bound
 * could pass the budget, and exactly from then on: a page of readings, far below 4 MB,
 * never measures its text.
 */
async function readPage(store: Store, collection: CollectionName, since: number, limit: number, scope: Scope, maxBytes: number, pins: PinView): Promise<Page> {
  const documents: string[] = [];
  let bytes = ENVELOPE_BYTES;
  let exact = false;
  const seen = largestSeenIn(store);
  let largest = seen.get(collection) ?? 0;
  let position = since;
  let rows = largest > 0 ? readRows(limit, maxBytes - bytes, largest) : Math.min(limit, PULL_FIRST_READ_ROWS);
  try {
    for (;;) {
      const batch = await store.changesSinceRaw(collection, position, rows, scope);
      for (const change of batch.changes) {
        // [T3] People records lose the PIN hashes this device kind is not given.
        const text = wireText(shownJson(collection, pins, change.json), change.deleted);
        let size = text.length * 3 + 1; // and its comma
        if (!exact && bytes + size > maxBytes) {
          bytes = documents.reduce((n, d) => n + Buffer.byteLength(d) + 1, ENVELOPE_BYTES);
          exact = true;
        }
        if (exact) size = Buffer.byteLength(text) + 1;
        if (documents.length > 0 && bytes + size > maxBytes) return { documents, position, cut: true, ended: false };
        documents.push(text);
        bytes += size;
        largest = Math.max(largest, size);
        position = change.position;
      }
      // Fewer than asked: the feed (in scope) has no more. The store's checkpoint is then the last document's or `position`.
      if (batch.changes.length < rows) return { documents, position: batch.checkpoint.position, cut: false, ended: true };
      const left = limit - documents.length;
      if (left === 0) return { documents, position, cut: false, ended: false };
      rows = readRows(left, maxBytes - bytes, largest);
    }
  } finally {
    if (largest > (seen.get(collection) ?? 0)) seen.set(collection, largest);
  }
}

/** Rows that fit the budget left if each were as large as the largest seen; at least one. */
function readRows(left: number, budget: number, largest: number): number {
  return Math.min(left, Math.max(1, Math.floor(budget / largest)));
}

function answerJson(page: Page): string {
  const more = page.cut ? ',"more":true' : '';
  return `{"documents":[${page.documents.join(',')}],"checkpoint":{"position":${page.position}}${more}}`;
}
