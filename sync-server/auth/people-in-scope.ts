/**
 * [T1] Who a device may name: only people it can see. A person is looked up
 * in the plants of the device's scope (a tablet or wall screen: its own
 * plant; an upstream `enterprise` device: every plant), never in every plant
 * of the server: an enterprise admin on another plant's roster is, to this
 * device, nobody, so a tablet cannot act as them. Enterprise-wide roles count
 * where their record is in the device's scope (the demo's enterprise admin
 * sits on Bochum's roster: Bochum devices know them, Peoria devices do not).
 *
 * A person outside the scope is answered exactly as one who does not exist
 * ([T5]): the refusal names nobody and tells the device nothing about other
 * plants' rosters.
 */
import type { Person } from '../../src/domain/people/people-types.ts';
import type { Scope, Store } from '../store/store.ts';

/** True when a record stored for `plantId` is within the scope (enterprise-wide records, plantId '', always are). */
export function plantInScope(scope: Scope, plantId: string): boolean {
  return scope.plantIds === 'all' || plantId === '' || scope.plantIds.includes(plantId);
}

/** The people of these ids that exist, are not deleted, and lie in the scope; ids outside it are left out as if unknown. */
export async function peopleInScope(store: Store, scope: Scope, ids: readonly string[]): Promise<Map<string, Person>> {
  const unique = [...new Set(ids.filter((id) => id !== ''))];
  const found = unique.length > 0 ? await store.getByIds('people', unique) : [];
  const people = new Map<string, Person>();
  for (const r of found) {
    if (r.deleted || !plantInScope(scope, r.plantId)) continue;
    people.set(r.id, r.data as unknown as Person);
  }
  return people;
}

/** One person in scope, or null (unknown, deleted, or another plant's: the same answer). */
export async function personInScope(store: Store, scope: Scope, id: string): Promise<Person | null> {
  return (await peopleInScope(store, scope, [id])).get(id) ?? null;
}
