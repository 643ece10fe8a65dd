/**
 * One seeded convergence run: the real server as a child process, four model
 * devices and two real-client devices (two plants), a random schedule of
 * writes, syncs, outages, lost requests and SIGKILLs, then a clean network
 * until everyone is quiet, then the checks of convergence-check.ts.
 */
import { DEMO_PLANT_IDS } from '../../../src/demo/demo-data.ts';
import { createPrng, type Prng } from '../../../src/domain/records/prng.ts';
import { fetchTransport } from '../../../src/sync/transport.ts';
import { checkCopies, checkCreated, checkEdits, readServer } from './convergence-check.ts';
import { FaultTransport, type FaultRates } from './fault-transport.ts';
import { ModelDevice, ProtocolProblem } from './model-device.ts';
import { OpLog } from './op-log.ts';
import { RealDevice } from './real-device.ts';
import { ServerProcess, createDataHome, freePort, prepareData, type DataHome, type EngineName } from './server-process.ts';
import { castOf, type PlantCast } from './workload.ts';

export interface RunOptions {
  seed: number;
  engine: EngineName;
  /** Schedule length; each step is one operation. */
  steps: number;
  /**
   * The fleet: protocol-level model devices and devices running the app's real sync client, each
   * named and cast in a plant. Default: the test's four models and two real clients in two plants.
   */
  fleet?: { models: [string, PlantCast][]; reals: [string, PlantCast][] };
  /** A device's clock error, ms, drawn once per device. Default: up to 90 s either way. */
  skewOf?: (name: string, rng: Prng) => number;
  /**
   * Per step, the chance that one plant's link drops or comes back as a whole (all its devices
   * offline together, as when a plant's WAN goes down). Default 0: devices go offline one by one only.
   */
  partitionChance?: number;
}

/** The test's own fleet: four model devices and two real clients in two plants. */
function defaultFleet(): { models: [string, PlantCast][]; reals: [string, PlantCast][] } {
  const bochum = castOf(DEMO_PLANT_IDS[0] ?? 'plant-bochum');
  const peoria = castOf(DEMO_PLANT_IDS[1] ?? 'plant-peoria');
  return {
    models: [
      ['bochum-a', bochum],
      ['bochum-b', bochum],
      ['bochum-c', bochum],
      ['peoria-a', peoria],
    ],
    reals: [
      ['bochum-rx', bochum],
      ['peoria-rx', peoria],
    ],
  };
}

export interface RunResult {
  problems: string[];
  log: OpLog;
  summary: string;
  /** The run in figures, for the benchmark (bench/converge-bench.ts). */
  figures: RunFigures;
}

export interface RunFigures {
  devices: number;
  plants: number;
  created: number;
  edits: number;
  kills: number;
  /** Records a device made that the server does not hold ([C1]). */
  lost: number;
  /** Records held twice in the feed, or that no device made ([C1]). */
  duplicated: number;
  seconds: number;
}

/**
 * Per request: 10 % dropped before sending, 12 % answered but the answer lost.
 * High on purpose (a real plant link loses far less): every run should hit
 * each fault dozens of times, the lost answer above all, since that is the
 * case where the server committed and the device does not know it.
 */
const RATES: FaultRates = { dropBefore: 0.1, dropAfter: 0.12 };

/** Quiet rounds: each model device syncs, then the real clients settle; converged when a round moves nothing. */
const MAX_QUIET_ROUNDS = 12;
/** Bound on the real client's settling (it retries every 20-250 ms); beyond it, the device is stuck. */
const SETTLE_TIMEOUT_MS = 20_000;

