/**
 * What the shell hands the floor's screens: the device's database, the session
 * and ui stores, the clock and the random source of new ids. Each screen's props
 * extend one of these, so the shared ones are declared and explained once.
 */
import type { TierboardDatabase } from '../db/database.ts';
import type { Plant } from '../domain/plant/plant-types.ts';
import type { SessionStore } from '../state/session-store.ts';
import type { UiStore } from '../state/ui-store.ts';
import type { Clock } from '../domain/time/clock.ts';
import type { LineSetup } from '../db/readings/reading-data.ts';

export interface ScreenBasics {
  db: TierboardDatabase;
  session: SessionStore;
  ui: UiStore;
  /** Device wall clock; screens correct it by the session's offset for every moment they show or store. */
  clock: Clock;
  /** Randomness for new ids (seeded in tests). */
  random: () => number;
}

/** A screen of one plant: the escalation screens. */
export interface PlantScreenProps extends ScreenBasics {
  plant: Plant;
}

/** A screen at one line: the floor navigation and the handover screens. */
export interface LineScreenProps extends ScreenBasics {
  /** Plant, line, shift pattern, the line's KPI definitions and the plant's roster (as the reading screen loads it). */
  setup: LineSetup;
}
