/** The enterprise > plant > area/line structure. */
import type { MutableMeta } from '../records/record-types.ts';
import type { TierStep } from '../escalation/escalation-types.ts';

export interface Enterprise extends MutableMeta {
  id: string;
  name: string;
}

export interface Plant extends MutableMeta {
  id: string;
  enterpriseId: string;
  code: string;
  name: string;
  /** IANA time zone, e.g. `Europe/Berlin`. Shifts are computed in it. */
  timeZone: string;
  /** BCP-47 locale for numbers and dates on this plant's screens. */
  locale: string;
  shiftPatternId: string;
  /** Minutes after which an unacknowledged escalation moves up, per tier. */
  tierLadder: TierStep[];
  /** Minutes of no input before a shared tablet signs the person out. */
  idleSignOutMinutes: number;
}

export type LineLevel = 'plant' | 'area' | 'line';

export interface Line extends MutableMeta {
  id: string;
  plantId: string;
  area: string;
  code: string;
  name: string;
  active: boolean;
}
