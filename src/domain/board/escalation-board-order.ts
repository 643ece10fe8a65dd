/**
 * Open escalations on the plant board: most severe first, then oldest first,
 * each with its current tier, owner, live timer and an overdue flag.
 *
 * The state is derived from the append-only event log here with a minimal
 * reading of the design's tier ladder, kept local to the board:
 * - Open on the board: raised or reopened and not yet resolved or closed
 *   (a resolved escalation waits for verification off the floor's board).
 * - Timers run from raising, or from the last reopening.
 * - While nobody has acknowledged it, the tier reached is the highest ladder
 *   step whose `afterMinutes` have passed; an `escalated` event's tier counts
 *   too (a device may have moved it up). Acknowledging stops the climb.
 * - Overdue: not acknowledged within the first tier's time, i.e. it has
 *   climbed past the tier that should have taken it.
 * - Owner: whoever acknowledged it, or the person it was last reassigned to;
 *   empty while nobody has (the board then shows the tier's role).
 */
import type { Escalation, EscalationEvent, Role, Severity, TierStep } from '../types.ts';

export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

export type BoardEscalationState = 'raised' | 'acknowledged' | 'contained';

export interface BoardEscalation {
  escalation: Escalation;
  state: BoardEscalationState;
  acknowledged: boolean;
  /** Ms since raising (or reopening): the live timer. */
  ageMs: number;
  /** Tier reached (ladder's `tier`), 0 with an empty ladder. */
  tier: number;
  tierLabel: string;
  tierRole: Role | null;
  ownerId: string;
  overdue: boolean;
  /** When it moves up next if still nobody acknowledges; null once acknowledged or at the top. */
  nextTierAtMs: number | null;
}

const MINUTE_MS = 60_000;

function byTime(a: EscalationEvent, b: EscalationEvent): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** One escalation's board view, or null when it is not open. */
export function boardEscalation(
  escalation: Escalation,
  events: readonly EscalationEvent[],
  ladder: readonly TierStep[],
  nowMs: number,
): BoardEscalation | null {
  const steps = [...ladder].sort((a, b) => a.afterMinutes - b.afterMinutes);
  let state: BoardEscalationState | 'resolved' | 'closed' = 'raised';
  let startMs = Date.parse(escalation.raisedAt);
  let ackMs: number | null = null;
  let ownerId = '';
  let recordedTier = 0;
  for (const e of [...events].filter((x) => x.escalationId === escalation.id).sort(byTime)) {
    const at = Date.parse(e.at);
    switch (e.type) {
      case 'acknowledged':
        if (ackMs === null) ackMs = at;
        if (state === 'raised') state = 'acknowledged';
        if (!ownerId) ownerId = e.personId;
        break;
      case 'reassigned':
        ownerId = e.toPersonId;
        break;
      case 'escalated':
        recordedTier = Math.max(recordedTier, e.tier);
        break;
      case 'contained':
        if (state === 'raised' || state === 'acknowledged') state = 'contained';
        break;
      case 'resolved':
        if (state !== 'closed') state = 'resolved';
        break;
      case 'closed':
        state = 'closed';
        break;
      case 'reopened':
        state = 'raised';
        startMs = at;
        ackMs = null;
        ownerId = '';
        recordedTier = 0;
        break;
      default:
        break;
    }
  }
  if (state === 'resolved' || state === 'closed') return null;
  const climbUntil = ackMs ?? nowMs;
  let reached: TierStep | undefined;
  let next: TierStep | undefined;
  for (const s of steps) {
    if (startMs + s.afterMinutes * MINUTE_MS <= climbUntil) reached = s;
    else if (!next) next = s;
  }
  const recorded = steps.filter((s) => s.tier <= recordedTier).pop();
  const current = recorded && (!reached || recorded.tier > reached.tier) ? recorded : reached;
  const first = steps[0];
  const acknowledged = ackMs !== null;
  return {
    escalation,
    state,
    acknowledged,
    ageMs: Math.max(0, nowMs - startMs),
    tier: current?.tier ?? 0,
    tierLabel: current?.label ?? '',
    tierRole: current?.role ?? null,
    ownerId,
    overdue: !acknowledged && first !== undefined && current !== undefined && current.tier !== first.tier,
    nextTierAtMs: !acknowledged && next ? startMs + next.afterMinutes * MINUTE_MS : null,
  };
}

/** Severity (critical first), then age (oldest raised first), then id so the order never flickers. */
export function compareBoardEscalations(a: BoardEscalation, b: BoardEscalation): number {
  const s = SEVERITY_ORDER.indexOf(a.escalation.severity) - SEVERITY_ORDER.indexOf(b.escalation.severity);
  if (s !== 0) return s;
  const age = b.ageMs - a.ageMs;
  if (age !== 0) return age;
  return a.escalation.id < b.escalation.id ? -1 : a.escalation.id > b.escalation.id ? 1 : 0;
}

/** The board's escalation list: open ones only, in board order. */
export function escalationBoard(
  escalations: readonly Escalation[],
  events: readonly EscalationEvent[],
  ladder: readonly TierStep[],
  nowMs: number,
): BoardEscalation[] {
  const byEscalation = new Map<string, EscalationEvent[]>();
  for (const e of events) {
    const list = byEscalation.get(e.escalationId);
    if (list) list.push(e);
    else byEscalation.set(e.escalationId, [e]);
  }
  const out: BoardEscalation[] = [];
  for (const esc of escalations) {
    const view = boardEscalation(esc, byEscalation.get(esc.id) ?? [], ladder, nowMs);
    if (view) out.push(view);
  }
  return out.sort(compareBoardEscalations);
}
