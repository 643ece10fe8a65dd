/**
 * [A6] [T2] Admin routes (enrollment codes, revocation) act for a person the server itself
 * verified: the person of a valid person session of the calling device
 * (`X-Tierboard-Person-Session`, person-sessions.ts). The device's word (`X-Tierboard-Person`)
 * is not enough for a privileged step. The person must still be active, in the device's
 * scope ([T1]), and have a role that may enroll devices in the plant acted on.
 */
import type { Person } from '../../src/domain/people/people-types.ts';
import type { DeviceAuth, Scope, Store } from '../store/store.ts';
import { personInScope } from './people-in-scope.ts';
import { mayActFor } from './person-permission.ts';
import { refuse } from './refusal.ts';

export async function actingPerson(store: Store, device: DeviceAuth, scope: Scope, verifiedPersonId: string | null, plantId: string): Promise<Person> {
  if (device.kind === 'wall_screen') {
    throw refuse.forbidden('read_only_device', 'A wall screen cannot enroll or remove devices. Use a tablet or desktop.');
  }
  if (!verifiedPersonId) {
    throw refuse.forbidden(
      'person_session_required',
      'Sign in with your PIN while this device is online: enrolling and removing devices needs the server to check who you are (sessions last 15 minutes).',
    );
  }
  // [T1] Looked up in the device's scope only: another plant's person is nobody here.
  const person = await personInScope(store, scope, verifiedPersonId);
  if (!person || !person.active) {
    throw refuse.forbidden('unknown_person', "The person signed in on this device is not an active member of this plant's roster.");
  }
  const denial = mayActFor(person, 'enroll_device', { plantId }, device);
  if (denial) throw refuse.forbidden('not_allowed', denial);
  return person;
}
