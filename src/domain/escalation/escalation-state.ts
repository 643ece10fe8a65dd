/**
 * An escalation's state, owner and timeline, derived from its header and its
 * append-only event log. Nothing here is stored: every device and the server
 * fold the same events into the same view.
 *
 * Events come from several devices, in any order, some hours late. The fold is
 * order-independent because it first sorts: by `at` (ms), then `id`, then the
 * event's content (so two records that share an id but differ still land in
 * one fixed order). Then it walks the events once, applying each one the state
 * machine allows at that point and keeping the others in the timeline,
 * marked in `ignored` with the reason. Nothing a person entered disappears;
 * it just does not move the state. Rules, in the floor's terms:
 *
 * - open -> acknowledged -> contained -> resolved -> closed. Containing or
 *   resolving an open escalation acknowledges it too: whoever put the parts
 *   in quarantine or fixed the jam has answered the call, and the tier clock
 *   must stop.
 * - closed only from resolved (closing is verifying a fix).
 * - reopened (from resolved or closed) goes back to OPEN, not acknowledged:
 *   the problem is back and nobody has answered it yet, so it must show as
 *   unanswered and climb the ladder again if nobody picks it up. The tier it
 *   reached stays (the people already called keep seeing it), the tier clock
 *   restarts at the reopen, the owner stays as the last owner, and the
 *   acknowledged/contained/resolved/closed times and the root cause of the
 *   earlier round are cleared from the view (they stay in the timeline).
 * - an event the state does not allow (an offline device's `acknowledged`
 *   after `closed`, a second `closed`) is ignored, with the reason.
 * - escalated: a tier already reached by an earlier escalation is a duplicate
 *   and is dropped from the timeline: two devices that escalated the same
 *   step count as one, the earliest. Tiers never go down.
 * - a tier timer event (personId SYSTEM_PERSON_ID) applies only while nobody
 *   has acknowledged, and only when its id names the current round (see
 *   tierEventId) and its `at` is not before that round began: an offline
 *   device that did not know about an acknowledgement, or about a reopen, or
 *   that reopened too while another reopen counted, cannot move the
 *   escalation up behind anyone's back. Its due time is NOT checked against
 *   the plant's current ladder: the server checked it when the step was
 *   pushed (SPEC A10), under the ladder then in force, and an admin who
 *   edits the ladder later must not take a reached tier back (tiers never go
 *   down, and the step's id is taken, so the tier could never be reached
 *   again). For the same reason a tier the ladder no longer has stays reached.
 * - closed by the person whose resolution counts is ignored: closing is
 *   verifying someone else's fix. The screen refuses it, but two offline
 *   tablets can each allow it (each saw a different resolution first), so
 *   the fold decides, the same way on every device; the escalation stays
 *   resolved until another person verifies it.
 * - the same event id twice is one event (a harmless re-send).
 *
 * Known limit: order is by the devices' `at`. Devices should stamp `at` with
 * their clock corrected by the measured server offset (src/sync), or a device
 * whose clock runs ahead can make a close sort before the fix it verifies.
 */
import { denialRefusal, denialText, explainDenial, writeActionFor, type ActingDevice, type Actor } from '../people/permissions.ts';
import { englishText, refusal, type Refusal } from '../records/refusal.ts';
import {
  ESCALATION_EVENT_TYPES,
  type Escalation,
  type EscalationEvent,
  type EscalationEventType,
  type TierStep,
} from './escalation-types.ts';
import { type Iso } from '../records/record-types.ts';
import { type Role } from '../people/people-types.ts';

export type EscalationState = 'open' | 'acknowledged' | 'contained' | 'resolved' | 'closed';

/** personId of the events the tier timer writes: no person did it, the ladder did. */
export const SYSTEM_PERSON_ID = 'system';
export const MINUTE_MS = 60_000;
/** The method is called 5 Whys; more than five is a sign the chain went astray. */
export const MAX_WHYS = 5;
/** Matches the schema's note length (records/json-schema.ts NOTE_MAX). */
export const MAX_ESCALATION_TEXT = 2_000;

export interface RootCause {
  whys: string[];
  rootCause: string;
  action: string;
  resolvedBy: string;
  resolvedAt: Iso;
}

