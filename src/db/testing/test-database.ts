/**
 * Test support: a Tierboard database on fake-indexeddb under Node, with a
 * fresh name every call so tests never see each other's records.
 * Only tests import this file (fake-indexeddb is a dev dependency).
 * Dev-mode (schema checks, ajv validation) is on under Node and off in DOM
 * tests, where it would inject an iframe loading rxdb.info (see database.ts).
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { RxStorage } from 'rxdb';
import { openDatabase, type OpenDatabaseOptions, type TierboardDatabase } from '../database.ts';

let counter = 0;

export function freshDatabaseName(prefix = 'tierboard-test'): string {
  counter += 1;
  return `${prefix}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

export function fakeIndexedDbStorage(): RxStorage<unknown, unknown> {
  return getRxStorageDexie({ indexedDB, IDBKeyRange }) as RxStorage<unknown, unknown>;
}

export function openTestDatabase(opts: OpenDatabaseOptions = {}): Promise<TierboardDatabase> {
  return openDatabase({ multiInstance: false, storage: fakeIndexedDbStorage(), name: freshDatabaseName(), ...opts });
}
