/**
 * [C1]-[C6] No lost writes under faults, proven by a seeded fuzz run
 * (sync-server/SPEC.md section C), in the manner of tldraw's syncFuzz.
 *
 *   npx vitest run test/integration/convergence                 seed 1 + the regression seeds, per engine
 *   FUZZ_SEED=1234 npx vitest run test/integration/convergence  one seed, to replay a failure
 *   FUZZ_RUNS=50 npx vitest run test/integration/convergence    a longer hunt (seeds 1..50)
 *   FUZZ_STEPS=200 ...                                           a longer schedule per run
 *   FUZZ_VERBOSE=1 ...                                           print the operation log of passing runs too
 *
 * A failing run prints its seed, the broken rules and the operation log.
 * Its fast sibling, in-memory-fuzz.test.ts, runs the real client against the
 * in-memory contract on 50 fresh seeds per run.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runConvergence } from './convergence-run.ts';
import type { EngineName } from './server-process.ts';

interface RegressionSeed {
  seed: number;
  note: string;
}

const regression = (JSON.parse(readFileSync(new URL('./regression-seeds.json', import.meta.url), 'utf8')) as { seeds: RegressionSeed[] }).seeds;

/**
 * One fixed seed plus the regression seeds (two today): three runs per engine, 15-45 s each
 * on 2 cores depending on what else runs, so the file stays within a few minutes of npm test.
 */
const FIXED_SEEDS = [1];

function seedsToRun(): number[] {
  const one = process.env.FUZZ_SEED;
  if (one) return [Number(one)];
  const runs = Number(process.env.FUZZ_RUNS ?? '0');
  const base = runs > 0 ? Array.from({ length: runs }, (_, i) => i + 1) : FIXED_SEEDS;
  return [...new Set([...base, ...regression.map((r) => r.seed)])];
}

/** 150 steps: several SIGKILLs and dozens of lost requests per run, 15-30 s each on 2 busy cores. */
const STEPS = Number(process.env.FUZZ_STEPS ?? '150');
/** A run takes 10-20 s; 120 s means something hangs, and the bounded waits inside report what. */
const RUN_TIMEOUT_MS = 120_000;

const ENGINES: EngineName[] = ['sqlite', 'postgres'];

for (const engine of ENGINES) {
  describe(`convergence under faults on ${engine}`, () => {
    for (const seed of seedsToRun()) {
      const known = regression.find((r) => r.seed === seed);
      it(`[C1]-[C6] seed ${seed}${known ? ' (regression)' : ''}: every write on the server once, every copy equal`, async () => {
        const result = await runConvergence({ seed, engine, steps: STEPS });
        if (result.problems.length > 0) {
          // The whole log can run to thousands of lines with the real clients traced: a file, and its tail on screen.
          mkdirSync('test-results', { recursive: true });
          const file = `test-results/convergence-${engine}-seed-${seed}.log`;
          writeFileSync(file, `${result.summary}\n\n${result.problems.join('\n')}\n\n${result.log.tail(1_000_000)}\n`);
          console.error(`full log: ${file}`);
          console.error(
            `Convergence FAILED: ${result.summary}\nreplay: FUZZ_SEED=${seed} npx vitest run test/integration/convergence -t ${engine}\n\n` +
              `${result.problems.slice(0, 40).join('\n')}${result.problems.length > 40 ? `\n... ${result.problems.length - 40} more` : ''}\n\n` +
              `operation log:\n${result.log.tail()}`,
          );
        } else {
          console.info(process.env.FUZZ_VERBOSE ? `${result.summary}\n${result.log.tail(100_000)}` : result.summary);
        }
        expect(result.problems).toEqual([]);
      }, RUN_TIMEOUT_MS);
    }
  });
}
