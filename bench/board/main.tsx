/**
 * The board benchmark page (driven by bench/board-bench.ts). Query:
 * - `?mode=seed&size=small|large`: fills this browser's IndexedDB with the plant;
 * - `?mode=render&size=...`: mounts PlantBoard on it and records the time from
 *   mount to the first full page painted (data loaded, board built, calendar
 *   drawn, next frame), starting from the board digest an earlier load saved;
 *   with `&cold=1` the digest is forgotten first, so the board reads its
 *   window of readings as on a wall screen's very first start, and the load
 *   waits until the new digest is saved; then `window.bench.updates(n, batch)` applies live
 *   readings through the database and records how long each took from the
 *   database's insert event to the board's DOM being updated.
 */
import { render } from 'preact';
import { openBoardDigestStore } from '../../src/db/board/board-digest-store.ts';
import { openDatabase, type TierboardDatabase } from '../../src/db/database.ts';
import { normalizeMangoQuery, prepareQuery } from 'rxdb';
import { addProductionDays, plantLocalDate } from '../../src/domain/shift/shift-calendar.ts';
import { boardWindowStart } from '../../src/db/board/board-readings.ts';
import type { KpiReading } from '../../src/domain/kpi/kpi-types.ts';
import { PlantBoard } from '../../src/ui/board/plant-board.tsx';
import '../../src/ui/styles.css';
import { benchPlant, benchValue, prng, PLANT_ID, SHIFTS } from './generate.ts';

const SIZES = { small: { lines: 1, days: 7 }, large: { lines: 30, days: 90 } } as const;
type Size = keyof typeof SIZES;

declare global {
  interface Window {
    bench: {
      done: boolean;
      error: string;
      renderMs: number;
      readings: number;
      updates(count: number, batch: number, visibleLines: number, withFrame?: boolean): Promise<number[]>;
      /** Per update of the last `updates` call with withFrame: insert event to the next animation frame. */
      frames: number[];
      /** ms from mount: query sent, readings loaded, board state built. */
      phases: Record<string, number>;
      domNodes(): number;
    };
  }
}

const params = new URLSearchParams(location.search);
const size = (params.get('size') ?? 'small') as Size;
const mode = params.get('mode') ?? 'render';
const spec = SIZES[size];
const today = plantLocalDate('Europe/Berlin', new Date());
window.bench = { done: false, error: '', renderMs: 0, readings: 0, updates: () => Promise.resolve([]), frames: [], phases: {}, domNodes: () => document.getElementsByTagName('*').length };

const nextFrame = () => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now())));
/** A task after everything queued now (microtasks, Preact's render) has run. */
const afterWork = () =>
  new Promise<number>((r) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => r(performance.now());
    ch.port2.postMessage(0);
  });

async function seed(db: TierboardDatabase): Promise<void> {
  if ((await db.plants.count().exec()) > 0) return;
  const p = benchPlant(spec.lines, spec.days, today);
  await db.plants.insert(p.plant);
  await db.shift_patterns.insert(p.pattern);
  await db.lines.bulkInsert(p.lines);
  await db.people.bulkInsert(p.people);
  await db.kpi_definitions.bulkInsert(p.defs);
  for (let i = 0; i < p.readings.length; i += 5000) {
    const r = await db.kpi_readings.bulkInsert(p.readings.slice(i, i + 5000));
    if (r.error.length > 0) throw new Error(`seeding failed: ${JSON.stringify(r.error[0]).slice(0, 300)}`);
  }
}

