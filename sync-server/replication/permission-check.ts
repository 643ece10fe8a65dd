/**
 * The server's role check: the shared rule book (src/domain/permissions.ts),
 * the same one the PWA uses to decide which buttons to offer, applied to the
 * person a record names and the device that sent it.
 */
import type { CollectionName } from '../../src/domain/collections.ts';
import { explainDenial, writeActionFor, type Action } from '../../src/domain/permissions.ts';
import type { Person } from '../../src/domain/types.ts';
import type { DeviceAuth } from '../store/store.ts';

/** Null when allowed, else a sentence for the person at the tablet. */
export function mayActFor(person: Person, action: Action, target: { plantId: string }, device: DeviceAuth): string | null {
  const denial = explainDenial({ role: person.role, plantId: person.plantId }, action, target, { kind: device.kind, plantId: device.plantId });
  return denial === null ? null : `${person.name}: ${denial}`;
}

/** The action a pushed record needs, or null when the record cannot be classified (refused, never guessed). */
export function writeActionOf(collection: CollectionName, record: Record<string, unknown>): Action | null {
  try {
    return writeActionFor(collection, record);
  } catch {
    return null;
  }
}
