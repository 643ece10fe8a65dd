/**
 * Progress of key results and objectives (issue 12, item 4; the formulas are the contract).
 *
 * - A key result from baseline b to target t at value v: raw = (v − b) / (t − b). One formula for
 *   both directions: scrap from 8 % to 4 % at 6 % is (6 − 8) / (4 − 8) = 0.5. Raw is what a screen
 *   shows, so over-achievement is visible (1.25); wherever progress is rolled up it is clamped to
 *   [0, 1], so one key result far beyond its target cannot hide another that has not moved.
 * - An objective: the weighted mean of its key results' clamped progress (weights 1 unless set),
 *   plus its contributing child objectives where it is set to count them; `support` children are
 *   shown under it and never counted.
 * - A rolled-up key result's value: the sum, or the weighted mean, of its children's values.
 */
import type { KeyResult } from './okr-types.ts';

/** (v − b) / (t − b); null without a value or when target equals baseline (refused as bad input, okr-rules.ts). */
export function rawProgress(kr: Pick<KeyResult, 'from' | 'to'>, value: number | null): number | null {
  if (value === null || !Number.isFinite(value) || kr.to === kr.from) return null;
  return (value - kr.from) / (kr.to - kr.from);
}

export function clampProgress(raw: number): number {
  return raw < 0 ? 0 : raw > 1 ? 1 : raw;
}

/** Progress as rolled up: clamped; a key result without a value yet counts as 0 (nothing moved is no progress). */
export function clampedProgress(kr: Pick<KeyResult, 'from' | 'to'>, value: number | null): number {
  const raw = rawProgress(kr, value);
  return raw === null ? 0 : clampProgress(raw);
}

export interface Weighted {
  /** Clamped progress, 0..1. */
  progress: number;
  weight: number;
}

/** Weighted mean; null when nothing has weight. */
export function weightedMean(items: readonly Weighted[]): number | null {
  let sum = 0;
  let weights = 0;
  for (const i of items) {
    if (!(i.weight > 0)) continue;
    sum += clampProgress(i.progress) * i.weight;
    weights += i.weight;
  }
  return weights === 0 ? null : sum / weights;
}

export interface ObjectiveProgressInput {
  /** The objective's active key results: clamped progress and weight. */
  keyResults: readonly Weighted[];
  /** Its child objectives whose link is `contribute`, with their own progress and weight. */
  contributingChildren: readonly Weighted[];
  /** Whether the objective counts its contributing children. */
  countChildren: boolean;
}

/** The weighted mean of its key results (and counted children); null when it has nothing to measure yet. */
export function objectiveProgress(input: ObjectiveProgressInput): number | null {
  const items = input.countChildren ? [...input.keyResults, ...input.contributingChildren] : input.keyResults;
  return weightedMean(items);
}

export interface RollupChild {
  value: number | null;
  weight: number;
}

/** A rolled-up key result's value from its children's: `sum`, or `weighted_mean` of those with a value. */
export function rolledUpValue(rule: 'sum' | 'weighted_mean', children: readonly RollupChild[]): number | null {
  const known = children.filter((c): c is { value: number; weight: number } => c.value !== null && Number.isFinite(c.value));
  if (known.length === 0) return null;
  if (rule === 'sum') return known.reduce((s, c) => s + c.value, 0);
  let sum = 0;
  let weights = 0;
  for (const c of known) {
    if (!(c.weight > 0)) continue;
    sum += c.value * c.weight;
    weights += c.weight;
  }
  return weights === 0 ? null : sum / weights;
}
