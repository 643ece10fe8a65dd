/** Shift patterns and the shift instance every reading and check-in hangs on. */
import type { Iso, MutableMeta, ProductionDate } from '../records/record-types.ts';

export interface ShiftDefinition {
  /** Short code shown on screens: `A`, `N`, `D`... */
  code: string;
  name: string;
  /** Local start time `HH:mm` in the plant's time zone. */
  start: string;
  /** Nominal length in minutes; a shift crossing midnight belongs to the date it started on. */
  durationMinutes: number;
}

/**
 * Fixed patterns (3x8, 2x12) repeat the same shifts every day. A rotating
 * pattern adds crews: `rotation[i]` lists, for day `i` of the cycle counted
 * from `rotationAnchor`, which crew works each shift (same order as `shifts`,
 * `null` where the shift is not worked).
 */
export interface ShiftPattern extends MutableMeta {
  id: string;
  plantId: string;
  name: string;
  kind: '3x8' | '2x12' | 'rotating';
  shifts: ShiftDefinition[];
  crews: string[];
  rotationAnchor: ProductionDate | null;
  rotation: (string | null)[][];
}

/** The unit every reading and check-in hangs on. */
export interface ShiftInstance {
  plantId: string;
  lineId: string;
  shiftCode: string;
  productionDate: ProductionDate;
  /** Crew on shift, for rotating patterns. */
  crew: string | null;
  /** UTC start and end of this instance. */
  startsAt: Iso;
  endsAt: Iso;
}