export interface EscalationView {
  header: Escalation;
  /** The plant's ladder, sorted by tier: what the view was derived with. */
  ladder: TierStep[];
  state: EscalationState;
  tier: number;
  /** The tier when the current round began (raise or last reopen); the overdue rule counts from it. */
  roundStartTier: number;
  /** Who acknowledged, or whom it was last reassigned to; '' while nobody. */
  ownerId: string;
  /** Sorted, duplicates removed. Includes ignored events (see `ignored`). */
  timeline: EscalationEvent[];
  /** Event id -> why it did not change the state. */
  ignored: Record<string, string>;
  raisedAt: Iso;
  /** Start of the tier clock: the raise, or the last applied reopen. */
  clockStartAt: Iso;
  acknowledgedAt: Iso | null;
  /** The first acknowledgement ever, for acknowledgement discipline across reopens. */
  firstAcknowledgedAt: Iso | null;
  containedAt: Iso | null;
  resolvedAt: Iso | null;
  closedAt: Iso | null;
  /** From the clock start to the acknowledgement of the current round; null while unanswered. */
  timeToAcknowledgeMs: number | null;
  rootCause: RootCause | null;
  reopenCount: number;
}

const ACTIVE: ReadonlySet<EscalationState> = new Set(['open', 'acknowledged', 'contained']);
const KNOWN_TYPES: ReadonlySet<string> = new Set(ESCALATION_EVENT_TYPES);

/** The ladder sorted by tier (the order tiers are reached in). */
export function sortLadder(ladder: readonly TierStep[]): TierStep[] {
  return [...ladder].sort((a, b) => a.tier - b.tier || a.afterMinutes - b.afterMinutes);
}

/**
 * When the tier clock of a raise starts: the raise time the device stamped, unless the server
 * received the raise before that time. A tablet whose clock ran ahead before it had measured its
 * offset to the server stamps its raise in the future; counted from that stamp, the problem would
 * sit at tier 1 and look on time for hours. The server's receive time bounds it: a raise cannot have
 * happened after the server stored it. An honest raise sent late (a tablet offline for an hour)
 * keeps its own, earlier time. On the raising tablet before the raise is sent, `receivedAt` is ''.
 */
export function raiseClockStart(header: Pick<Escalation, 'raisedAt' | 'receivedAt'>): Iso {
  const raised = Date.parse(header.raisedAt);
  const received = header.receivedAt === '' ? Number.NaN : Date.parse(header.receivedAt);
  return Number.isFinite(received) && (!Number.isFinite(raised) || received < raised) ? header.receivedAt : header.raisedAt;
}

/**
 * How far ahead of the server's receive time a tier step may be dated. A device that has measured
 * its offset stamps steps with the server's time to within the round trip of that measurement
 * (well under a second on a plant network) plus its quartz drift since (seconds a day); two minutes
 * covers both with room, and is far below any tier's spacing (tiers are 30 minutes apart by default).
 */
export const TIER_STEP_CLOCK_ALLOWANCE_MS = 2 * MINUTE_MS;

/** When a tier falls due in the view's current round: clock start + the tier's minutes. */
export function tierDueAtMs(view: Pick<EscalationView, 'clockStartAt'>, step: TierStep): number {
  return Date.parse(view.clockStartAt) + step.afterMinutes * MINUTE_MS;
}

/**
 * The id of a tier timer event. Deterministic, so every device that sees the
 * same tier fall due writes the very same record, and the server stores it once.
 * `round` is 0 for the first round (ids `<escalationId>:tier:<n>`, as stored
 * since the start) and, after a reopen, the time in ms of the reopen the fold
 * applied (`<escalationId>:reopen:<ms>:tier:<n>`). Why the reopen's time and
 * not a count of reopens: two tablets that each reopened offline both made
 * "reopen 1", and their tier steps shared ids but not times (each counted
 * from its own reopen), so the server kept one copy and devices folded
 * differently. The step's `at` is the round's start plus the tier's minutes,
 * so naming the start makes one id mean one time; the fold honours only the
 * round it applied. (The reopen event's own id would do the same, but with
 * two 26-character ids the record id would exceed the schema's 64 characters.)
 */
export function tierEventId(escalationId: string, round: number, tier: number): string {
  return round === 0 ? `${escalationId}:tier:${tier}` : `${escalationId}:reopen:${round}:tier:${tier}`;
}

