/**
 * The RxDB side of the reading screen: the database and the screen's queries
 * on it. Imported only dynamically, so RxDB, Dexie, rxjs and mingo stay out
 * of the first chunk; main.tsx starts loading this as its very first step.
 *
 * The screen's chunk seam, so it stays beside the screen while the queries
 * live in src/db: with this entry under src/db, Rolldown lays the shared
 * rxdb/rxjs chunk out in another order that gzips 0.1 kB larger, on a first
 * screen that has 1 kB to spare.
 */
export { openFloorDatabase } from '../../db/database.ts';
export { rxReadingData } from '../../db/readings/rx-reading-data.ts';