const T0 = Date.parse('2026-03-02T06:00:00.000Z');

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`${what} did not finish in ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

interface Fleet {
  models: ModelDevice[];
  reals: RealDevice[];
}

export async function runConvergence(opts: RunOptions): Promise<RunResult> {
  const log = new OpLog();
  const rng = createPrng(opts.seed);
  // Separate streams, so what the real clients do in the background does not shift the schedule's draws.
  const rngFor = (who: string) => createPrng(`${opts.seed}:${who}`);
  const problems: string[] = [];
  const started = Date.now();

  const { models: modelSpecs, reals: realSpecs } = opts.fleet ?? defaultFleet();
  // Each device's clock is off from the simulated floor time by up to 90 s, as unsynced tablets are.
  const skewOf = opts.skewOf ?? ((_name: string, r: Prng) => r.int(-90_000, 90_000));
  const skews = new Map([...modelSpecs, ...realSpecs].map(([n]) => [n, skewOf(n, rng)]));
  const floorClock = (who: string) => () => T0 + log.step * 5_000 + (skews.get(who) ?? 0);

  let home: DataHome | null = null;
  let server: ServerProcess | null = null;
  const fleet: Fleet = { models: [], reals: [] };
  try {
    home = await createDataHome(opts.engine);
    const codes = await prepareData(home, [...modelSpecs, ...realSpecs].map(([, c]) => ({ plantId: c.plantId, lineId: c.lineId })), Date.now());
    server = new ServerProcess(home, await freePort());
    await server.start();
    const srv = server;
    const kill = async () => {
      await srv.kill();
      log.add('server', 'SIGKILL');
    };

    const transport = (who: string) => new FaultTransport(fetchTransport(), rngFor(who), RATES, log, who);
    for (const [i, [name, cast]] of modelSpecs.entries()) {
      const d = new ModelDevice(name, cast, transport(name), srv.url, log, floorClock(name));
      d.transport.faultsOn = false;
      await d.enroll(codes[i] ?? '');
      await d.sync();
      fleet.models.push(d);
    }
    for (const [i, [name, cast]] of realSpecs.entries()) {
      const d = await RealDevice.open(name, cast, transport(name), floorClock(name));
      d.transport.trace = true;
      fleet.reals.push(d);
      d.transport.faultsOn = false;
      await d.enroll(srv.url, codes[modelSpecs.length + i] ?? '');
      await withTimeout(d.settle(), SETTLE_TIMEOUT_MS, `${name} first sync`);
    }
    for (const d of [...fleet.models, ...fleet.reals]) d.transport.faultsOn = true;

    // ---------------------------------------------------------------- the schedule
    for (let step = 1; step <= opts.steps; step++) {
      log.step = step;
      await runStep(rng, fleet, srv, kill, log, opts.partitionChance ?? 0);
    }

    // ---------------------------------------------------------------- quiet: clean network, server up
    log.step = opts.steps + 1;
    log.add('test', 'faults off, everyone online, server up');
    for (const d of [...fleet.models, ...fleet.reals]) {
      d.transport.faultsOn = false;
      if (d instanceof RealDevice) d.setOffline(false);
      else d.transport.setOffline(false);
    }
    await srv.start();
    await quiesce(fleet, log, problems);

    const store = await home.openStore();
    try {
      const state = await readServer(store, problems);
      checkCreated(state, [...fleet.models.flatMap((d) => d.created), ...fleet.reals.flatMap((d) => d.created)], problems);
      checkEdits(state, [...fleet.models.flatMap((d) => d.edits), ...fleet.reals.flatMap((d) => d.edits)], problems);
      await checkCopies(state, fleet.models, fleet.reals, problems);
    } finally {
      await store.close();
    }
    for (const d of fleet.models) for (const p of d.problems) problems.push(`[C5] ${d.name}: ${p}`);
    for (const d of fleet.reals) {
      for (const r of await d.client.rejections()) problems.push(`[C5] ${d.name}: ${r.collection}/${r.id} rejected: ${r.error} ${r.message}`);
    }
    for (const exit of srv.unexpectedExits) problems.push(`[C6] ${exit}`);
    const created = fleet.models.reduce((n, d) => n + d.created.length, 0) + fleet.reals.reduce((n, d) => n + d.created.length, 0);
    const edits = [...fleet.models, ...fleet.reals].reduce((n, d) => n + d.edits.length, 0);
    const all = [...fleet.models, ...fleet.reals];
    const figures: RunFigures = {
      devices: all.length,
      plants: new Set(all.map((d) => d.cast.plantId)).size,
      created,
      edits,
      kills: srv.kills,
      lost: problems.filter((p) => p.includes('is not on the server')).length,
      duplicated: problems.filter((p) => p.includes('appears twice in the feed') || p.includes('but no device made it')).length,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    };
    return {
      problems,
      log,
      figures,
      summary: `seed ${opts.seed} on ${opts.engine}: ${opts.steps} steps, ${created} records created, ${edits} field edits, ${srv.kills} SIGKILLs (${log.count('while in flight')} in flight, ${log.count('after answering')} after commit), ${srv.starts} server starts, ${log.count('dropped before')} requests dropped, ${log.count('response lost')} answers lost, ${log.count('conflicts,') - log.count(' 0 conflicts')} pushes with conflicts, ${log.size} log lines, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    };
  } finally {
    for (const d of fleet.reals) await d.close().catch(() => undefined);
    await server?.kill();
    await home?.destroy();
  }
}