/** The view's current round as tierEventId names it: 0 until a reopen counts, then that reopen's time (ms). */
export function roundOf(view: Pick<EscalationView, 'reopenCount' | 'clockStartAt'>): number {
  return view.reopenCount === 0 ? 0 : Date.parse(view.clockStartAt);
}

/** The round a tier timer id names (0, or a reopen's time in ms), or null when it is no timer id of this escalation and tier. */
export function tierEventRound(id: string, escalationId: string, tier: number): number | null {
  if (id === tierEventId(escalationId, 0, tier)) return 0;
  const prefix = `${escalationId}:reopen:`;
  const suffix = `:tier:${tier}`;
  if (!id.startsWith(prefix) || !id.endsWith(suffix)) return null;
  const round = id.slice(prefix.length, id.length - suffix.length);
  return /^[1-9]\d{0,15}$/.test(round) ? Number(round) : null;
}

export function isSystemEvent(e: Pick<EscalationEvent, 'personId'>): boolean {
  return e.personId === SYSTEM_PERSON_ID;
}

function timeOf(e: EscalationEvent): number {
  const t = Date.parse(e.at);
  return Number.isFinite(t) ? t : Number.POSITIVE_INFINITY;
}

function compareEvents(a: EscalationEvent, b: EscalationEvent): number {
  const ta = timeOf(a);
  const tb = timeOf(b);
  if (ta !== tb) return ta < tb ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  const ca = JSON.stringify(a);
  const cb = JSON.stringify(b);
  return ca < cb ? -1 : ca > cb ? 1 : 0;
}

const STATE_WORDS: Record<EscalationState, string> = {
  open: 'still open (nobody acknowledged it)',
  acknowledged: 'already acknowledged',
  contained: 'contained',
  resolved: 'resolved',
  closed: 'closed',
};

const EVENT_WORDS: Record<EscalationEventType, string> = {
  raised: 'raised',
  acknowledged: 'acknowledged',
  escalated: 'moved up a tier',
  reassigned: 'reassigned',
  commented: 'commented on',
  contained: 'marked contained',
  resolved: 'resolved',
  closed: 'closed',
  reopened: 'reopened',
};

function notNow(state: EscalationState, type: string): string {
  return `Arrived while the escalation was ${STATE_WORDS[state]}; ${type} does not apply then.`;
}

interface Fold {
  view: EscalationView;
  reached: Set<number>;
  raisedSeen: boolean;
}

type Outcome = 'applied' | 'duplicate' | string;

function acknowledge(v: EscalationView, e: EscalationEvent, owner: string): void {
  v.acknowledgedAt = e.at;
  v.firstAcknowledgedAt ??= e.at;
  v.ownerId = owner;
  v.timeToAcknowledgeMs = Math.max(0, Date.parse(e.at) - Date.parse(v.clockStartAt));
}

