/**
 * Who changes a mutable record. Mutable records (plants, lines, objectives,
 * key results, improvement actions, ...) name no author, so a push of them
 * says who acts in the `X-Tierboard-Person` header: the person signed in on
 * the device (sync-server/API.md, "Acting person"). Immutable records name their person
 * themselves (personId, raisedBy, outgoingLeadId); the server ignores the
 * header for them, so it is left off.
 */
import { collectionInfo, type CollectionName } from '../domain/records/collections.ts';
import { PERSON_HEADER } from '../domain/wire/protocol.ts';

/**
 * Extra headers for a push of `collection` while `personId` is signed in. Nobody signed in:
 * no header, and the server refuses mutable rows with `person_required`; they wait in the
 * refused list, and "send again" sends them with whoever is signed in then.
 */
export function actingPersonHeaders(collection: CollectionName, personId: string): Record<string, string> {
  const info = collectionInfo(collection);
  if (!info || info.immutable || !personId) return {};
  return { [PERSON_HEADER]: personId };
}
