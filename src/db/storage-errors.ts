/**
 * What went wrong with local storage, in the three cases the UI treats
 * differently: the device is full (quota), IndexedDB cannot be used at all
 * (private browsing, disabled by policy, blocked by another tab, database
 * from a newer app version), or anything else.
 *
 * Errors reach us wrapped: Dexie puts the browser's DOMException in `inner`,
 * RxDB puts storage errors in `parameters` (`error`, `errors`, `writeError`),
 * and Promise.all code may produce an AggregateError. So we walk the chain.
 */

export type StorageErrorKind = 'quota' | 'unavailable' | 'other';

const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);
/** DOMException legacy codes: 22 is QUOTA_EXCEEDED_ERR; Firefox used 1014. */
const QUOTA_CODES = new Set([22, 1014]);

const UNAVAILABLE_NAMES = new Set([
  // Dexie: no indexedDB global (very old browsers, some embedded webviews).
  'MissingAPIError',
  // Firefox private mode and "never remember history": opening fails.
  'InvalidStateError',
  // Storage disabled by policy, or third-party storage blocked.
  'SecurityError',
  // Another tab holds an older version open and does not let go.
  'BlockedError',
  // The database on disk is newer than this app build.
  'VersionError',
  // Safari: "Connection to Indexed Database server lost".
  'UnknownError',
  'DatabaseClosedError',
  // Dexie's wrapper for any failed open: without a database there is no app.
  'OpenFailedError',
]);
const UNAVAILABLE_MESSAGE = /indexeddb\b.*\b(not (available|supported|found)|unavailable|undefined)|private (mode|brows)|denied permission to access the database|server lost/i;

/** Enough to get through Dexie -> RxDB -> AggregateError wrappers without looping on cycles. */
const MAX_DEPTH = 6;

export function classifyStorageError(err: unknown): StorageErrorKind {
  let unavailable = false;
  let quota = false;
  const seen = new Set<unknown>();

  const visit = (e: unknown, depth: number): void => {
    if (e === null || e === undefined || depth > MAX_DEPTH || seen.has(e)) return;
    if (typeof e === 'string') {
      if (/quota/i.test(e)) quota = true;
      else if (UNAVAILABLE_MESSAGE.test(e)) unavailable = true;
      return;
    }
    if (typeof e !== 'object') return;
    seen.add(e);
    const o = e as Record<string, unknown>;
    const name = typeof o.name === 'string' ? o.name : '';
    const message = typeof o.message === 'string' ? o.message : '';
    if (QUOTA_NAMES.has(name) || (typeof o.code === 'number' && QUOTA_CODES.has(o.code) && name !== '') || /quota/i.test(message)) {
      quota = true;
    } else if (UNAVAILABLE_NAMES.has(name) || UNAVAILABLE_MESSAGE.test(message)) {
      unavailable = true;
    }
    for (const key of ['inner', 'cause', 'error', 'writeError', 'parameters']) visit(o[key], depth + 1);
    for (const key of ['errors', 'failures']) {
      const list = o[key];
      if (Array.isArray(list)) list.forEach((x) => visit(x, depth + 1));
    }
  };

  visit(err, 0);
  // A full disk often surfaces as a failed open too; the fix the user needs is space.
  if (quota) return 'quota';
  return unavailable ? 'unavailable' : 'other';
}

/** The error in one short line, for the admin: shown small under the plain-words message. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`.slice(0, 300);
  return String(err).slice(0, 300);
}

/** What the blocking storage screen says of a failed write: its kind, and the detail for the admin. */
export function storageFailure(err: unknown): { kind: StorageErrorKind; detail: string } {
  return { kind: classifyStorageError(err), detail: describeError(err) };
}
