/**
 * Guardrails from OKR practice (issue 12, item 6): warnings with a reason, never silent and never
 * blocking a plant's work (they refuse nothing: the bad-input rules are okr-rules.ts).
 *
 * - 3 to 5 active objectives per level and cycle (per plant for plant objectives, per line for line
 *   objectives): fewer is no focus on the cascade, more is no focus at all.
 * - At most 5 key results per objective.
 * - A KPI-fed key result whose target is the KPI's current target only maintains it: "this is a
 *   KPI, not an OKR".
 * - A KPI red or amber for N periods in a row (N per enterprise, 2 by default) is offered to its
 *   plant head as an OKR candidate: baseline its current level, target its target.
 * - A KPI-fed key result reached when its cycle closes offers its value as the KPI's next target
 *   (a new target version): the KPI -> OKR -> new baseline loop.
 */
import type { KpiDefinition } from '../kpi/kpi-types.ts';
import type { KpiStatus } from '../kpi/kpi-status.ts';
import { roundTo } from '../kpi/kpi-figure.ts';
import { fillTemplate, type TemplateParams } from '../records/fill-template.ts';
import { DEFAULT_CANDIDATE_PERIODS, isCycleRecord, krStateOf, type OkrCycle } from './okr-records.ts';
import { rawProgress } from './okr-progress.ts';
import type { KeyResult, Objective } from './okr-types.ts';

export const MIN_OBJECTIVES = 3;
export const MAX_OBJECTIVES = 5;
export const MAX_KEY_RESULTS = 5;

export type OkrWarningCode = 'too_few_objectives' | 'too_many_objectives' | 'too_many_key_results' | 'kpi_not_okr';

export interface OkrWarning {
  code: OkrWarningCode;
  /** The record the warning is about: an objective, a key result, or the first objective of a level. */
  recordId: string;
  params: TemplateParams;
  /** The reason in English (the screens word it from their catalogue by code). */
  reason: string;
}

export const OKR_WARNING_TEXT: Readonly<Record<OkrWarningCode, string>> = {
  too_few_objectives: '{count} active objectives at this level in {cycle}: practice is 3 to 5, so the cascade has a focus.',
  too_many_objectives: '{count} active objectives at this level in {cycle}: practice is 3 to 5; more is no focus at all.',
  too_many_key_results: '{count} key results on this objective: practice is at most 5.',
  kpi_not_okr: 'The target {target} is the KPI\'s own target: this is a KPI, not an OKR. Aim beyond it, or keep watching the KPI.',
};

function warning(code: OkrWarningCode, recordId: string, params: TemplateParams): OkrWarning {
  return { code, recordId, params, reason: fillTemplate(OKR_WARNING_TEXT[code], params) };
}

/** Objectives per level (and plant, and line) of a cycle that are active: fewer than 3 or more than 5 warns. */
export function objectiveCountWarnings(objectives: readonly Objective[], cycleId: string): OkrWarning[] {
  const groups = new Map<string, Objective[]>();
  for (const o of objectives) {
    if (isCycleRecord(o) || o.cycle !== cycleId || o.status !== 'active') continue;
    const key = `${o.level}|${o.level === 'enterprise' ? '' : o.plantId}|${o.level === 'line' ? o.lineId : ''}`;
    const list = groups.get(key);
    if (list) list.push(o);
    else groups.set(key, [o]);
  }
  const out: OkrWarning[] = [];
  for (const list of groups.values()) {
    const first = list.map((o) => o.id).sort()[0] as string;
    if (list.length < MIN_OBJECTIVES) out.push(warning('too_few_objectives', first, { count: list.length, cycle: cycleId }));
    if (list.length > MAX_OBJECTIVES) out.push(warning('too_many_objectives', first, { count: list.length, cycle: cycleId }));
  }
  return out;
}