function apply(f: Fold, e: EscalationEvent): Outcome {
  const v = f.view;
  if (!Number.isFinite(Date.parse(e.at))) return 'Has no valid time.';
  switch (e.type) {
    case 'raised':
      if (f.raisedSeen) return 'duplicate';
      f.raisedSeen = true;
      return 'applied';
    case 'acknowledged':
      if (v.state !== 'open') return notNow(v.state, 'an acknowledgement');
      v.state = 'acknowledged';
      acknowledge(v, e, e.personId);
      return 'applied';
    case 'escalated': {
      if (!Number.isInteger(e.tier)) return 'Names no tier.';
      if (f.reached.has(e.tier)) return 'duplicate';
      if (e.tier <= v.tier) return `Already at tier ${v.tier}; tiers only go up.`;
      if (isSystemEvent(e)) {
        if (v.state !== 'open') return `Tier ${e.tier} timer: the escalation was ${STATE_WORDS[v.state]} by then, which stops the ladder.`;
        if (e.id !== tierEventId(v.header.id, roundOf(v), e.tier)) {
          return `Tier ${e.tier} timer: written for another round (an earlier one, or a reopen that did not count).`;
        }
        if (Date.parse(e.at) < Date.parse(v.clockStartAt)) return `Tier ${e.tier} timer: dated before this round began.`;
      } else if (!ACTIVE.has(v.state)) {
        return notNow(v.state, 'moving up a tier');
      }
      v.tier = e.tier;
      f.reached.add(e.tier);
      return 'applied';
    }
    case 'reassigned':
      if (!ACTIVE.has(v.state)) return notNow(v.state, 'reassigning');
      if (e.toPersonId === '') return 'Names nobody to reassign to.';
      v.ownerId = e.toPersonId;
      return 'applied';
    case 'commented':
      return 'applied';
    case 'contained':
      if (v.state !== 'open' && v.state !== 'acknowledged') return notNow(v.state, 'containment');
      if (v.state === 'open') acknowledge(v, e, v.ownerId || e.personId);
      v.state = 'contained';
      v.containedAt = e.at;
      return 'applied';
    case 'resolved':
      if (!ACTIVE.has(v.state)) return notNow(v.state, 'a resolution');
      if (v.state === 'open') acknowledge(v, e, v.ownerId || e.personId);
      v.state = 'resolved';
      v.resolvedAt = e.at;
      v.rootCause = { whys: [...e.whys], rootCause: e.rootCause, action: e.action, resolvedBy: e.personId, resolvedAt: e.at };
      return 'applied';
    case 'closed':
      if (v.state !== 'resolved') return notNow(v.state, 'closing');
      if (e.personId === v.rootCause?.resolvedBy) {
        return 'Closed by the person whose resolution counts; closing is verifying someone else\'s fix, so it stays resolved until another person verifies it.';
      }
      v.state = 'closed';
      v.closedAt = e.at;
      return 'applied';
    case 'reopened':
      if (v.state !== 'resolved' && v.state !== 'closed') return notNow(v.state, 'reopening');
      v.state = 'open';
      v.reopenCount += 1;
      v.clockStartAt = e.at;
      v.roundStartTier = v.tier;
      v.acknowledgedAt = v.containedAt = v.resolvedAt = v.closedAt = null;
      v.timeToAcknowledgeMs = null;
      v.rootCause = null;
      return 'applied';
    default:
      return `Unknown event type ${JSON.stringify(e.type)}.`;
  }
}

/** Fold an escalation's events into its current view. Never throws on odd events. */
export function deriveEscalation(header: Escalation, events: readonly EscalationEvent[], ladder: readonly TierStep[]): EscalationView {
  const steps = sortLadder(ladder);
  const firstTier = steps[0]?.tier ?? 1;
  const view: EscalationView = {
    header,
    ladder: steps,
    state: 'open',
    tier: firstTier,
    roundStartTier: firstTier,
    ownerId: '',
    timeline: [],
    ignored: {},
    raisedAt: header.raisedAt,
    clockStartAt: raiseClockStart(header),
    acknowledgedAt: null,
    firstAcknowledgedAt: null,
    containedAt: null,
    resolvedAt: null,
    closedAt: null,
    timeToAcknowledgeMs: null,
    rootCause: null,
    reopenCount: 0,
  };
  const fold: Fold = { view, reached: new Set(), raisedSeen: false };
  const seenIds = new Set<string>();
  const sorted = events.filter((e) => e.escalationId === header.id).sort(compareEvents);
  for (const e of sorted) {
    if (seenIds.has(e.id)) continue;
    seenIds.add(e.id);
    const outcome = apply(fold, e);
    if (outcome === 'duplicate') continue;
    view.timeline.push(e);
    if (outcome !== 'applied') view.ignored[e.id] = outcome;
  }
  return view;
}

// ---------------------------------------------------------------- what may be done next

const NEXT: Record<EscalationState, readonly EscalationEventType[]> = {
  open: ['acknowledged', 'escalated', 'reassigned', 'commented', 'contained', 'resolved'],
  acknowledged: ['escalated', 'reassigned', 'commented', 'contained', 'resolved'],
  contained: ['escalated', 'reassigned', 'commented', 'resolved'],
  resolved: ['commented', 'closed', 'reopened'],
  closed: ['commented', 'reopened'],
};

/** A role acting in the escalation's own plant, or a full actor (role and home plant). */
export type EscalationActor = Role | (Actor & { personId?: string });

function actorOf(view: EscalationView, who: EscalationActor): Actor {
  return typeof who === 'string' ? { role: who, plantId: view.header.plantId } : who;
}

