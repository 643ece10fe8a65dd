// placeholder until permissions.ts exists
import type { CollectionInfo } from '../../src/domain/collections.ts';
import type { CollectionName, Person } from '../../src/domain/types.ts';
import type { DeviceAuth, Store, StoredDocument, StoredRecord } from '../store/store.ts';
import type { DeviceRole } from './device-scope.ts';
export async function loadActors(_s: Store, _c: CollectionName, _r: StoredDocument[]): Promise<Map<string, Person>> { return new Map(); }
export function refusalOf(_a: { info: CollectionInfo; device: DeviceAuth; role: DeviceRole; record: StoredDocument; deleted: boolean; master: StoredRecord | null; actors: Map<string, Person> }): { error: string; message: string } | null { return null; }
