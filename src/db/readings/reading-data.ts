/**
 * What the reading screen needs from the local database, behind one small
 * interface so the screen never knows about RxDB queries and the screen's
 * tests can run on the real database all the same.
 */
import type { KpiDefinition, KpiReading } from '../../domain/kpi/kpi-types.ts';
import type { Line, Plant } from '../../domain/plant/plant-types.ts';
import type { Person } from '../../domain/people/people-types.ts';
import type { ShiftInstance, ShiftPattern } from '../../domain/shift/shift-types.ts';

export interface LineSetup {
  plant: Plant;
  line: Line;
  pattern: ShiftPattern;
  /** Active KPI definitions that apply to this line (line, its area, its plant, enterprise-wide). */
  defs: KpiDefinition[];
  /** The plant's roster. */
  roster: Person[];
}

/** A reading of this device the server refused, waiting for a person's decision (src/sync/rejections.ts). */
export interface RefusedReading {
  reading: KpiReading;
  /** The contract's code, e.g. `not_allowed`. */
  error: string;
  /** The server's words. */
  message: string;
}

export interface ReadingData {
  /** null when the plant or line is unknown to this tablet (then setup runs again). */
  loadLineSetup(plantId: string, lineId: string): Promise<LineSetup | null>;
  /**
   * Calls `onChange` with every reading of the shift instance that counts, now and after each change;
   * returns unsubscribe. Readings the server refused are left out (they never count, discarded or not).
   */
  watchShiftReadings(shift: ShiftInstance, onChange: (readings: KpiReading[]) => void): () => void;
  /** The shift's refused readings still waiting for a decision, now and after each change; returns unsubscribe. */
  watchRefusedReadings?(shift: ShiftInstance, onChange: (refused: RefusedReading[]) => void): () => void;
  /** Gives a refused reading up, as the person chose: it stays on the device, marked discarded by them. */
  discardRefusedReading?(id: string, by: string): Promise<void>;
  /** Readings of the line from the days before (refused ones left out), for "last value" while this shift has none. */
  recentLineReadings(lineId: string, sinceProductionDate: string): Promise<KpiReading[]>;
  findPersonByBadge(plantId: string, badge: string): Promise<Person | null>;
  /** Resolves once the reading is durably stored. Writing the same reading twice is harmless. */
  writeReading(reading: KpiReading): Promise<void>;
  /** True while the database is still opening and every call waits for it (see deferred-reading-data.ts). */
  waitingForDatabase?(): boolean;
}
