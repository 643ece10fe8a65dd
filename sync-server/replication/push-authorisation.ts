/**
 * Who may store a pushed record ([P2], [A8], [A9]): scope first (the record's
 * plant must be the device's), then the role of the person the record names;
 * escalation steps then go through the shared escalation rules ([A10], [A11]),
 * handovers through the shared handover rules ([A12]);
 * a wall screen's noted actions go through [P4].
 * The server is the authority; the device's own checks are only for speed.
 */
import type { CollectionInfo, CollectionName } from '../../src/domain/records/collections.ts';
import { plantOf } from '../../src/domain/records/collections.ts';
import { explainDenial, explainRoleGrant, isPrivilegedStep } from '../../src/domain/people/permissions.ts';
import type { Escalation, EscalationEvent, TierStep } from '../../src/domain/escalation/escalation-types.ts';
import type { HandoverCheckIn } from '../../src/domain/handover/handover-types.ts';
import type { Person, Role } from '../../src/domain/people/people-types.ts';
import type { Plant } from '../../src/domain/plant/plant-types.ts';
import type { RowRefusalCode } from '../../src/domain/wire/protocol.ts';
import type { DeviceAuth, Scope, Store, StoredDocument, StoredRecord } from '../store/store.ts';
import { sameContent } from '../store/write-decisions.ts';
import { scopeOf, type DeviceRole } from './device-scope.ts';
import { peopleInScope, plantInScope } from '../auth/people-in-scope.ts';
import { mayActFor } from '../auth/person-permission.ts';
import { escalationStepRefusal, handoverProblem, isTierTimerStep, writeActionOf } from './permission-check.ts';
import { loadOkrContext, needsOkrContext, okrRefusal, type OkrPushContext } from './okr-check.ts';

/** [A8] The field naming the person who made an immutable record (a handover's: handoverSignerField). */
const ACTOR_FIELD: Partial<Record<CollectionName, string>> = {
  kpi_readings: 'personId',
  escalations: 'raisedBy',
  escalation_events: 'personId',
  handovers: 'outgoingLeadId',
  kr_checkins: 'personId',
};

/**
 * [A12] The lead who answers for a pushed handover. A check-in that names an
 * incoming lead carries their acknowledgement (signed together at the line, or
 * a later acknowledgement of a handover signed alone, which repeats the
 * outgoing lead's content): the incoming lead signed it last, with their PIN,
 * so it is theirs. The outgoing lead of a later acknowledgement was checked
 * when their signature was pushed and may since have left the roster, so it
 * is only named (the shared rules: someone, not the incoming lead). The two
 * kinds cannot be told apart by their shape (the record does not link to
 * the check-in it acknowledges), so a handover signed together is the
 * incoming lead's too. A check-in without an incoming lead is the outgoing
 * lead's signature alone.
 */
export function handoverSignerField(record: StoredDocument): 'incomingLeadId' | 'outgoingLeadId' {
  return typeof record.incomingLeadId === 'string' && record.incomingLeadId !== '' ? 'incomingLeadId' : 'outgoingLeadId';
}

/** The person a record names: its actor field, or `updatedBy` on mutable records, or the pushing session's person. */
export function actorIdOf(collection: CollectionName, record: StoredDocument, sessionPersonId: string): string {
  const field = collection === 'handovers' ? handoverSignerField(record) : (ACTOR_FIELD[collection] ?? 'updatedBy');
  const named = record[field];
  if (typeof named === 'string' && named !== '') return named;
  return ACTOR_FIELD[collection] ? '' : sessionPersonId;
}

/**
 * [A9] [P4] Who noted an improvement action (`notedBy`), '' when it names nobody. It names the
 * person who created the action, not who edits it later, so it speaks only for a new action.
 */
export function notedByOf(collection: CollectionName, record: StoredDocument): string {
  const named = collection === 'improvement_actions' ? record.notedBy : undefined;
  return typeof named === 'string' ? named : '';
}

/**
 * Every person named by a push, read once; for a push of escalation steps
 * also what [A10] checks them against: their escalations' stored headers and
 * their plants' tier ladders.
 *
 * The escalation context rides on the actor map (rather than a field of its
 * own in WriteCheck) so push.ts keeps calling loadActors/refusalOf as it did:
 * the cost is two more `getByIds` per push of escalation steps, batched for
 * the whole push, and nothing for any other collection.
 */
