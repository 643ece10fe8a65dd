/**
 * Bad input on OKR records (issue 12, "Bad input"): each is refused with a plain message on the
 * device and the same refusal on the server, and nothing is half-saved (a refused record is not
 * stored at all; the rest of its push is).
 *
 * Two kinds of rule:
 * - okrRecordRefusal: what the record says on its own (a target equal to its baseline, a confidence
 *   off the 0.1 steps, a low-confidence check-in without blocker or next action, an override of the
 *   KPI's value without a reason). record-rules.ts calls it, so the server's [P5]/[A14] check runs it.
 * - okrContextRefusal: what needs the records around it (the cycle, the KPI, the key results a
 *   roll-up walks): a window longer than its cycle, a KPI in another unit, a roll-up cycle, a
 *   check-in on a closed cycle. The server looks the records up ([K4]); a device passes its own.
 * A catchball decision by someone without the role is the rule book's (permissions.ts,
 * `decide_catchball`), as is every other "who may".
 */
import type { KpiDefinition } from '../kpi/kpi-types.ts';
import { englishText, refusal, type Refusal } from '../records/refusal.ts';
import { cycleDays } from './cycles.ts';
import { cycleOf, krWindowOf, logKindOf, parentKrOf, type OkrCycle } from './okr-records.ts';
import { confidenceProblem } from './okr-status.ts';
import type { KeyResult, KrCheckIn, Objective } from './okr-types.ts';

export const OKR_REFUSAL_TEXT: Readonly<Record<string, string>> = {
  krTargetEqualsBaseline: 'The target ({target}) equals the baseline: a key result has to move something.',
  krNeedsKpi: 'A KPI-fed key result names its KPI.',
  krWindowDays: 'A window of the last days needs at least one day.',
  krWindowLongerThanCycle: 'The window of {days} days is longer than the cycle {cycle} ({cycleDays} days).',
  krUnitMismatch: 'The KPI {kpi} is measured in "{kpiUnit}", the key result in "{unit}": use the same unit.',
  krRollupCycle: 'This key result would count itself through its children ({path}).',
  cycleDates: 'A cycle runs from its first day to its last: set both, the first not after the last.',
  confidence_range: 'Confidence runs from 0 to 1.',
  confidence_step: 'Confidence goes in steps of 0.1.',
  low_confidence_needs_blocker: 'With a confidence below 0.4, name what blocks the key result.',
  low_confidence_needs_next_action: 'With a confidence below 0.4, name the next action.',
  checkInOverrideNeedsReason: 'The value differs from the KPI\'s ({computed}): say why it is overridden.',
  catchballNeedsTarget: 'A proposal or a counter names its target.',
  checkInCycleClosed: 'The cycle {cycle} is closed: nothing more is checked in on it.',
};

/** The English sentence of an OKR refusal (the server's words; screens use their catalogue by code). */
export function okrRefusalText(r: Refusal): string {
  return englishText(r, OKR_REFUSAL_TEXT);
}

export function keyResultRefusal(kr: KeyResult): Refusal | null {
  if (kr.to === kr.from) return refusal('krTargetEqualsBaseline', { target: kr.to });
  if (kr.source === 'kpi' && kr.kpiId === '') return refusal('krNeedsKpi');
  if (kr.window === 'last_days' && kr.windowDays < 1) return refusal('krWindowDays');
  return null;
}

export function krLogRefusal(entry: KrCheckIn): Refusal | null {
  const kind = logKindOf(entry);
  if (kind === 'check_in') {
    const c = confidenceProblem(entry);
    if (c !== null) return refusal(c);
    const computed = entry.computedValue;
    if (computed !== undefined && computed !== entry.value && (entry.overrideReason ?? '').trim() === '') {
      return refusal('checkInOverrideNeedsReason', { computed });
    }
    return null;
  }
  if ((kind === 'propose' || kind === 'counter') && (entry.target === undefined || !Number.isFinite(entry.target))) return refusal('catchballNeedsTarget');
  return null;
}

export function cycleRecordRefusal(o: Objective): Refusal | null {
  if (o.level !== 'cycle') return null;
  const c = cycleOf(o);
  return c.startDate === '' || c.endDate === '' || c.startDate > c.endDate ? refusal('cycleDates') : null;
}