/** The next tier up the ladder, or null at the top. */
export function nextTier(view: Pick<EscalationView, 'ladder' | 'tier'>): TierStep | null {
  return view.ladder.find((s) => s.tier > view.tier) ?? null;
}

/**
 * The events this person may append now, for the buttons the screen offers.
 * `raised` is never among them: raising creates a new escalation.
 */
export function allowedTransitions(view: EscalationView, who: EscalationActor, device?: ActingDevice): EscalationEventType[] {
  const actor = actorOf(view, who);
  const target = { plantId: view.header.plantId };
  return NEXT[view.state].filter((type) => {
    if (type === 'escalated' && !nextTier(view)) return false;
    if (type === 'closed' && typeof who !== 'string' && who.personId !== undefined && who.personId === view.rootCause?.resolvedBy) return false;
    return explainDenial(actor, writeActionFor('escalation_events', { type }), target, device) === null;
  });
}

export interface ValidateOptions {
  /**
   * 'action' (default): a person acting now, on the screen or through the
   * server; the event must also fit the current state.
   * 'sync': an event a device pushed, perhaps hours late. The state is not
   * checked (the fold decides what a late event means; refusing it would drop
   * what someone entered), only who may do it and what it says.
   */
  mode?: 'action' | 'sync';
  device?: ActingDevice;
  /**
   * The server's time (ms) as it received the event. A tier step dated later than this (plus
   * TIER_STEP_CLOCK_ALLOWANCE_MS) comes from a clock that runs ahead and is refused: the ladder
   * would otherwise move up hours early on every screen. Steps a person took are kept whatever
   * their time (nothing a person entered is dropped); the tier timer's steps are made again, under
   * the same id, when they really fall due.
   */
  receivedAtMs?: number;
}

/** The English wording of every escalation step refusal (the server's words); permission codes come from permissions.ts. */
export const ESCALATION_REFUSAL_TEXT: Readonly<Record<string, string>> = {
  otherEscalation: 'This event belongs to another escalation.',
  eventOtherPlant: 'This escalation belongs to plant {plant}, the event says {eventPlant}.',
  unknownStep: 'Unknown escalation step {type}.',
  noValidTime: 'The event has no valid time.',
  raisedByCreating: 'An escalation is raised by creating it, not by adding a step.',
  systemOnlyEscalates: 'Only the tier timer acts as "system", and it only moves escalations up.',
  signInFirst: 'Sign in first: every step names the person who took it.',
  textTooLong: 'Texts are limited to {max} characters.',
  tierNotOnLadder: "Tier {tier} is not on this plant's ladder.",
  timerHasDevice: 'A tier timer event names no device (deviceId must be empty).',
  timerEventId: 'A tier timer event must have the id {id} (or its reopen form).',
  tierNotDue: 'Tier {tier} is not due before {due}.',
  tierStepFromFuture: "This tier move is dated {at}, later than the server's clock: the device's clock runs ahead. It is made again when the tier falls due.",
  alreadyAtTier: 'The escalation is already at tier {tier}.',
  chooseReassignee: 'Choose the person to reassign the escalation to.',
  alreadyOwner: 'That person already owns this escalation.',
  writeComment: 'Write the comment first.',
  answerWhy: 'Answer at least the first "why?" (and leave no empty ones).',
  tooManyWhys: 'At most {max} whys.',
  nameRootCause: 'Name the root cause.',
  describeAction: 'Describe the action taken.',
  resolverCannotClose: 'The person who resolved an escalation cannot also verify and close it; ask a supervisor or the plant head.',
};

/** The English sentence of a refusal from validateEventRefusal (escalation or permission code). */
export function escalationRefusalText(r: Refusal): string {
  if (r.code === 'stateDoesNotFit') {
    const state = STATE_WORDS[r.params?.state as EscalationState] ?? String(r.params?.state);
    const step = EVENT_WORDS[r.params?.step as EscalationEventType] ?? String(r.params?.step);
    return `This escalation is ${state}; it cannot be ${step} now.`;
  }
  return denialText(r) ?? englishText(r, ESCALATION_REFUSAL_TEXT);
}