export class PushActors extends Map<string, Person> {
  /** Escalation id -> stored header; missing while the header has not reached the server ([A11]). */
  readonly escalations = new Map<string, Escalation>();
  /** Plant id -> the plant's tier ladder as stored. */
  readonly ladders = new Map<string, TierStep[]>();
  /** [K3] [K5] For a push of key results or their log: the records around them (okr-check.ts). */
  okr: OkrPushContext | null = null;
}

export async function loadActors(
  store: Store,
  scope: Scope,
  collection: CollectionName,
  records: readonly StoredDocument[],
  sessionPersonId: string,
): Promise<PushActors> {
  // Both candidates of an improvement action ([A9]): refusalOf picks one once it knows whether the row is new.
  // One loop into a Set: a push of 500 readings names a handful of people, and this runs per row.
  const named = new Set<string>();
  for (const r of records) {
    const actorId = actorIdOf(collection, r, sessionPersonId);
    if (actorId !== '') named.add(actorId);
    const noterId = notedByOf(collection, r);
    if (noterId !== '') named.add(noterId);
  }
  // [T1] Only people in the device's scope: another plant's person is unknown here.
  const actors = new PushActors(await peopleInScope(store, scope, [...named]));
  if (collection === 'escalation_events' && records.length > 0) await loadEscalationContext(store, records, actors);
  if (needsOkrContext(collection) && records.length > 0) actors.okr = await loadOkrContext(store, collection, records);
  return actors;
}

async function loadEscalationContext(store: Store, records: readonly StoredDocument[], into: PushActors): Promise<void> {
  const escalationIds = [...new Set(records.map((r) => r.escalationId).filter((id): id is string => typeof id === 'string' && id !== ''))];
  const plantIds = [...new Set(records.map((r) => r.plantId).filter((id): id is string => typeof id === 'string' && id !== ''))];
  const [headers, plants] = await Promise.all([
    escalationIds.length > 0 ? store.getByIds('escalations', escalationIds) : [],
    plantIds.length > 0 ? store.getByIds('plants', plantIds) : [],
  ]);
  for (const h of headers) if (!h.deleted) into.escalations.set(h.id, h.data as unknown as Escalation);
  for (const p of plants) if (!p.deleted) into.ladders.set(p.id, (p.data as unknown as Plant).tierLadder ?? []);
}

export interface WriteCheck {
  info: CollectionInfo;
  device: DeviceAuth;
  role: DeviceRole;
  record: StoredDocument;
  deleted: boolean;
  master: StoredRecord | null;
  /** The row came without an assumed master state: the device believes the record is new. */
  assumedNew: boolean;
  actors: ReadonlyMap<string, Person>;
  sessionPersonId: string;
  /** [T2] The person of a valid person session of this device (the server checked the PIN), '' for none. */
  verifiedPersonId: string;
  /** The server's time as it received the push (ms): no tier step may be dated far past it ([A13]). */
  receivedAtMs: number;
}

export interface Denial {
  error: RowRefusalCode;
  message: string;
}

/**
 * [P2] A push cannot move a stored record to another plant. [T5] The stored plant is named
 * only when the device may see it (its own plant, or the whole enterprise): another plant's
 * id is not told to a device of this one.
 */
export function movedPlantDenial(storedPlantId: string, scope: Scope): Denial {
  const where = storedPlantId === '' ? 'the whole enterprise' : plantInScope(scope, storedPlantId) ? `plant ${storedPlantId}` : 'another plant';
  return { error: 'other_plant', message: `This record is stored for ${where} and cannot be moved to another plant.` };
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
  if (c.master && c.master.plantId !== plantId) return movedPlantDenial(c.master.plantId, scopeOf(c.device));
  if (c.device.kind === 'wall_screen') return wallScreenNote(c, plantId);
  if (c.info.name === 'escalation_events' && isTierTimerStep(c.record)) {
    // [A10] No person took this step, the tier ladder did: the enrolled tablet of the plant vouches for it.
    return escalationStep(c, null);
  }
  // [A9] A new action names who noted it, so a push sent after they signed out still names them.
  // Only its creation: a row without an assumed master over a stored action that it changes is an
  // edit (our own "send again" sends one so), and an edit is never the noter's.
  const creating = c.assumedNew && (c.master === null || sameContent(c.master.data, c.record));
  const noter = creating ? notedByOf(c.info.name, c.record) : '';
  const actorId = noter || actorIdOf(c.info.name, c.record, c.sessionPersonId);
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
  if (denial) return { error: 'not_allowed', message: denial };
  // [T2] A privileged change is the person's only when the server checked their PIN itself.
  if (isPrivilegedStep(action, { plantId }) && c.verifiedPersonId !== actor.id) return sessionRequired(actor);
  if (needsOkrContext(c.info.name)) {
    const context = c.actors instanceof PushActors ? c.actors.okr : null;
    return okrRefusal({ collection: c.info.name, record: c.record, deleted: c.deleted, master: c.master, actor, device: c.device, plantId, context });
  }
  if (c.info.name === 'people') return roleGrant(c, actor);
  if (c.info.name === 'handovers') return handover(c);
  return c.info.name === 'escalation_events' ? escalationStep(c, actor) : null;
}

