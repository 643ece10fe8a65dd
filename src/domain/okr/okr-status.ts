/**
 * Status, confidence and score (issue 12, item 4; the formulas are the contract).
 *
 * - Pace: with e the share of the cycle elapsed (cycles.ts), a key result is on track when
 *   progress − e ≥ −0.2, at risk when ≥ −0.4, off track below. Progress is the clamped one.
 * - A key result whose weekly check-in is overdue is `overdue` whatever its numbers say: silence
 *   is never green.
 * - An objective takes its worst key result's status; `overdue` counts as the worst, since nobody
 *   knows how far behind it is.
 * - Confidence: 0 to 1 in steps of 0.1 on every check-in; below 0.4 the check-in names a blocker
 *   and a next action.
 * - Score at cycle close: the clamped progress, in a zone: below 0.3 missed, 0.3 up to 0.7
 *   progress, 0.7 to 1 target reached. A stretch key result at 0.7 counts as good; a committed one
 *   is good only at 1 (it was promised).
 */
import { clampProgress } from './okr-progress.ts';

export type KrStatus = 'on_track' | 'at_risk' | 'off_track' | 'overdue';

/** Issue 12: on track within 0.2 behind the pace, at risk within 0.4, off track beyond. */
export const AT_RISK_BEHIND = -0.2;
export const OFF_TRACK_BEHIND = -0.4;
/** Rounding slack: 0.5 − 0.7 is −0.19999999999999996 in binary, and must read as on the line. */
const EPS = 1e-9;

export function paceStatus(clampedProgress: number, elapsed: number): Exclude<KrStatus, 'overdue'> {
  const behind = clampProgress(clampedProgress) - elapsed;
  if (behind >= AT_RISK_BEHIND - EPS) return 'on_track';
  if (behind >= OFF_TRACK_BEHIND - EPS) return 'at_risk';
  return 'off_track';
}

/** A key result's status: overdue when its check-in is, else its pace. */
export function krStatus(clampedProgress: number, elapsed: number, checkInOverdue: boolean): KrStatus {
  return checkInOverdue ? 'overdue' : paceStatus(clampedProgress, elapsed);
}

const RANK: Record<KrStatus, number> = { on_track: 0, at_risk: 1, off_track: 2, overdue: 3 };

/** An objective's status: its worst key result's; null without key results. */
export function worstStatus(statuses: readonly KrStatus[]): KrStatus | null {
  let worst: KrStatus | null = null;
  for (const s of statuses) if (worst === null || RANK[s] > RANK[worst]) worst = s;
  return worst;
}

// ---------------------------------------------------------------- confidence

export const CONFIDENCE_STEP = 0.1;
/** Below this a check-in names a blocker and a next action. */
export const LOW_CONFIDENCE = 0.4;

export type ConfidenceProblem = 'confidence_range' | 'confidence_step' | 'low_confidence_needs_blocker' | 'low_confidence_needs_next_action';

/** 0, 0.1 ... 1: tenths, judged on the tenth it is closest to (0.3 is 0.30000000000000004 in binary). */
export function isConfidence(c: number): boolean {
  return Number.isFinite(c) && c >= 0 && c <= 1 && Math.abs(c * 10 - Math.round(c * 10)) < 1e-6;
}

export function isLowConfidence(c: number): boolean {
  return Math.round(c * 10) < LOW_CONFIDENCE * 10;
}

/** What is wrong with a check-in's confidence and what it then needs; null when fine. */
export function confidenceProblem(checkIn: { confidence: number; blocker?: string | undefined; nextAction?: string | undefined }): ConfidenceProblem | null {
  const c = checkIn.confidence;
  if (!Number.isFinite(c) || c < 0 || c > 1) return 'confidence_range';
  if (!isConfidence(c)) return 'confidence_step';
  if (!isLowConfidence(c)) return null;
  if ((checkIn.blocker ?? '').trim() === '') return 'low_confidence_needs_blocker';
  if ((checkIn.nextAction ?? '').trim() === '') return 'low_confidence_needs_next_action';
  return null;
}

// ---------------------------------------------------------------- score

export type ScoreZone = 'missed' | 'progress' | 'reached';

export const MISSED_BELOW = 0.3;
export const REACHED_FROM = 0.7;

export interface Score {
  /** The clamped progress at close, 0..1. */
  score: number;
  zone: ScoreZone;
  /** Stretch: 0.7 or more; committed: 1. */
  good: boolean;
}

export function scoreOf(clampedProgress: number, stretch: boolean): Score {
  const score = clampProgress(clampedProgress);
  const zone: ScoreZone = score < MISSED_BELOW - EPS ? 'missed' : score < REACHED_FROM - EPS ? 'progress' : 'reached';
  return { score, zone, good: stretch ? zone === 'reached' : score >= 1 - EPS };
}