async function runStep(rng: Prng, fleet: Fleet, server: ServerProcess, kill: () => Promise<void>, log: OpLog, partitionChance: number): Promise<void> {
  // No draw when partitions are off: the test's seeds replay the same schedules as before.
  if (partitionChance > 0 && rng.chance(partitionChance)) {
    partition(rng, fleet, log);
    return;
  }
  if (!server.up) {
    // A dead server stays down for a few steps: devices keep writing and failing meanwhile.
    if (rng.chance(0.35)) {
      await server.start();
      log.add('server', 'restarted on the same data');
      return;
    }
  } else if (rng.chance(0.04)) {
    await kill();
    return;
  }
  const roll = rng.next();
  if (roll < 0.04 && server.up) {
    const d = rng.pick(fleet.models);
    const kind = rng.chance(0.5) ? 'kill_in_flight' : 'kill_after_commit';
    d.transport.armAmbush(kind, kill);
    log.add('test', `${d.name}'s next request: ${kind}`);
    await syncModel(d, log);
    return;
  }
  if (roll < 0.1) {
    const all = [...fleet.models, ...fleet.reals];
    const d = rng.pick(all);
    const offline = !d.transport.offline;
    if (d instanceof RealDevice) d.setOffline(offline);
    else d.transport.setOffline(offline);
    log.add(d.name, offline ? 'goes offline' : 'back online');
    return;
  }
  if (roll < 0.22) {
    const d = rng.pick(fleet.reals);
    const what = rng.next();
    log.add(d.name, what < 0.65 ? await d.writeReading(rng) : what < 0.8 ? await d.writeCorrection(rng) : await d.editObjective(rng));
    return;
  }
  if (roll < 0.5) {
    await syncModel(rng.pick(fleet.models), log);
    return;
  }
  const d = rng.pick(fleet.models);
  const what = rng.next();
  let done: string;
  if (what < 0.5) done = d.writeReading(rng);
  else if (what < 0.6) done = d.writeCorrection(rng);
  else if (what < 0.68) done = d.raiseEscalation(rng);
  else if (what < 0.76) done = d.addEscalationEvent(rng);
  else if (what < 0.96) done = d.editMutable(rng);
  else done = d.createAction();
  log.add(d.name, done);
}

/** One plant's link drops (every device of it offline at once), or comes back if it was down. */
function partition(rng: Prng, fleet: Fleet, log: OpLog): void {
  const all = [...fleet.models, ...fleet.reals];
  const plantId = rng.pick([...new Set(all.map((d) => d.cast.plantId))]);
  const ofPlant = all.filter((d) => d.cast.plantId === plantId);
  const offline = !ofPlant.every((d) => d.transport.offline);
  for (const d of ofPlant) {
    if (d instanceof RealDevice) d.setOffline(offline);
    else d.transport.setOffline(offline);
  }
  log.add('test', `${plantId}'s link ${offline ? 'drops' : 'is back'} (${ofPlant.length} devices)`);
}

async function syncModel(d: ModelDevice, log: OpLog): Promise<number> {
  try {
    const pulled = await d.sync();
    log.add(d.name, `synced, pulled ${pulled}`);
    return pulled;
  } catch (err) {
    if (err instanceof ProtocolProblem) log.add(d.name, `REFUSED: ${err.message}`);
    else log.add(d.name, `sync stopped: ${(err as Error).message}`);
    return -1;
  }
}

/**
 * Everyone syncs on a clean network until a round moves nothing (bounded).
 * The real clients settle first, then the models sync: a round in which no
 * model pushed or pulled anything means the real clients already hold every
 * model push, and the models every real-client push.
 */
async function quiesce(fleet: Fleet, log: OpLog, problems: string[]): Promise<void> {
  for (let round = 1; round <= MAX_QUIET_ROUNDS; round++) {
    for (const d of fleet.reals) {
      try {
        await withTimeout(d.settle(), SETTLE_TIMEOUT_MS, `${d.name} settling`);
      } catch (err) {
        problems.push(`[C4] ${d.name}: ${(err as Error).message}`);
        return;
      }
    }
    let moved = 0;
    for (const d of fleet.models) {
      const pending = d.pendingCount();
      const pulled = await syncModel(d, log);
      moved += pending + Math.max(pulled, 0) + (pulled < 0 ? 1 : 0);
    }
    log.add('test', `quiet round ${round}: ${moved} changes moved`);
    for (const d of fleet.reals) log.add(d.name, d.describe());
    if (moved === 0) return;
  }
  problems.push(`[C4] still syncing after ${MAX_QUIET_ROUNDS} rounds on a clean network`);
}
