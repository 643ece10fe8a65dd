/**
 * [C1] [C2] [C4] [C5] The in-memory tier of the convergence test (in-memory-run.ts): the real
 * sync client on three devices against the in-memory contract, many seeds per run, next to the
 * SIGKILL tier (convergence.test.ts), which is slower and runs few.
 *
 *   npx vitest run test/integration/convergence/in-memory-fuzz.test.ts              50 fresh seeds + the pinned ones
 *   FUZZ_SEED=1234 npx vitest run test/integration/convergence/in-memory-fuzz.test.ts  one seed, to replay a failure
 *   FUZZ_RUNS=500 ...                                                                a longer hunt
 *   FUZZ_STEPS=120 ...                                                               a longer schedule per run
 *
 * A failing run prints its seed, the broken rules and the operations (tldraw's syncFuzz does the
 * same); pin a seed that found something in in-memory-seeds.json with what it found.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runInMemory } from './in-memory-run.ts';

interface PinnedSeed {
  seed: number;
  /** The schedule length it failed with (a seed's schedule depends on it). */
  steps: number;
  note: string;
}

const pinned = (JSON.parse(readFileSync(new URL('./in-memory-seeds.json', import.meta.url), 'utf8')) as { seeds: PinnedSeed[] }).seeds;

/** 50 fresh seeds on every run, the least this tier is meant to run: about 0.1 s each on a quiet machine, a few seconds in all. */
const FRESH_RUNS = Number(process.env.FUZZ_RUNS ?? '50');
/** 40 steps: a dozen writes and edits, several links lost and answers dropped, per device. */
const STEPS = Number(process.env.FUZZ_STEPS ?? '40');

function freshSeeds(): number[] {
  const one = process.env.FUZZ_SEED;
  if (one) return [Number(one)];
  // Fresh every run, on purpose: a test that only ever replays the same seeds finds nothing new.
  return Array.from({ length: FRESH_RUNS }, () => Math.floor(Math.random() * 2 ** 31));
}

async function runSeed(seed: number, steps = STEPS): Promise<void> {
  const result = await runInMemory(seed, steps);
  if (result.problems.length > 0) {
    console.error(
      `In-memory convergence FAILED: ${result.summary}\n` +
        `replay: FUZZ_SEED=${seed} FUZZ_STEPS=${steps} npx vitest run test/integration/convergence/in-memory-fuzz.test.ts\n\n` +
        `${result.problems.slice(0, 30).join('\n')}${result.problems.length > 30 ? `\n... ${result.problems.length - 30} more` : ''}\n\n` +
        `operations:\n${result.log.tail()}`,
    );
  }
  expect(result.problems, `seed ${seed}`).toEqual([]);
}

describe('[C1] [C2] [C4] [C5] convergence of the real client against the in-memory contract', () => {
  for (const { seed, steps, note } of pinned) {
    it(`pinned seed ${seed}: ${note.slice(0, 80)}`, () => runSeed(seed, steps));
  }
  const seeds = freshSeeds();
  it(`${seeds.length} fresh seeds: every reading on the server as written, every copy equal`, async () => {
    console.info(`in-memory convergence seeds: ${seeds.join(' ')}`);
    for (const seed of seeds) await runSeed(seed);
  }, 120_000);
});
