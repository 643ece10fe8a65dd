/**
 * [T3] Which PIN hashes a device kind is sent. People records carry a salted PIN hash so a
 * tablet can sign people in offline; a copied hash of a 4-digit PIN falls to an offline
 * search, so each device gets only the hashes it needs:
 *
 * - a wall screen gets none (it signs nobody in offline);
 * - a tablet gets the hashes of its own plant's people with floor roles (isFloorRole);
 *   admins and enterprise roles are verified by the server only ([T2]);
 * - an upstream `enterprise` device (a plant server replicating up) gets every hash.
 *
 * A withheld hash travels as `pinHash: ''`, `pinSalt: ''` (the schema's "no PIN on this
 * device"), so the record stays valid on the device. Pulls, the live stream and push answers
 * all pass people documents through here. Kept apart from pull.ts's paging on purpose.
 */
import { isFloorRole } from '../../src/domain/people/permissions.ts';
import type { Role } from '../../src/domain/people/people-types.ts';
import type { CollectionName } from '../../src/domain/records/collections.ts';
import type { DeviceAuth } from '../store/store.ts';
import { roleOf } from './device-scope.ts';

/** What a device sees of PIN hashes: none, its plant's floor roles', or all. */
export type PinView = 'none' | 'floor' | 'all';

export function pinViewOf(device: DeviceAuth): PinView {
  if (roleOf(device) === 'enterprise') return 'all';
  return device.kind === 'tablet' ? 'floor' : 'none';
}

/**
 * The stored JSON text of a document as a device of `view` may see it. Identity for every
 * collection but `people`. A tablet's scope is its own plant (plus enterprise-wide records,
 * plantId ''), so 'floor' keeps a hash only for a floor role on a plant's roster.
 */
export function shownJson(collection: CollectionName, view: PinView, json: string): string {
  if (collection !== 'people' || view === 'all') return json;
  const doc = JSON.parse(json) as Record<string, unknown>;
  if (doc.pinHash === '' && doc.pinSalt === '') return json;
  const keeps = view === 'floor' && typeof doc.plantId === 'string' && doc.plantId !== '' && isFloorRole(doc.role as Role);
  if (keeps) return json;
  if (doc.pinHash === undefined && doc.pinSalt === undefined) return json;
  doc.pinHash = '';
  doc.pinSalt = '';
  return JSON.stringify(doc);
}
