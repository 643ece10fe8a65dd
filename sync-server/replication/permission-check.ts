/**
 * What a pushed record must satisfy beyond its person's role (the role check
 * itself is auth/person-permission.ts): the action a record needs, and the
 * shared rules of what it may say. Escalation steps go through the shared
 * escalation rules ([A10], [A11]), handovers through the shared handover
 * rules ([A12]).
 */
import type { CollectionName } from '../../src/domain/records/collections.ts';
import { deriveEscalation, isSystemEvent, validateEvent, type EscalationActor } from '../../src/domain/escalation/escalation-state.ts';
import { HANDOVER_REFUSAL_TEXT, handoverRecordRefusal } from '../../src/domain/handover/handover-rules.ts';
import { writeActionFor, type Action } from '../../src/domain/people/permissions.ts';
import { englishText } from '../../src/domain/records/refusal.ts';
import type { Escalation, EscalationEvent, TierStep } from '../../src/domain/escalation/escalation-types.ts';
import type { HandoverCheckIn } from '../../src/domain/handover/handover-types.ts';
import type { Person, Role } from '../../src/domain/people/people-types.ts';
import type { DeviceAuth } from '../store/store.ts';

/** The action a pushed record needs, or null when the record cannot be classified (refused, never guessed). */
export function writeActionOf(collection: CollectionName, record: Record<string, unknown>): Action | null {
  try {
    return writeActionFor(collection, record);
  } catch {
    return null;
  }
}

/**
 * [A10] The role the tier timer acts with. No person moves an unanswered
 * escalation up: the ladder does, on whichever enrolled tablet of the plant
 * noticed first. The rule book gives `escalate_escalation` to every floor
 * role ("any floor device records it"), so the timer counts as the least
 * privileged of them; the device check (a tablet of the escalation's plant)
 * is what actually vouches for it.
 */
export const TIER_TIMER_ROLE: Role = 'operator';

/**
 * [A11] When an event reaches the server before its escalation's header (a
 * device pushes each collection on its own, so the small event batch often
 * overtakes the header with its photo), the header is not there to check
 * against. The event is then checked against a stand-in header with its
 * own escalation id and plant and no known raise time: everything that does
 * not depend on the raise time is still checked (who, what, tier on the
 * plant's ladder, the tier timer's id and empty device). Refusing instead
 * would strand an honest offline device's steps in its refusal list.
 */
const UNKNOWN_RAISE_TIME = new Date(0).toISOString();

function standInHeader(event: EscalationEvent): Escalation {
  return {
    id: event.escalationId,
    plantId: event.plantId,
    lineId: '',
    category: 'other',
    severity: 'low',
    description: '',
    photo: '',
    raisedBy: '',
    raisedAt: UNKNOWN_RAISE_TIME,
    deviceId: '',
    receivedAt: '',
  };
}

export interface EscalationStepCheck {
  event: EscalationEvent;
  /** The escalation's stored header; null when it has not reached the server yet. */
  header: Escalation | null;
  /** The plant's tier ladder as stored on the server. */
  ladder: readonly TierStep[];
  /** The person the event names; null for the tier timer's events. */
  person: Person | null;
  device: DeviceAuth;
  /** [A13] The server's time as it received the step (ms); omitted, no time bound is checked. */
  receivedAtMs?: number;
}

/**
 * [A10] Why a pushed escalation step must be refused, or null. One call of
 * the shared `validateEvent` in 'sync' mode: who may take the step, and what
 * it must say (a tier timer step no earlier than its tier's time, under its
 * deterministic id, naming no device; a resolution with its whys, root cause
 * and action...). The state is deliberately not checked: a step an offline
 * device took hours ago is stored, and the fold decides what it means.
 *
 * Why no event log is read: in 'sync' mode `validateEvent` looks only at the
 * view's header, ladder and raise time, never at the events folded into it
 * (the state-dependent checks are 'action' mode only). So the view is derived
 * from the header alone; reading the escalation's events would cost a scan of
 * the plant's event feed (the store has no query by escalation) and could not
 * change the answer. escalation-push.test.ts pins that equivalence down.
 */
export function escalationStepRefusal(c: EscalationStepCheck): string | null {
  if (c.person && c.event.type === 'raised') return raiseStepRefusal(c.event, c.header, c.person);
  const view = deriveEscalation(c.header ?? standInHeader(c.event), [], c.ladder);
  const who: EscalationActor = c.person
    ? { role: c.person.role, plantId: c.person.plantId, personId: c.person.id }
    : { role: TIER_TIMER_ROLE, plantId: c.device.plantId };
  const problem = validateEvent(view, c.event, who, {
    mode: 'sync',
    device: { kind: c.device.kind, plantId: c.device.plantId },
    ...(c.receivedAtMs === undefined ? {} : { receivedAtMs: c.receivedAtMs }),
  });
  if (problem === null) return null;
  return c.person ? `${c.person.name}: ${problem}` : problem;
}

/**
 * The `raised` step a tablet writes beside the header, so the timeline opens
 * with who raised it. `validateEvent` refuses `raised` (raising creates an
 * escalation, it is no step to add to one), so it is checked here: the role
 * check ([A8], raise_escalation) already passed; once the header is stored the
 * step must match it. The fold counts only the first `raised` and takes the
 * raise time from the header, so a stray one changes nothing but the timeline.
 */
function raiseStepRefusal(event: EscalationEvent, header: Escalation | null, person: Person): string | null {
  if (!header) return null;
  // [T5] The header's plant is not named: it may be another plant's, which this device does not see.
  if (header.plantId !== event.plantId) return `This escalation belongs to another plant than the one the event names (${event.plantId}).`;
  if (header.raisedBy !== event.personId) return `${person.name}: only the person who raised an escalation can be named on its "raised" step.`;
  return null;
}

/** A step the tier timer took (no person): authorised by the enrolled device, not by a roster entry. */
export function isTierTimerStep(record: Record<string, unknown>): boolean {
  return typeof record.personId === 'string' && isSystemEvent({ personId: record.personId });
}

/**
 * [A12] Why a pushed handover check-in breaks the shared handover rules (the
 * ones the handover screens check before signing), in the rule's English
 * sentence, or null. The previous check-in is not read: the rules that need
 * it are the signing tablet's (handoverRecordRefusal says why).
 */
export function handoverProblem(checkIn: HandoverCheckIn): string | null {
  const r = handoverRecordRefusal(checkIn);
  return r === null ? null : englishText(r, HANDOVER_REFUSAL_TEXT);
}
