/**
 * [A6] Admin routes (enrollment codes, revocation) act for a person: the
 * person signed in on the calling device, named in `X-Tierboard-Person`.
 * The device token proves the device; the person must be active, belong to
 * the plant acted on (or hold an enterprise role), and have a role that may
 * enroll devices there.
 */
import type { Person } from '../../src/domain/people/people-types.ts';
import { PERSON_ID_MAX } from '../../src/domain/wire/protocol.ts';
import type { DeviceAuth, Scope, Store } from '../store/store.ts';
import { personInScope } from './people-in-scope.ts';
import { mayActFor } from './person-permission.ts';
import { refuse } from './refusal.ts';

export async function actingPerson(
  store: Store,
  device: DeviceAuth,
  scope: Scope,
  header: string | string[] | undefined,
  plantId: string,
): Promise<Person> {
  if (device.kind === 'wall_screen') {
    throw refuse.forbidden('read_only_device', 'A wall screen cannot enroll or remove devices. Use a tablet or desktop.');
  }
  const personId = typeof header === 'string' ? header.trim() : '';
  if (personId === '' || personId.length > PERSON_ID_MAX) {
    throw refuse.forbidden('person_required', 'Sign in on this device as a plant admin first (the X-Tierboard-Person header names nobody).');
  }
  // [T1] Looked up in the device's scope only: another plant's person is nobody here.
  const person = await personInScope(store, scope, personId);
  if (!person || !person.active) {
    throw refuse.forbidden('unknown_person', "The person signed in on this device is not an active member of this plant's roster.");
  }
  const denial = mayActFor(person, 'enroll_device', { plantId }, device);
  if (denial) throw refuse.forbidden('not_allowed', denial);
  return person;
}
