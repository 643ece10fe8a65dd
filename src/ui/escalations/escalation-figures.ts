/**
 * One escalation's figures for the list and the detail, from the shared
 * rules only (escalation-state, escalation-timers, the board's order): the
 * tier shown is the tier due now, so a tablet whose timer steps are not
 * written yet still shows who is called.
 */
import type { EscalationView } from '../../domain/escalation/escalation-state.ts';
import { nextEscalationAt, overdue, tierDue, timeSinceRaised, timeToAcknowledge } from '../../domain/escalation/escalation-timers.ts';
import type { Person } from '../../domain/people/people-types.ts';
import type { TimerFigures } from './escalation-timers.tsx';
import { personName } from './use-escalation-context.ts';

export function figuresOf(view: EscalationView, roster: readonly Person[], nowMs: number): TimerFigures {
  const tier = tierDue(view, view.ladder, nowMs);
  const late = overdue(view, view.ladder, nowMs);
  const next = nextEscalationAt({ ...view, tier }, view.ladder);
  return {
    ageMs: timeSinceRaised(view, nowMs),
    acknowledge: timeToAcknowledge(view, nowMs),
    tier,
    tierLabel: view.ladder.find((s) => s.tier === tier)?.label ?? '',
    ownerName: view.ownerId ? (personName(roster, view.ownerId) ?? view.ownerId) : null,
    overdue: late.overdue,
    overdueByMs: late.byMs,
    nextTierInMs: next === null ? null : Math.max(0, next - nowMs),
  };
}
