/**
 * Cycles in time: how much of a cycle has elapsed (the pace the status compares progress with),
 * and when a key result's weekly check-in falls due. Dates are production dates in the plant's own
 * calendar (the caller passes today's, from the shift calendar), so no time zone enters here.
 */
import type { ProductionDate } from '../records/record-types.ts';
import { addProductionDays, daysBetween } from '../shift/shift-calendar.ts';
import type { OkrCycle } from './okr-records.ts';
import type { Weekday } from './okr-types.ts';

/** Days of a cycle, both ends included; 0 for a cycle without dates. */
export function cycleDays(cycle: Pick<OkrCycle, 'startDate' | 'endDate'>): number {
  if (cycle.startDate === '' || cycle.endDate === '') return 0;
  return daysBetween(cycle.startDate, cycle.endDate) + 1;
}

/**
 * The share e of the cycle elapsed by the end of `today`, 0..1: on the first day 1/days, on the last
 * day 1. Counting today as elapsed is what a plant expects on the check-in day: a 90-day quarter is
 * a third gone at the end of day 30.
 */
export function elapsedShare(cycle: Pick<OkrCycle, 'startDate' | 'endDate'>, today: ProductionDate): number {
  const days = cycleDays(cycle);
  if (days <= 0) return 0;
  const gone = daysBetween(cycle.startDate, today) + 1;
  return gone <= 0 ? 0 : gone >= days ? 1 : gone / days;
}

/** ISO weekday (1 Monday ... 7 Sunday) of a production date. */
export function weekdayOf(date: ProductionDate): Weekday {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return (d === 0 ? 7 : d) as Weekday;
}

/** The latest date on or before `today` that falls on `weekday`. */
export function lastWeekdayOnOrBefore(today: ProductionDate, weekday: Weekday): ProductionDate {
  return addProductionDays(today, -((weekdayOf(today) - weekday + 7) % 7));
}

export type CheckInDue = 'not_due' | 'due' | 'overdue';

export interface CheckInDueInput {
  cycle: Pick<OkrCycle, 'state' | 'startDate' | 'endDate' | 'checkInWeekday'>;
  today: ProductionDate;
  /** Production date of the key result's latest check-in; null for none. */
  lastCheckIn: ProductionDate | null;
}

/**
 * A key result's weekly check-in. Each check-in week ends on the enterprise's check-in weekday and
 * needs one check-in made in its seven days. A week that ended without one makes the key result
 * `overdue` until a check-in is made; the current week's is `due` until it is made. A week counts
 * only once the cycle has run for all of it (the first check-in falls due on the first check-in
 * weekday at least six days after the start), and only an active or closing cycle asks at all.
 */
export function checkInDue(input: CheckInDueInput): CheckInDue {
  const { cycle, today, lastCheckIn } = input;
  if ((cycle.state !== 'active' && cycle.state !== 'closing') || cycle.startDate === '' || today < cycle.startDate) return 'not_due';
  const madeSince = (from: ProductionDate): boolean => lastCheckIn !== null && lastCheckIn >= from;
  const counts = (dueDay: ProductionDate): boolean => daysBetween(cycle.startDate, dueDay) >= 6;
  const lastDue = lastWeekdayOnOrBefore(today, cycle.checkInWeekday);
  // The week that ended on an earlier check-in day.
  if (lastDue < today && counts(lastDue) && !madeSince(addProductionDays(lastDue, -6))) return 'overdue';
  // The week running now: it ends today, or on the next check-in day.
  const nextDue = lastDue === today ? today : addProductionDays(lastDue, 7);
  if (cycle.endDate !== '' && addProductionDays(nextDue, -6) > cycle.endDate) return 'not_due';
  return counts(nextDue) && !madeSince(addProductionDays(nextDue, -6)) ? 'due' : 'not_due';
}
