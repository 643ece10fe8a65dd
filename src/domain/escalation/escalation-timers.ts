/**
 * The tier ladder's clock: which tier an unanswered escalation should be at,
 * when it moves next, and the `escalated` events a device appends when a tier
 * falls due, even offline. Time is always passed in (ms since epoch).
 *
 * Why the timer events are identical on every device: each device that holds
 * the escalation runs this same rule and may write the same step while
 * offline. The event's id is deterministic (`<escalationId>:tier:<n>`, or
 * `<escalationId>:reopen:<ms>:tier:<n>` in the round the reopen at that time
 * started; tierEventId says why the time) and so is every field: `at` is the
 * exact due time (clock start + afterMinutes, never the device's own now),
 * personId is SYSTEM_PERSON_ID, and deviceId is '' because the device that
 * happened to notice first did not do anything a person did; putting its id
 * in would make two devices' copies differ. Same id and identical content is
 * what an immutable collection treats as a harmless retry (collections.ts),
 * so when the devices reconcile the server stores the step once and nobody
 * has to merge anything. The fold (escalation-state.ts) would count a second
 * step to the same tier as one anyway; identical records just mean there is
 * not even a second record.
 */
import {
  SYSTEM_PERSON_ID,
  raiseClockStart,
  roundOf,
  sortLadder,
  tierDueAtMs,
  tierEventId,
  type EscalationView,
} from './escalation-state.ts';
import type { EscalationEvent, TierStep } from './escalation-types.ts';

/** The design's default: line lead at once, area or maintenance after 30 min, plant head after 1 h, plant manager after 4 h. */
export const DEFAULT_TIER_LADDER: readonly TierStep[] = [
  { tier: 1, label: 'line lead', role: 'shift_lead', afterMinutes: 0 },
  { tier: 2, label: 'area / maintenance', role: 'responder', afterMinutes: 30 },
  { tier: 3, label: 'plant head', role: 'plant_head', afterMinutes: 60 },
  { tier: 4, label: 'plant manager', role: 'plant_head', afterMinutes: 240 },
];

/** Why a plant's ladder cannot be used, or null. For the plant admin's editor and the server. */
export function validateTierLadder(ladder: readonly TierStep[]): string | null {
  if (ladder.length === 0) return 'The ladder needs at least one tier.';
  const steps = sortLadder(ladder);
  for (const [i, s] of steps.entries()) {
    if (s.tier !== i + 1) return `Tiers must be numbered 1, 2, 3... without gaps; found tier ${s.tier} in place ${i + 1}.`;
    if (!Number.isFinite(s.afterMinutes) || s.afterMinutes < 0) return `Tier ${s.tier}: minutes must be 0 or more.`;
    const before = steps[i - 1];
    if (before && s.afterMinutes <= before.afterMinutes) {
      return `Tier ${s.tier} (${s.afterMinutes} min) must come later than tier ${before.tier} (${before.afterMinutes} min).`;
    }
  }
  if (steps[0]?.afterMinutes !== 0) return 'Tier 1 is called at once (0 minutes).';
  return null;
}

function stepsAbove(view: EscalationView, ladder: readonly TierStep[]): TierStep[] {
  return sortLadder(ladder).filter((s) => s.tier > view.tier);
}

/**
 * The tier the escalation should be at now if nobody acknowledged: its
 * current tier, or the highest tier whose time has come while it is open.
 * Once acknowledged (or later), the ladder stops and this is its current tier.
 */
export function tierDue(view: EscalationView, ladder: readonly TierStep[], nowMs: number): number {
  if (view.state !== 'open') return view.tier;
  let tier = view.tier;
  for (const s of stepsAbove(view, ladder)) if (tierDueAtMs(view, s) <= nowMs) tier = Math.max(tier, s.tier);
  return tier;
}

/** When the escalation moves up next (ms), or null: acknowledged, or at the top of the ladder. May be in the past. */
export function nextEscalationAt(view: EscalationView, ladder: readonly TierStep[]): number | null {
  if (view.state !== 'open') return null;
  const next = stepsAbove(view, ladder)[0];
  return next ? tierDueAtMs(view, next) : null;
}

/**
 * The tier timer events this device must append now: one per tier that has
 * fallen due and is not yet reached, lowest first. Empty once anyone
 * acknowledged. Identical on every device (see the file comment), so no
 * device id or id generator is needed.
 */
export function autoEscalationEvents(view: EscalationView, ladder: readonly TierStep[], nowMs: number): EscalationEvent[] {
  if (view.state !== 'open') return [];
  return stepsAbove(view, ladder)
    .filter((s) => tierDueAtMs(view, s) <= nowMs)
    .map((s) => ({
      id: tierEventId(view.header.id, roundOf(view), s.tier),
      escalationId: view.header.id,
      plantId: view.header.plantId,
      type: 'escalated' as const,
      at: new Date(tierDueAtMs(view, s)).toISOString(),
      personId: SYSTEM_PERSON_ID,
      deviceId: '',
      tier: s.tier,
      toPersonId: '',
      comment: '',
      whys: [],
      rootCause: '',
      action: '',
      receivedAt: '',
    }));
}

// ---------------------------------------------------------------- for display

/** Time since the escalation was raised (never negative, whatever the clocks did). */
export function timeSinceRaised(view: EscalationView, nowMs: number): number {
  return Math.max(0, nowMs - Date.parse(raiseClockStart(view.header)));
}

export interface AcknowledgeClock {
  ms: number;
  /** True while nobody answered: the clock is still counting. */
  running: boolean;
}

/** Time to acknowledge in the current round: frozen once acknowledged, counting while open. */
export function timeToAcknowledge(view: EscalationView, nowMs: number): AcknowledgeClock {
  if (view.timeToAcknowledgeMs !== null) return { ms: view.timeToAcknowledgeMs, running: false };
  if (view.state !== 'open') return { ms: 0, running: false };
  return { ms: Math.max(0, nowMs - Date.parse(view.clockStartAt)), running: true };
}

/**
 * When an unanswered escalation counts as overdue: once the first tier above
 * the one this round started at fell due, i.e. the people first called let
 * their window pass. It stays overdue while it climbs (an escalation at
 * tier 3 that nobody answered is not "back on time"). Null: nothing above.
 */
export function acknowledgeDeadline(view: EscalationView, ladder: readonly TierStep[]): number | null {
  const step = sortLadder(ladder).find((s) => s.tier > view.roundStartTier);
  return step ? tierDueAtMs(view, step) : null;
}

/** Unacknowledged past its tier's time: the board shows it red, with how long. */
export function overdue(view: EscalationView, ladder: readonly TierStep[], nowMs: number): { overdue: boolean; byMs: number } {
  const deadline = acknowledgeDeadline(view, ladder);
  if (view.state !== 'open' || deadline === null || nowMs < deadline) return { overdue: false, byMs: 0 };
  return { overdue: true, byMs: nowMs - deadline };
}

/** The step the escalation is at, for its label ("plant head"); null when the ladder lacks it. */
export function currentStep(view: EscalationView): TierStep | null {
  return view.ladder.find((s) => s.tier === view.tier) ?? null;
}
