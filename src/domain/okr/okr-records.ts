/**
 * The OKR records read back with their defaults: fields added in schema version 1 are optional
 * (okr-types.ts), and every rule reads them through these functions so an older record means the
 * same thing on every device and on the server.
 */
import type { ProductionDate } from '../records/record-types.ts';
import type { CycleKind, CycleState, KeyResult, KrCheckIn, KrLogKind, KrRollup, KrState, KrWindow, LinkType, Objective, Weekday } from './okr-types.ts';

/** A cycle, read off its `objectives` record (level `cycle`). */
export interface OkrCycle {
  id: string;
  title: string;
  kind: CycleKind;
  /** The annual cycle a quarterly one belongs to; '' for none. */
  parentId: string;
  state: CycleState;
  startDate: ProductionDate;
  endDate: ProductionDate;
  checkInWeekday: Weekday;
  candidatePeriods: number;
}

/** Monday: the weekday most plants hold their weekly OKR check-in on. */
export const DEFAULT_CHECK_IN_WEEKDAY: Weekday = 1;
/** Issue 12: "N set per enterprise, 2 by default". */
export const DEFAULT_CANDIDATE_PERIODS = 2;

export function isCycleRecord(o: Pick<Objective, 'level'>): boolean {
  return o.level === 'cycle';
}

export function cycleOf(o: Objective): OkrCycle {
  const weekday = o.checkInWeekday ?? DEFAULT_CHECK_IN_WEEKDAY;
  return {
    id: o.id,
    title: o.title,
    kind: o.cycleKind ?? 'quarterly',
    parentId: o.parentId,
    state: o.cycleState ?? 'planning',
    startDate: o.startDate ?? '',
    endDate: o.endDate ?? '',
    checkInWeekday: (weekday >= 1 && weekday <= 7 ? weekday : DEFAULT_CHECK_IN_WEEKDAY) as Weekday,
    candidatePeriods: o.candidatePeriods ?? DEFAULT_CANDIDATE_PERIODS,
  };
}

export const linkTypeOf = (o: Pick<Objective, 'linkType'>): LinkType => o.linkType ?? 'contribute';
export const objectiveWeightOf = (o: Pick<Objective, 'weight'>): number => o.weight ?? 1;
export const priorityOf = (o: Pick<Objective, 'priority'>): number => o.priority ?? 1;

export const krStateOf = (kr: Pick<KeyResult, 'state'>): KrState => kr.state ?? 'active';
export const krWeightOf = (kr: Pick<KeyResult, 'weight'>): number => kr.weight ?? 1;
export const rollupOf = (kr: Pick<KeyResult, 'rollup'>): KrRollup => kr.rollup ?? 'weighted_mean';
export const parentKrOf = (kr: Pick<KeyResult, 'parentKeyResultId'>): string => kr.parentKeyResultId ?? '';

/** Version 0 knew one window: the last `windowDays` days, or (0) the whole cycle so far. */
export function krWindowOf(kr: Pick<KeyResult, 'window' | 'windowDays'>): KrWindow {
  return kr.window ?? (kr.windowDays > 0 ? 'last_days' : 'cycle_to_date');
}

/** The lines a KPI-fed key result reads; null for the whole plant. */
export function krLinesOf(kr: Pick<KeyResult, 'scope' | 'lineIds'>): ReadonlySet<string> | null {
  return kr.scope === 'lines' ? new Set(kr.lineIds ?? []) : null;
}

export const logKindOf = (entry: Pick<KrCheckIn, 'kind'>): KrLogKind => entry.kind ?? 'check_in';
export const isCatchballDecision = (kind: KrLogKind): boolean => kind === 'accept' || kind === 'counter' || kind === 'reject';
