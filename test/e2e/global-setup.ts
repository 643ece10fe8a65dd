/**
 * Builds what the end-to-end tests serve: `dist` (skipped when `npm test` has
 * just built it) and a second, newer build in test-results/dist-next that the
 * update test "deploys" over the first one.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

function build(outDir: string, buildId: string): void {
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'error', '--outDir', outDir, '--emptyOutDir'], {
    stdio: 'inherit',
    env: { ...process.env, TIERBOARD_BUILD_ID: buildId },
  });
  if (r.status !== 0) throw new Error(`vite build into ${outDir} failed`);
}

export default function setup(): void {
  if (!existsSync('dist/index.html')) build('dist', `e2e-${Date.now()}`);
  build('test-results/dist-next', `e2e-next-${Date.now()}`);
  if (!existsSync('/usr/bin/chromium') && !process.env.CHROMIUM_PATH) {
    throw new Error("Chromium is missing: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH");
  }
}
