/**
 * `TIERBOARD_DEMO=1` (or `--demo`; `npm start` sets it for a database it creates itself, [E9]): an empty server gets the demo enterprise (four plants,
 * people, KPIs, OKRs and a week of readings), and every demo start gets two
 * fresh enrollment codes, so `npm start` leads straight to an enrolled tablet
 * and wall screen (`TIERBOARD_DEMO_TABLETS=2` adds a code per extra tablet
 * at the same line). Codes are made on every start, not only the first: they
 * are one-time and last a day, so a restarted demo would otherwise have none.
 */
import { COLLECTION_NAMES, type CollectionName } from '../src/domain/records/collections.ts';
import { demoDataset, demoReadings } from '../src/demo/demo-data.ts';
import { issueEnrollmentCode, type IssuedCode } from './auth/enrollment.ts';
import type { Store, StoredDocument } from './store/store.ts';

/** A week of readings fills the board's trend lines without slowing the first start. */
const DEMO_READING_DAYS = 7;
/**
 * Records per applyWrites: the push limit, so seeding goes through the same
 * path and transaction size as a device's push.
 */
const SEED_BATCH = 500;

export interface DemoCodes {
  plantId: string;
  lineId: string;
  tablet: IssuedCode;
  /** Codes for more tablets at the same line (TIERBOARD_DEMO_TABLETS above 1), beyond `tablet`. */
  moreTablets: IssuedCode[];
  wallScreen: IssuedCode;
}

export interface SeedOptions {
  /** Tablet codes to issue for the demo line (at least 1): two tablets at one line show sync working. */
  tablets?: number;
}

export interface SeedResult {
  /** True when the store was empty and the demo enterprise was loaded. */
  loaded: boolean;
  codes: DemoCodes;
}

/** Store every record of a dataset as new (tests load fixtures the same way). */
export async function loadDataset(store: Store, records: Partial<Record<CollectionName, readonly object[]>>, nowIso: string): Promise<void> {
  for (const name of COLLECTION_NAMES) {
    const docs = (records[name] ?? []) as StoredDocument[];
    for (let i = 0; i < docs.length; i += SEED_BATCH) {
      const writes = docs.slice(i, i + SEED_BATCH).map((d) => ({ id: d.id, newDocument: d, assumedMasterRev: null }));
      await store.applyWrites(name, writes, nowIso);
    }
  }
}

/**
 * [E9] Why the demo must not go into this store, or null when it may: it is empty, or it
 * holds the demo enterprise already. A database holding anything else is someone's real
 * plant: demo people (an admin with PIN 1234) and demo codes have no place in it.
 */
export async function demoRefusal(store: Store): Promise<string | null> {
  if ((await store.headPosition()) === 0) return null;
  const plantId = demoDataset().plants[0]?.id ?? '';
  const [plant] = await store.getByIds('plants', [plantId]);
  if (plant && !plant.deleted) return null;
  return 'The database already holds data that is not the demo enterprise: the demo is not loaded into it and no demo codes are made.';
}

export async function seedDemo(store: Store, nowMs: number, origin: string, options: SeedOptions = {}): Promise<SeedResult> {
  const data = demoDataset();
  const loaded = (await store.headPosition()) === 0;
  if (loaded) {
    const nowIso = new Date(nowMs).toISOString();
    await loadDataset(store, { ...data, kpi_readings: demoReadings(nowIso, DEMO_READING_DAYS) }, nowIso);
  }
  const plant = data.plants[0];
  const line = data.lines.find((l) => l.plantId === plant?.id);
  if (!plant || !line) throw new Error('the demo dataset has no plant with a line');
  const common = { plantId: plant.id, createdBy: 'demo-seed', origin };
  const tabletCode = () => issueEnrollmentCode(store, { ...common, kind: 'tablet', lineId: line.id }, nowMs);
  const tablet = await tabletCode();
  const moreTablets: IssuedCode[] = [];
  for (let i = 1; i < (options.tablets ?? 1); i++) moreTablets.push(await tabletCode());
  return {
    loaded,
    codes: {
      plantId: plant.id,
      lineId: line.id,
      tablet,
      moreTablets,
      wallScreen: await issueEnrollmentCode(store, { ...common, kind: 'wall_screen', lineId: '' }, nowMs),
    },
  };
}