/** What an OKR record says wrong on its own; null when fine (or not an OKR record). */
export function okrRecordRefusal(collection: string, record: Record<string, unknown>): Refusal | null {
  switch (collection) {
    case 'key_results':
      return keyResultRefusal(record as unknown as KeyResult);
    case 'kr_checkins':
      return krLogRefusal(record as unknown as KrCheckIn);
    case 'objectives':
      return cycleRecordRefusal(record as unknown as Objective);
    default:
      return null;
  }
}

// ---------------------------------------------------------------- rules that need the records around

/** The records a context rule reads; undefined for one not known (yet): the rule then says nothing. */
export interface OkrContext {
  keyResult(id: string): KeyResult | undefined;
  /** Objectives and cycles (`objectives` records). */
  objective(id: string): Objective | undefined;
  kpi(id: string): KpiDefinition | undefined;
}

/** The cycle a key result belongs to (through its objective), if known. */
export function cycleOfKeyResult(kr: Pick<KeyResult, 'objectiveId'>, ctx: OkrContext): OkrCycle | undefined {
  const objective = ctx.objective(kr.objectiveId);
  const record = objective ? ctx.objective(objective.cycle) : undefined;
  return record && record.level === 'cycle' ? cycleOf(record) : undefined;
}

/** A chain of roll-ups deeper than this is refused as if it were a cycle: no real cascade has it. */
export const MAX_ROLLUP_DEPTH = 32;

/** The ids from `kr` up its roll-up parents until it meets itself; null when it never does. */
export function rollupCyclePath(kr: KeyResult, ctx: OkrContext): string[] | null {
  const path = [kr.id];
  let parent = parentKrOf(kr);
  while (parent !== '') {
    path.push(parent);
    if (parent === kr.id || path.length > MAX_ROLLUP_DEPTH) return path;
    const next = ctx.keyResult(parent);
    if (!next) return null;
    parent = parentKrOf(next);
  }
  return null;
}

export function keyResultContextRefusal(kr: KeyResult, ctx: OkrContext): Refusal | null {
  const cycle = cycleOfKeyResult(kr, ctx);
  if (cycle && krWindowOf(kr) === 'last_days' && cycleDays(cycle) > 0 && kr.windowDays > cycleDays(cycle)) {
    return refusal('krWindowLongerThanCycle', { days: kr.windowDays, cycle: cycle.id, cycleDays: cycleDays(cycle) });
  }
  if (kr.source === 'kpi') {
    const kpi = ctx.kpi(kr.kpiId);
    if (kpi && kpi.unit !== kr.unit) return refusal('krUnitMismatch', { kpi: kpi.code, kpiUnit: kpi.unit, unit: kr.unit });
  }
  const path = rollupCyclePath(kr, ctx);
  return path ? refusal('krRollupCycle', { path: path.join(' → ') }) : null;
}

export function krLogContextRefusal(entry: KrCheckIn, ctx: OkrContext): Refusal | null {
  const kr = ctx.keyResult(entry.keyResultId);
  const cycle = kr ? cycleOfKeyResult(kr, ctx) : undefined;
  return cycle?.state === 'closed' ? refusal('checkInCycleClosed', { cycle: cycle.id }) : null;
}

/** What an OKR record breaks among the records around it; null when fine (or not an OKR record). */
export function okrContextRefusal(collection: string, record: Record<string, unknown>, ctx: OkrContext): Refusal | null {
  switch (collection) {
    case 'key_results':
      return keyResultContextRefusal(record as unknown as KeyResult, ctx);
    case 'kr_checkins':
      return krLogContextRefusal(record as unknown as KrCheckIn, ctx);
    default:
      return null;
  }
}

/**
 * A key result under an enterprise objective becomes active only by a catchball decision: the plant
 * proposes, the enterprise leader accepts. True when this write makes it active (`stored` is the
 * state the server holds, 'active' for a stored record without one, null for a new record), so it needs `decide_catchball`.
 */
export function activatesByCatchball(kr: KeyResult, storedState: string | null, ctx: Pick<OkrContext, 'objective'>): boolean {
  // A record without a state is active (okr-records.ts): a stored one without a state was active already.
  if ((kr.state ?? 'active') !== 'active' || storedState === 'active') return false;
  return ctx.objective(kr.objectiveId)?.level === 'enterprise';
}