function contentProblem(view: EscalationView, e: EscalationEvent, mode: 'action' | 'sync'): Refusal | null {
  const tooLong = [e.comment, e.rootCause, e.action, ...e.whys].some((t) => t.length > MAX_ESCALATION_TEXT);
  if (tooLong) return refusal('textTooLong', { max: MAX_ESCALATION_TEXT });
  switch (e.type) {
    case 'escalated': {
      const step = view.ladder.find((s) => s.tier === e.tier);
      if (!step) return refusal('tierNotOnLadder', { tier: e.tier });
      if (isSystemEvent(e)) {
        if (e.deviceId !== '') return refusal('timerHasDevice');
        const round = tierEventRound(e.id, view.header.id, e.tier);
        if (round === null) return refusal('timerEventId', { id: tierEventId(view.header.id, 0, e.tier) });
        // Due in the round its id names: the raise, or the reopen at that time. Checked here, under
        // the ladder in force when the step is pushed, and not again in the fold (see the file comment).
        const dueMs = (round === 0 ? Date.parse(raiseClockStart(view.header)) : round) + step.afterMinutes * MINUTE_MS;
        if (Date.parse(e.at) < dueMs) return refusal('tierNotDue', { tier: e.tier, due: new Date(dueMs).toISOString() });
        return null;
      }
      if (mode === 'action' && e.tier <= view.tier) return refusal('alreadyAtTier', { tier: view.tier });
      return null;
    }
    case 'reassigned':
      if (e.toPersonId === '') return refusal('chooseReassignee');
      if (mode === 'action' && e.toPersonId === view.ownerId) return refusal('alreadyOwner');
      return null;
    case 'commented':
      return e.comment.trim() === '' ? refusal('writeComment') : null;
    case 'resolved': {
      if (e.whys.length === 0 || e.whys.some((w) => w.trim() === '')) return refusal('answerWhy');
      if (e.whys.length > MAX_WHYS) return refusal('tooManyWhys', { max: MAX_WHYS });
      if (e.rootCause.trim() === '') return refusal('nameRootCause');
      if (e.action.trim() === '') return refusal('describeAction');
      return null;
    }
    case 'closed':
      if (mode === 'action' && e.personId !== '' && e.personId === view.rootCause?.resolvedBy) return refusal('resolverCannotClose');
      return null;
    default:
      return null;
  }
}

/**
 * Why this event must be refused, as a code the screen words in its language
 * (escalationRefusalText gives the English), or null when it may be appended.
 * The UI checks before writing; the server checks every pushed event (mode
 * 'sync') so a tampered device gains nothing.
 */
export function validateEventRefusal(view: EscalationView, event: EscalationEvent, who: EscalationActor, options: ValidateOptions = {}): Refusal | null {
  const mode = options.mode ?? 'action';
  if (event.escalationId !== view.header.id) return refusal('otherEscalation');
  if (event.plantId !== view.header.plantId) return refusal('eventOtherPlant', { plant: view.header.plantId, eventPlant: event.plantId });
  if (!KNOWN_TYPES.has(event.type)) return refusal('unknownStep', { type: JSON.stringify(event.type) });
  if (!Number.isFinite(Date.parse(event.at))) return refusal('noValidTime');
  if (isSystemEvent(event) && options.receivedAtMs !== undefined && Date.parse(event.at) > options.receivedAtMs + TIER_STEP_CLOCK_ALLOWANCE_MS) {
    return refusal('tierStepFromFuture', { at: event.at });
  }
  if (event.type === 'raised') return refusal('raisedByCreating');
  if (isSystemEvent(event) && event.type !== 'escalated') return refusal('systemOnlyEscalates');
  if (!isSystemEvent(event) && event.personId === '') return refusal('signInFirst');
  const denial = denialRefusal(actorOf(view, who), writeActionFor('escalation_events', event), { plantId: view.header.plantId }, options.device);
  if (denial) return denial;
  if (mode === 'action') {
    const fits = isSystemEvent(event) ? view.state === 'open' : NEXT[view.state].includes(event.type);
    if (!fits) return refusal('stateDoesNotFit', { state: view.state, step: event.type });
  }
  return contentProblem(view, event, mode);
}

/** Why this event must be refused, in English words for the person at the screen, or null (the server's refusal text). */
export function validateEvent(view: EscalationView, event: EscalationEvent, who: EscalationActor, options: ValidateOptions = {}): string | null {
  const r = validateEventRefusal(view, event, who, options);
  return r ? escalationRefusalText(r) : null;
}