/** More than 5 key results (proposed or active) on one objective. */
export function keyResultCountWarnings(keyResults: readonly KeyResult[]): OkrWarning[] {
  const counts = new Map<string, number>();
  for (const kr of keyResults) {
    const state = krStateOf(kr);
    if (state === 'active' || state === 'proposed') counts.set(kr.objectiveId, (counts.get(kr.objectiveId) ?? 0) + 1);
  }
  return [...counts].filter(([, c]) => c > MAX_KEY_RESULTS).map(([id, count]) => warning('too_many_key_results', id, { count }));
}

/** A KPI-fed key result aiming at the KPI's current target (at the KPI's precision) only maintains it. */
export function kpiNotOkrWarning(kr: KeyResult, kpi: KpiDefinition | undefined): OkrWarning | null {
  if (kr.source !== 'kpi' || !kpi || kpi.id !== kr.kpiId) return null;
  return roundTo(kr.to, kpi.decimals) === roundTo(kpi.target, kpi.decimals) ? warning('kpi_not_okr', kr.id, { target: kr.to }) : null;
}

// ---------------------------------------------------------------- the KPI -> OKR -> new baseline loop

export interface KpiHistory {
  kpi: KpiDefinition;
  /** The KPI's status per period (shift or day, as it is read), oldest first. */
  statuses: readonly KpiStatus[];
  /** Its current level: the baseline a key result would start from. */
  currentValue: number | null;
}

export interface OkrCandidate {
  kpiId: string;
  plantId: string;
  /** Pre-filled: the KPI's current level and its target. */
  baseline: number;
  target: number;
  periods: number;
  reason: string;
}

/** KPIs red or amber in each of their last N periods, offered to the plant head as OKR candidates. */
export function okrCandidates(histories: readonly KpiHistory[], periods: number = DEFAULT_CANDIDATE_PERIODS): OkrCandidate[] {
  const n = Math.max(1, Math.trunc(periods));
  const out: OkrCandidate[] = [];
  for (const h of histories) {
    if (h.currentValue === null || h.statuses.length < n || h.currentValue === h.kpi.target) continue;
    if (!h.statuses.slice(-n).every((s) => s === 'red' || s === 'amber')) continue;
    out.push({
      kpiId: h.kpi.id,
      plantId: h.kpi.plantId,
      baseline: h.currentValue,
      target: h.kpi.target,
      periods: n,
      reason: `${h.kpi.name} has been red or amber for ${n} periods in a row: make it an objective's key result, from ${h.currentValue} to ${h.kpi.target}.`,
    });
  }
  return out;
}

export interface NewTargetOffer {
  keyResultId: string;
  kpiId: string;
  /** Who is offered it: the key result's owner. */
  ownerId: string;
  currentTarget: number;
  newTarget: number;
  reason: string;
}

/**
 * When a cycle closes (closing or closed), each KPI-fed key result that reached its target offers
 * the value reached as its KPI's next target, if that is better than the target the KPI has.
 */
export function newTargetOffers(cycle: Pick<OkrCycle, 'state'>, keyResults: readonly KeyResult[], kpis: ReadonlyMap<string, KpiDefinition>, values: ReadonlyMap<string, number | null>): NewTargetOffer[] {
  if (cycle.state !== 'closing' && cycle.state !== 'closed') return [];
  const out: NewTargetOffer[] = [];
  for (const kr of keyResults) {
    const kpi = kpis.get(kr.kpiId);
    const value = values.get(kr.id) ?? null;
    const raw = rawProgress(kr, value);
    if (kr.source !== 'kpi' || !kpi || krStateOf(kr) !== 'active' || value === null || raw === null || raw < 1) continue;
    const better = kpi.direction === 'higher_is_better' ? value > kpi.target : value < kpi.target;
    if (!better) continue;
    out.push({
      keyResultId: kr.id,
      kpiId: kpi.id,
      ownerId: kr.ownerId,
      currentTarget: kpi.target,
      newTarget: value,
      reason: `${kr.title} reached ${value} ${kr.unit}: make it ${kpi.name}'s new target (now ${kpi.target}), so the gain becomes the new baseline.`,
    });
  }
  return out;
}
