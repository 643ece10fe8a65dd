/**
 * The RxDB side of the reading screen: the database and the screen's queries
 * on it. Imported only dynamically, so RxDB, Dexie, rxjs and mingo stay out
 * of the first chunk; main.tsx starts loading this as its very first step.
 */
export { openFloorDatabase } from '../../db/database.ts';
export { rxReadingData } from './rx-reading-data.ts';
