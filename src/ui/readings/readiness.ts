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

export function markInteractive(): void {
  if (interactive) return;
  interactive = true;
  performance.mark('tb-interactive');
  window.__tierboard = { ready: true };
}

export function markReadingDurable(): void {
  performance.mark('tb-reading-durable');
}

/** Tests render the app several times in one page. */
export function resetReadinessForTests(): void {
  interactive = false;
  delete window.__tierboard;
}
