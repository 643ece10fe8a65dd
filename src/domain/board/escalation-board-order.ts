/**
 * Open escalations on the plant board: most severe first, then oldest first,
 * each with its current tier, owner, live timers and an overdue flag.
 *
 * The rules are the shared escalation modules' (escalation-state.ts derives
 * state and owner from the event log; escalation-timers.ts owns the tier
 * ladder, overdue and timer rules); this file only picks what the board shows
 * and the order. Board-specific choices:
 * - "Open" is open, acknowledged or contained. A resolved escalation waits for
 *   verification by its owner, off the floor's wall screen.
 * - The tier shown is the tier *due* now, not only the last `escalated` event
 *   synced: a wall screen whose tablets are offline must still show that the
 *   plant head's 60 minutes have passed.
 * - Age is time since raising (not since a reopen): a problem that came back
 *   is as old as it is, and ranks so.
 */
import { deriveEscalation, type EscalationView } from '../escalation/escalation-state.ts';
import { nextEscalationAt, overdue, tierDue, timeSinceRaised, timeToAcknowledge, type AcknowledgeClock } from '../escalation/escalation-timers.ts';
import type { Escalation, EscalationEvent, Severity, TierStep } from '../escalation/escalation-types.ts';
import type { Role } from '../people/people-types.ts';

export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

export interface BoardEscalation {
  view: EscalationView;
  escalation: Escalation;
  state: 'open' | 'acknowledged' | 'contained';
  /** Ms since raising: the live timer, and the sort key after severity. */
  ageMs: number;
  /** Time to acknowledge, still running while nobody answered. */
  acknowledge: AcknowledgeClock;
  /** Tier due now (see above); its ladder label and role for "who is called". */
  tier: number;
  tierLabel: string;
  tierRole: Role | null;
  /** '' while nobody acknowledged; the board then shows the tier's role. */
  ownerId: string;
  overdue: boolean;
  overdueByMs: number;
  /** When it moves up next if still unanswered (for the countdown); null when acknowledged or at the top. */
  nextTierAtMs: number | null;
}

const OPEN: ReadonlySet<string> = new Set(['open', 'acknowledged', 'contained']);

/** One escalation as the board shows it, or null when it is not open. */
export function boardEscalation(
  escalation: Escalation,
  events: readonly EscalationEvent[],
  ladder: readonly TierStep[],
  nowMs: number,
): BoardEscalation | null {
  const view = deriveEscalation(escalation, events, ladder);
  if (!OPEN.has(view.state)) return null;
  const tier = tierDue(view, ladder, nowMs);
  const step = view.ladder.find((s) => s.tier === tier);
  const late = overdue(view, ladder, nowMs);
  return {
    view,
    escalation,
    state: view.state as BoardEscalation['state'],
    ageMs: timeSinceRaised(view, nowMs),
    acknowledge: timeToAcknowledge(view, nowMs),
    tier,
    tierLabel: step?.label ?? '',
    tierRole: step?.role ?? null,
    ownerId: view.ownerId,
    overdue: late.overdue,
    overdueByMs: late.byMs,
    nextTierAtMs: nextEscalationAt({ ...view, tier }, ladder),
  };
}

/** Severity (critical first), then age (oldest first), then id so the order never flickers. */
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
    const item = boardEscalation(esc, byEscalation.get(esc.id) ?? [], ladder, nowMs);
    if (item) out.push(item);
  }
  return out.sort(compareBoardEscalations);
}
