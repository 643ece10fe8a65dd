// `npm test`: every check the project has, in the order that fails fastest.
// typecheck -> lint -> unit/component/integration (vitest) -> build -> end-to-end (real Chromium).
// Ends with one plain summary line "tests: N passed, N failed" that any reader can find.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';

mkdirSync('test-results', { recursive: true });
// Stale results from an earlier run must never be counted as this run's.
for (const f of ['test-results/vitest.json', 'test-results/e2e.json']) rmSync(f, { force: true });
const steps = [
  ['typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['lint', 'npx', ['eslint', '--max-warnings', '0', '.']],
  ['unit, component and integration tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json']],
  ['build', 'npx', ['vite', 'build', '--logLevel', 'warn']],
  ['end-to-end tests in Chromium', 'npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/e2e.json']],
];

let failedStep = null;
for (const [name, cmd, args] of steps) {
  console.log(`\n== ${name}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' } });
  console.log(`== ${name}: ${r.status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (r.status !== 0) { failedStep = name; break; }
}

let passed = 0;
let failed = 0;
for (const f of ['test-results/vitest.json', 'test-results/e2e.json']) {
  if (!existsSync(f)) continue;
  const j = JSON.parse(readFileSync(f, 'utf8'));
  passed += j.numPassedTests ?? 0;
  failed += (j.numFailedTests ?? 0);
}
if (failedStep) console.log(`\nnpm test stopped at: ${failedStep}`);
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failedStep ? 1 : 0);
