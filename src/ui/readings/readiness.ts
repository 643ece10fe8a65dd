/**
 * Signals for end-to-end tests and the benchmark: `window.__tierboard.ready`
 * and the `tb-interactive` mark once the reading screen can be used (database
 * open, line data and the shift's readings loaded); `tb-reading-durable` after
 * each reading is written.
 */
declare global {
  interface Window {
    __tierboard?: { ready?: boolean };
  }
}

let interactive = false;
let waiting: (() => void)[] = [];

export function markInteractive(): void {
  if (interactive) return;
  interactive = true;
  performance.mark('tb-interactive');
  window.__tierboard = { ready: true };
  for (const run of waiting.splice(0)) run();
}

/** Runs `run` once the reading screen is interactive (at once if it already is); returns a cancel. */
export function afterInteractive(run: () => void): () => void {
  if (interactive) {
    run();
    return () => undefined;
  }
  waiting.push(run);
  return () => {
    waiting = waiting.filter((r) => r !== run);
  };
}

export function markReadingDurable(): void {
  performance.mark('tb-reading-durable');
}

/** Tests render the app several times in one page. */
export function resetReadinessForTests(): void {
  interactive = false;
  waiting = [];
  delete window.__tierboard;
}
