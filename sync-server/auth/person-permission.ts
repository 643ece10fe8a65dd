/**
 * The server's role check for a person acting on a device: the shared rule
 * book (src/domain/people/permissions.ts), the same one the PWA uses to decide
 * which buttons to offer. Admin routes ask it for the person named in
 * `X-Tierboard-Person` ([A6], acting-person.ts); replication asks it for the
 * person a pushed record names (replication/push-authorisation.ts).
 *
 * It lives in auth/ so the server's folders depend one way: replication/ uses
 * auth/ (who is asking, what they may do, and the Refusal they get), auth/
 * knows nothing of push or pull. It sat in replication/ once, which made the
 * two folders import each other.
 */
import { explainDenial, type Action } from '../../src/domain/people/permissions.ts';
import type { Person } from '../../src/domain/people/people-types.ts';
import type { DeviceAuth } from '../store/store.ts';

/** Null when allowed, else a sentence for the person at the tablet. */
export function mayActFor(person: Person, action: Action, target: { plantId: string }, device: DeviceAuth): string | null {
  const denial = explainDenial({ role: person.role, plantId: person.plantId }, action, target, { kind: device.kind, plantId: device.plantId });
  return denial === null ? null : `${person.name}: ${denial}`;
}
