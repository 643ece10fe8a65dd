/**
 * [C-D3] When the device purges what it no longer keeps ([C-D1]): once at start and then
 * every few hours, for an enrolled device of a known kind (demo data kept on a tablet with no
 * server is never purged: the device is its only home), and only in the tab that replicates,
 * so two tabs never remove the same records at once.
 *
 * Why a module of its own: the purge is the one place the device deletes records it did not
 * replace; it should be easy to find, and to see that it only runs on the replicating tab.
 * The purge's code is loaded when it first runs, not with the sync client.
 */
import type { Timers } from '../../domain/time/timers.ts';
import type { PurgeDatabase, PurgeResult } from '../../db/retention/purge-outside-window.ts';
import type { Enrollment } from '../enrollment.ts';
import type { SyncDatabase } from '../replication.ts';

/**
 * Six hours: a tablet's window moves by a day a day, so a few purges a day keep it within a
 * shift's readings of its window; each costs a query of the collection's old records.
 */
export const PURGE_EVERY_MS = 6 * 3_600_000;

export interface RetentionPurge {
  /** Purges now and every PURGE_EVERY_MS after (once per client; again: no-op); the promise is the first run's. */
  start(): Promise<PurgeResult | null>;
  /** One purge now, beside the schedule (tests, diagnostics). */
  runNow(): Promise<PurgeResult | null>;
  /** Cancels the next run (one under way finishes). */
  stop(): void;
}

export interface RetentionPurgeDeps {
  db: SyncDatabase;
  timers: Timers;
  now(): number;
  enrollment(): Promise<Enrollment | null>;
}

export function retentionPurge(d: RetentionPurgeDeps): RetentionPurge {
  let timer: unknown = null;
  let stopped = false;
  let first: Promise<PurgeResult | null> | null = null;

  async function run(): Promise<PurgeResult | null> {
    const e = await d.enrollment();
    if (!e || stopped) return null;
    if (d.db.multiInstance) await d.db.waitForLeadership();
    if (stopped) return null;
    const { purgeOutsideWindow } = await import('../../db/retention/purge-outside-window.ts');
    return purgeOutsideWindow(d.db.collections as PurgeDatabase, e.kind, d.now());
  }

  function schedule(): void {
    if (stopped) return;
    timer = d.timers.setTimeout(() => {
      timer = null;
      void run()
        .catch(() => undefined)
        .finally(schedule);
    }, PURGE_EVERY_MS);
  }

  return {
    start() {
      if (first) return first;
      first = run();
      // A purge that fails (storage closing, quota) is tried again at the next run: it only frees space.
      void first.catch(() => undefined).finally(schedule);
      return first;
    },
    runNow: run,
    stop() {
      stopped = true;
      if (timer !== null) d.timers.clearTimeout(timer);
      timer = null;
    },
  };
}
