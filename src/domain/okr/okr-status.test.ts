/** Issue 12, item 4: pace status, worst status, overdue check-ins, confidence and score, with worked examples. */
import { describe, expect, it } from 'vitest';
import { checkInDue, elapsedShare, lastWeekdayOnOrBefore, weekdayOf } from './cycles.ts';
import { confidenceProblem, isConfidence, krStatus, paceStatus, scoreOf, worstStatus } from './okr-status.ts';

const Q4 = { startDate: '2026-10-01', endDate: '2026-12-31' } as const;

describe('pace status from the share of the cycle elapsed', () => {
  it('elapsed share: a 92-day quarter, counting today as gone', () => {
    expect(elapsedShare(Q4, '2026-10-01')).toBeCloseTo(1 / 92, 12);
    expect(elapsedShare(Q4, '2026-11-15')).toBeCloseTo(46 / 92, 12);
    expect(elapsedShare(Q4, '2026-12-31')).toBe(1);
    expect(elapsedShare(Q4, '2026-09-30')).toBe(0);
    expect(elapsedShare(Q4, '2027-01-05')).toBe(1);
  });

  it('on track if progress − e ≥ −0.2, at risk if ≥ −0.4, off track below (the edges included)', () => {
    expect(paceStatus(0.5, 0.5)).toBe('on_track');
    expect(paceStatus(0.3, 0.5)).toBe('on_track');
    expect(paceStatus(0.29, 0.5)).toBe('at_risk');
    expect(paceStatus(0.1, 0.5)).toBe('at_risk');
    expect(paceStatus(0.09, 0.5)).toBe('off_track');
    // 0.5 − 0.7 is −0.19999999999999996 in binary: still on the line.
    expect(paceStatus(0.5, 0.7)).toBe('on_track');
    // Ahead of pace is on track; over-achievement counts clamped.
    expect(paceStatus(1.4, 1)).toBe('on_track');
  });

  it('an overdue check-in shows overdue whatever the numbers say: silence is never green', () => {
    expect(krStatus(1, 0.5, true)).toBe('overdue');
    expect(krStatus(1, 0.5, false)).toBe('on_track');
  });

  it('an objective takes its worst key result status; overdue is the worst', () => {
    expect(worstStatus(['on_track', 'at_risk', 'on_track'])).toBe('at_risk');
    expect(worstStatus(['off_track', 'overdue', 'on_track'])).toBe('overdue');
    expect(worstStatus([])).toBeNull();
  });
});

describe('weekly check-ins', () => {
  const cycle = { ...Q4, state: 'active' as const, checkInWeekday: 1 as const };
  it('weekdays of production dates', () => {
    expect(weekdayOf('2026-10-05')).toBe(1);
    expect(weekdayOf('2026-10-04')).toBe(7);
    expect(lastWeekdayOnOrBefore('2026-10-07', 1)).toBe('2026-10-05');
    expect(lastWeekdayOnOrBefore('2026-10-05', 1)).toBe('2026-10-05');
  });

  it('the first week is not due until a full week has run (cycle starts Thursday 1 October)', () => {
    expect(checkInDue({ cycle, today: '2026-10-05', lastCheckIn: null })).toBe('not_due');
    expect(checkInDue({ cycle, today: '2026-10-08', lastCheckIn: null })).toBe('due');
  });

  it('due on the check-in day, overdue the day after without one, fine again once made', () => {
    expect(checkInDue({ cycle, today: '2026-10-12', lastCheckIn: null })).toBe('due');
    expect(checkInDue({ cycle, today: '2026-10-13', lastCheckIn: null })).toBe('overdue');
    expect(checkInDue({ cycle, today: '2026-10-13', lastCheckIn: '2026-10-06' })).toBe('due');
    expect(checkInDue({ cycle, today: '2026-10-13', lastCheckIn: '2026-10-13' })).toBe('not_due');
    // The week of 13 to 19 October had its check-in; the next week's is due until it is made.
    expect(checkInDue({ cycle, today: '2026-10-20', lastCheckIn: '2026-10-13' })).toBe('due');
    expect(checkInDue({ cycle, today: '2026-10-21', lastCheckIn: '2026-10-20' })).toBe('not_due');
    expect(checkInDue({ cycle, today: '2026-10-27', lastCheckIn: '2026-10-13' })).toBe('overdue');
  });

  it('only an active or closing cycle asks for check-ins', () => {
    expect(checkInDue({ cycle: { ...cycle, state: 'planning' }, today: '2026-10-27', lastCheckIn: null })).toBe('not_due');
    expect(checkInDue({ cycle: { ...cycle, state: 'closed' }, today: '2026-10-27', lastCheckIn: null })).toBe('not_due');
    expect(checkInDue({ cycle: { ...cycle, state: 'closing' }, today: '2026-10-27', lastCheckIn: null })).toBe('overdue');
  });
});

describe('confidence: 0 to 1 in steps of 0.1; below 0.4 a blocker and a next action', () => {
  it('steps of 0.1, judged on the nearest tenth (0.1 + 0.2 is 0.30000000000000004)', () => {
    expect(isConfidence(0.1 + 0.2)).toBe(true);
    expect(isConfidence(0.75)).toBe(false);
    expect(confidenceProblem({ confidence: 0.75 })).toBe('confidence_step');
    expect(confidenceProblem({ confidence: 1.1 })).toBe('confidence_range');
    expect(confidenceProblem({ confidence: -0.1 })).toBe('confidence_range');
  });

  it('0.3 needs a blocker and a next action; 0.4 does not', () => {
    expect(confidenceProblem({ confidence: 0.3 })).toBe('low_confidence_needs_blocker');
    expect(confidenceProblem({ confidence: 0.3, blocker: 'Die carts late' })).toBe('low_confidence_needs_next_action');
    expect(confidenceProblem({ confidence: 0.3, blocker: 'Die carts late', nextAction: '  ' })).toBe('low_confidence_needs_next_action');
    expect(confidenceProblem({ confidence: 0.3, blocker: 'Die carts late', nextAction: 'Borrow two from Peoria' })).toBeNull();
    expect(confidenceProblem({ confidence: 0.4 })).toBeNull();
    expect(confidenceProblem({ confidence: 0 , blocker: 'b', nextAction: 'n' })).toBeNull();
  });
});

describe('score at cycle close: clamped progress in its zone', () => {
  it('below 0.3 missed, 0.3 to 0.7 progress, 0.7 to 1 target reached', () => {
    expect(scoreOf(0.29, false).zone).toBe('missed');
    expect(scoreOf(0.3, false).zone).toBe('progress');
    expect(scoreOf(0.69, false).zone).toBe('progress');
    expect(scoreOf(0.7, false).zone).toBe('reached');
    expect(scoreOf(1.25, false)).toEqual({ score: 1, zone: 'reached', good: true });
  });

  it('0.7 on a stretch key result counts as good; a committed one is good at 1', () => {
    expect(scoreOf(0.7, true).good).toBe(true);
    expect(scoreOf(0.7, false).good).toBe(false);
    expect(scoreOf(0.69, true).good).toBe(false);
    // Binary rounding: 0.1 × 7 is 0.7000000000000001, and 0.7 − 1e-12 still reads 0.7.
    expect(scoreOf(0.7 - 1e-12, true).good).toBe(true);
  });
});
