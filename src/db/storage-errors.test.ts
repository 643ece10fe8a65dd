import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { newRxError } from 'rxdb';
import { classifyStorageError } from './storage-errors.ts';

const quotaDom = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('classifyStorageError', () => {
  it('recognises a full device however it is wrapped', () => {
    expect(classifyStorageError(quotaDom())).toBe('quota');
    // Firefox's legacy name, no helpful message.
    expect(classifyStorageError({ name: 'NS_ERROR_DOM_QUOTA_REACHED', message: '' })).toBe('quota');
    // Dexie: a transaction aborted because the browser refused the write.
    expect(classifyStorageError(new Dexie.AbortError('Transaction aborted', quotaDom()))).toBe('quota');
    expect(classifyStorageError(new Dexie.QuotaExceededError('Quota exceeded'))).toBe('quota');
    // RxDB: storage errors ride in `parameters`.
    const rx = newRxError('COL20', { writeError: { status: 500, error: new Dexie.AbortError('aborted', quotaDom()) } } as never);
    expect(classifyStorageError(rx)).toBe('quota');
    expect(classifyStorageError(new AggregateError([new Error('first'), quotaDom()]))).toBe('quota');
  });

  it('recognises IndexedDB that cannot be used at all', () => {
    expect(classifyStorageError(new Dexie.MissingAPIError('IndexedDB API missing'))).toBe('unavailable');
    // Firefox private browsing: open fails with InvalidStateError inside OpenFailedError.
    const privateMode = new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError');
    expect(classifyStorageError(new Dexie.OpenFailedError('open failed', privateMode))).toBe('unavailable');
    expect(classifyStorageError(new DOMException('denied', 'SecurityError'))).toBe('unavailable');
    expect(classifyStorageError(new Error('Connection to Indexed Database server lost. Refresh the page to try again'))).toBe('unavailable');
    expect(classifyStorageError(new Dexie.VersionError('The requested version is less than the existing version'))).toBe('unavailable');
  });

  it('calls everything else other, including a plain bug and a missing error', () => {
    expect(classifyStorageError(new TypeError("Cannot read properties of undefined (reading 'value')"))).toBe('other');
    expect(classifyStorageError(newRxError('DB8', { database: 'tierboard' } as never))).toBe('other');
    expect(classifyStorageError(undefined)).toBe('other');
  });

  it('prefers quota when a failed open was caused by a full disk', () => {
    expect(classifyStorageError(new Dexie.OpenFailedError('open failed', quotaDom()))).toBe('quota');
  });

  it('survives cyclic error graphs', () => {
    const a: Record<string, unknown> = { name: 'Error', message: 'a' };
    a.cause = a;
    expect(classifyStorageError(a)).toBe('other');
  });
});
