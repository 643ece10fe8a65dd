/**
 * The operation log of one convergence run: what each device wrote, what the
 * network did, when the server died. Printed with the seed when a run fails
 * (tldraw's syncFuzz does the same), so a failure can be read and replayed.
 */
export class OpLog {
  private readonly lines: string[] = [];
  step = 0;

  add(who: string, what: string): void {
    this.lines.push(`#${this.step} ${who}: ${what}`);
  }

  /** The last `max` lines (a run logs a few hundred; the end is where it went wrong). */
  tail(max = 400): string {
    const skipped = this.lines.length - max;
    const shown = skipped > 0 ? [`... ${skipped} earlier lines`, ...this.lines.slice(skipped)] : this.lines;
    return shown.join('\n');
  }

  /** Lines that contain `text`, for the run summary. */
  count(text: string): number {
    return this.lines.filter((l) => l.includes(text)).length;
  }

  get size(): number {
    return this.lines.length;
  }
}
