/**
 * Who may store a pushed record ([P2], [A8], [A9]): scope first (the record's
 * plant must be the device's), then the role of the person the record names.
 * The server is the authority; the device's own checks are only for speed.
 */
import type { CollectionInfo, CollectionName } from '../../src/domain/collections.ts';
import { plantOf } from '../../src/domain/collections.ts';
import type { Person } from '../../src/domain/types.ts';
import type { DeviceAuth, Store, StoredDocument, StoredRecord } from '../store/store.ts';
import type { DeviceRole } from './device-scope.ts';
import { mayActFor, writeActionOf } from './permission-check.ts';

/** [A8] The field naming the person who made an immutable record. */
const ACTOR_FIELD: Partial<Record<CollectionName, string>> = {
  kpi_readings: 'personId',
  escalations: 'raisedBy',
  escalation_events: 'personId',
  handovers: 'outgoingLeadId',
  kr_checkins: 'personId',
};

/** The person a record names: its actor field, or `updatedBy` on mutable records, or the pushing session's person. */
export function actorIdOf(collection: CollectionName, record: StoredDocument, sessionPersonId: string): string {
  const field = ACTOR_FIELD[collection] ?? 'updatedBy';
  const named = record[field];
  if (typeof named === 'string' && named !== '') return named;
  return ACTOR_FIELD[collection] ? '' : sessionPersonId;
}

/** Every person named by a push, read once. */
export async function loadActors(store: Store, collection: CollectionName, records: readonly StoredDocument[], sessionPersonId: string): Promise<Map<string, Person>> {
  const ids = [...new Set(records.map((r) => actorIdOf(collection, r, sessionPersonId)).filter((id) => id !== ''))];
  const found = ids.length > 0 ? await store.getByIds('people', ids) : [];
  return new Map(found.filter((r) => !r.deleted).map((r) => [r.id, r.data as unknown as Person]));
}

export interface WriteCheck {
  info: CollectionInfo;
  device: DeviceAuth;
  role: DeviceRole;
  record: StoredDocument;
  deleted: boolean;
  master: StoredRecord | null;
  actors: ReadonlyMap<string, Person>;
  sessionPersonId: string;
}

export interface Denial {
  error: string;
  message: string;
}

export function refusalOf(c: WriteCheck): Denial | null {
  // The hook for upstream replication: a plant server pushing up has already
  // authorised every record at the plant where it was made.
  if (c.role === 'enterprise') return null;
  const plantId = plantOf(c.info.name, c.record);
  if (c.info.scope === 'plant' && plantId === '') {
    return { error: 'out_of_scope', message: 'This record names no plant, so it cannot be stored.' };
  }
  if (plantId !== '' && plantId !== c.device.plantId) {
    return { error: 'other_plant', message: `This record belongs to plant ${plantId}, but this device is enrolled at plant ${c.device.plantId}.` };
  }
  if (c.master && c.master.plantId !== plantId) {
    return { error: 'other_plant', message: `This record is stored for plant ${c.master.plantId || 'the whole enterprise'} and cannot be moved to another plant.` };
  }
  const actorId = actorIdOf(c.info.name, c.record, c.sessionPersonId);
  if (actorId === '') {
    return { error: 'person_required', message: 'Nobody is named for this change. Sign in on this device as a person allowed to make it, then sync again.' };
  }
  const actor = c.actors.get(actorId);
  if (!actor || !actor.active) {
    return { error: 'unknown_person', message: `The person on this record (${actorId}) is not an active member of the roster.` };
  }
  const action = writeActionOf(c.info.name, c.record);
  if (action === null) return { error: 'invalid_record', message: 'The server cannot tell what kind of change this record is, so it refuses it.' };
  const denial = mayActFor(actor, action, { plantId }, c.device);
  return denial ? { error: 'not_allowed', message: denial } : null;
}
