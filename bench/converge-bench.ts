/**
 * `npm run bench:converge`: the convergence run of test/integration/convergence at the size of a
 * real site: 50 devices in 3 plants (47 protocol-level model devices and one device per plant
 * running the app's real sync client), whole plants losing their link for a while (partitions),
 * a quarter of the devices with clocks off by one to six hours either way, and the faults of the
 * test (lost requests, lost answers, SIGKILLs of the server in flight and after commit). When the
 * faults stop and everyone is quiet, the checks of SPEC [C1]-[C6] run; `lost` and `duplicated`
 * must be 0, and `problems` lists every broken rule.
 *
 *   npm run bench:converge                                 SQLite, then PostgreSQL, seed 1
 *   BENCH_CONVERGE_ENGINES=sqlite BENCH_CONVERGE_SEED=7 BENCH_CONVERGE_STEPS=3000 npm run bench:converge
 *
 * Too long for npm test's budget (minutes, not seconds); its small sibling, the seeded
 * convergence test, runs in npm test. Prints progress on stderr, then one JSON object as its last line.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { DEMO_PLANT_IDS } from '../src/demo/demo-data.ts';
import type { Prng } from '../src/domain/records/prng.ts';
import { runConvergence, type RunFigures } from '../test/integration/convergence/convergence-run.ts';
import type { EngineName } from '../test/integration/convergence/server-process.ts';
import { castOf, type PlantCast } from '../test/integration/convergence/workload.ts';

const DEVICES = 50;
const PLANTS = 3;
const HOUR = 3_600_000;
const SEED = Number(process.env.BENCH_CONVERGE_SEED ?? 1);
/** 16 operations per device on average, with whole plants cut off for stretches: about 5-10 minutes per engine on 2 busy cores (200 steps took 133 s here, most of it 50 enrollments, server restarts and the quiet rounds). */
const STEPS = Number(process.env.BENCH_CONVERGE_STEPS ?? 800);
const ENGINES = (process.env.BENCH_CONVERGE_ENGINES ?? 'sqlite,postgres').split(',').filter(Boolean) as EngineName[];
/** Per step: a plant's link drops or comes back; at 2 % a plant is cut off a few times per run, for dozens of steps each. */
const PARTITION_CHANCE = 0.02;

/** 50 devices over 3 plants, one real client per plant. */
export function siteFleet(): { models: [string, PlantCast][]; reals: [string, PlantCast][] } {
  const casts = DEMO_PLANT_IDS.slice(0, PLANTS).map((id) => castOf(id));
  const models: [string, PlantCast][] = [];
  const reals: [string, PlantCast][] = casts.map((c) => [`${c.plantId}-rx`, c]);
  for (let i = 0; models.length + reals.length < DEVICES; i++) {
    const cast = casts[i % casts.length] as PlantCast;
    models.push([`${cast.plantId}-m${String(i).padStart(2, '0')}`, cast]);
  }
  return { models, reals };
}

/** Every fourth device's clock is off by one to six hours, either way; the rest by up to 90 s. */
export function siteSkew(name: string, rng: Prng): number {
  const n = Number(/(\d+)$/.exec(name)?.[1] ?? 1);
  if (n % 4 === 0) return (rng.chance(0.5) ? 1 : -1) * rng.int(1 * HOUR, 6 * HOUR);
  return rng.int(-90_000, 90_000);
}

interface EngineResult extends RunFigures {
  engine: EngineName;
  problems: number;
  firstProblems: string[];
}

const results: EngineResult[] = [];
for (const engine of ENGINES) {
  console.error(`bench:converge on ${engine}: ${DEVICES} devices, ${PLANTS} plants, ${STEPS} steps, seed ${SEED} ...`);
  const run = await runConvergence({ seed: SEED, engine, steps: STEPS, fleet: siteFleet(), skewOf: siteSkew, partitionChance: PARTITION_CHANCE });
  console.error(run.summary);
  if (run.problems.length > 0) {
    mkdirSync('test-results', { recursive: true });
    const file = `test-results/bench-converge-${engine}-seed-${SEED}.log`;
    writeFileSync(file, `${run.summary}\n\n${run.problems.join('\n')}\n\n${run.log.tail(1_000_000)}\n`);
    console.error(`${run.problems.length} problems; full log: ${file}`);
  }
  results.push({ engine, ...run.figures, problems: run.problems.length, firstProblems: run.problems.slice(0, 5) });
}
const ok = results.every((r) => r.lost === 0 && r.duplicated === 0 && r.problems === 0);
console.log(JSON.stringify({ bench: 'converge', seed: SEED, steps: STEPS, partitions: PARTITION_CHANCE, skewedDevices: '1 in 4, 1-6 h', ok, engines: results }));
if (!ok) process.exitCode = 1;