/** [T2] The words of a privileged row pushed without its person's server-verified session. */
export function sessionRequired(actor: Person): Denial {
  return {
    error: 'person_session_required',
    message: `${actor.name}: this change (roster, configuration or enterprise-wide) needs you to sign in again while the device is online, so the server checks your PIN. Then send it again.`,
  };
}

/**
 * [A12] The shared handover rules on a pushed check-in, after [A8] checked its
 * signer: what the screens refuse to sign (the same lead on both sides, an
 * incoming lead who has not acknowledged every item...) is refused here too,
 * with the rule's sentence, since a stored check-in with an incoming lead is
 * taken as acknowledged on every tablet (isAcknowledged).
 */
function handover(c: WriteCheck): Denial | null {
  const problem = handoverProblem(c.record as unknown as HandoverCheckIn);
  return problem === null ? null : { error: 'invalid_record', message: problem };
}

/**
 * [A8] A person record carries a role, and `edit_plant_config` alone would let a plant admin
 * hand out enterprise roles (their own record included). The rule book decides who may give
 * the pushed role over the role the stored record holds; a deletion is checked the same way,
 * its last state naming the role it removes.
 */
function roleGrant(c: WriteCheck, actor: Person): Denial | null {
  const held = c.master ? roleIn(c.master.data) : null;
  const denial = explainRoleGrant({ role: actor.role, plantId: actor.plantId }, c.record.role as Role, held);
  return denial === null ? null : { error: 'not_allowed', message: `${actor.name}: ${denial}` };
}

/** The role a stored person record holds (the schema made it one of ROLES when it was pushed). */
function roleIn(data: StoredDocument): Role | null {
  return typeof data.role === 'string' ? (data.role as Role) : null;
}

/**
 * [P4] A wall screen changes nothing, except that it may note a new improvement action of its
 * own plant (scope checked above) in a tier meeting, for the person named in `notedBy`. Nobody
 * stays signed in on a wall screen and its push may come long after the meeting, so the session's
 * person is never looked at. The rule book refuses every write from a wall screen (its device
 * check); this exception is the server's, so the person is checked without the device: a role
 * with `edit_action` in the record's plant.
 */
function wallScreenNote(c: WriteCheck, plantId: string): Denial | null {
  if (c.info.name !== 'improvement_actions' || !c.assumedNew || c.deleted) {
    return { error: 'read_only_device', message: 'A wall screen can only note new improvement actions; change or remove this one on a tablet.' };
  }
  const noterId = notedByOf(c.info.name, c.record);
  if (noterId === '') {
    return { error: 'person_required', message: 'This action names nobody who noted it. On the wall screen, sign in with your PIN to note an action.' };
  }
  const noter = c.actors.get(noterId);
  if (!noter || !noter.active) {
    return { error: 'unknown_person', message: `The person who noted this action (${noterId}) is not an active member of the roster.` };
  }
  const denial = explainDenial({ role: noter.role, plantId: noter.plantId }, 'edit_action', { plantId });
  return denial === null ? null : { error: 'not_allowed', message: `${noter.name}: ${denial}` };
}

/** [A10] The shared escalation rules on one pushed step; `person` null for the tier timer. */
function escalationStep(c: WriteCheck, person: Person | null): Denial | null {
  const event = c.record as unknown as EscalationEvent;
  const context = c.actors instanceof PushActors ? c.actors : null;
  const problem = escalationStepRefusal({
    event,
    header: context?.escalations.get(event.escalationId) ?? null,
    ladder: context?.ladders.get(event.plantId) ?? [],
    person,
    device: c.device,
    receivedAtMs: c.receivedAtMs,
  });
  if (problem === null) return null;
  // A "system" step other than a tier move is someone posing as the ladder: a question of who, not of content.
  const posing = person === null && event.type !== 'escalated';
  return { error: posing ? 'not_allowed' : 'invalid_record', message: problem };
}