async function main(): Promise<void> {
  const db = await openDatabase({ name: `bench-board-${size}`, multiInstance: false });
  if (mode === 'probe') {
    // How the board could read its window, timed alone (bench/board-bench.ts --probe): RxDB find (RxDocuments),
    // one storage query, one storage query per production date in parallel.
    const how = params.get('how') ?? 'find';
    const from = boardWindowStart(today);
    const schema = db.kpi_readings.schema.jsonSchema;
    const q = (selector: Record<string, unknown>) => db.kpi_readings.storageInstance.query(prepareQuery(schema, normalizeMangoQuery(schema, { selector })));
    const t0 = performance.now();
    let n = 0;
    if (how === 'find') n = (await db.kpi_readings.find({ selector: { plantId: PLANT_ID, productionDate: { $gte: from } } }).exec()).length;
    else if (how === 'one') n = (await q({ plantId: PLANT_ID, productionDate: { $gte: from } })).documents.length;
    else {
      const dates: string[] = [];
      for (let d = from; d <= today; d = addProductionDays(d, 1)) dates.push(d);
      n = (await Promise.all(dates.map((d) => q({ plantId: PLANT_ID, productionDate: d })))).reduce((a, r) => a + r.documents.length, 0);
    }
    window.bench.renderMs = performance.now() - t0;
    window.bench.readings = n;
    window.bench.done = true;
    return;
  }
  if (mode === 'seed') {
    await seed(db);
    window.bench.readings = await db.kpi_readings.count().exec();
    window.bench.done = true;
    return;
  }
  // The bench listens first, so its timestamp is taken before the board handles the same event.
  let arrivedAt = 0;
  // Off the change bulks, as the board listens (insert$ would keep every change in memory: src/db/board/board-readings.ts).
  db.kpi_readings.eventBulks$.subscribe(() => {
    if (arrivedAt === 0) arrivedAt = performance.now();
  });
  const cold = params.get('cold') === '1';
  if (cold) {
    const digests = openBoardDigestStore(db.name);
    await digests.clear();
    digests.close();
  }
  const root = document.getElementById('app') as HTMLElement;
  const clock = { now: () => Date.now() };
  const start = performance.now();
  // Rotation off (a page change would be counted as growth); full screen and wake lock off (no gesture here).
  render(<PlantBoard db={db} plantId={PLANT_ID} clock={clock} kiosk={false} settings={{ dwellMs: 1e9, meetingIdleMs: 1e9 }} />, root);
  await new Promise<void>((resolve) => {
    const check = () => (document.querySelector('[data-testid="board-page-calendar"]') ? resolve() : requestAnimationFrame(check));
    check();
  });
  window.bench.renderMs = (await nextFrame()) - start;
  const mark = (name: string) => (performance.getEntriesByName(name).at(-1)?.startTime ?? Number.NaN) - start;
  window.bench.phases = { query: mark('tb-board-query'), loaded: mark('tb-board-loaded'), built: mark('tb-board-built') };
  if (cold) {
    // The next warm load starts from the digest this one saves.
    for (let waited = 0; performance.getEntriesByName('tb-board-digest-saved').length === 0; waited += 50) {
      if (waited > 60_000) throw new Error('the board never saved its digest');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  // Latest reading per slot of today, so each live update is a correction of what the board shows.
  const current = new Map<string, string>();
  const rnd = prng(99);
  let n = 0;
  window.bench.updates = async (count, batch, visibleLines, withFrame = false) => {
    const times: number[] = [];
    const frames: number[] = [];
    for (let done = 0; done < count; done += batch) {
      const docs: KpiReading[] = [];
      for (let i = 0; i < batch && done + i < count; i++) {
        const line = Math.floor(rnd() * Math.min(visibleLines, spec.lines));
        const k = Math.floor(rnd() * 10);
        const shift = SHIFTS[Math.floor(rnd() * 3)] ?? 'E';
        const slot = `kpi-${line}-${k}|${shift}`;
        const previous = current.get(slot) ?? `r-kpi-${line}-${k}-${today}-${shift}`;
        const id = `u-${String(++n).padStart(7, '0')}`;
        current.set(slot, id);
        docs.push({
          id, kpiId: `kpi-${line}-${k}`, plantId: PLANT_ID, lineId: `line-${line}`, shiftCode: shift, productionDate: today, value: benchValue(rnd),
          personId: 'person-1', deviceId: 'device-bench', recordedAt: new Date().toISOString(), clockOffsetMs: 0, note: '', supersedes: previous,
          correctionReason: 'bench', receivedAt: '',
        });
      }
      arrivedAt = 0;
      await (docs.length === 1 ? db.kpi_readings.insert(docs[0] as KpiReading) : db.kpi_readings.bulkInsert(docs));
      // RxDB may emit the insert event a task after the write resolves: wait for it, then for
      // a task after it (the board applies the reading and Preact renders in that event's microtasks).
      for (let spins = 0; arrivedAt === 0 && spins < 1000; spins++) await afterWork();
      if (arrivedAt === 0) throw new Error('the database never announced the inserted reading');
      const committed = await afterWork();
      times.push(committed - arrivedAt);
      if (withFrame) frames.push((await nextFrame()) - arrivedAt);
    }
    window.bench.frames = frames;
    return times;
  };
  window.bench.done = true;
}

main().catch((err: unknown) => {
  window.bench.error = err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err);
  window.bench.done = true;
});
