/**
 * Brings the client in line with the enrollment record ([C-L1]-[C-L4]): the one this tab just
 * wrote, or one another tab wrote (re-enrolled, revoked). Serialised, so a revoke and a
 * re-enroll never interleave.
 *
 *   none      -> nothing runs, nothing is counted.
 *   revoked   -> nothing runs; unsent work stays on the device and is still counted.
 *   enrolled  -> the replications run with its token (the same token: the run goes on).
 *
 * Why a module of its own: every way in (app start, enrolling, a 401 anywhere, another tab)
 * ends up here, so the states above are decided in one place.
 */
import type { SyncHttpError } from '../api-client.ts';
import * as enrollment from '../enrollment.ts';
import type { Enrollment } from '../enrollment.ts';
import type { SyncStatusStore } from '../status.ts';
import type { SyncStore } from '../sync-store.ts';
import type { ClockFollower } from './clock-follower.ts';
import type { PendingCounts } from './pending-counts.ts';
import type { ProblemsShown } from './problems-shown.ts';
import type { ReplicationRunner } from './replication-runner.ts';

export interface SwitchDeps {
  store: SyncStore;
  status: SyncStatusStore;
  clock: ClockFollower;
  counts: PendingCounts;
  problems: ProblemsShown;
  runner(): ReplicationRunner;
}

export interface EnrollmentSwitch {
  apply(e: Enrollment | null): Promise<void>;
  /**
   * A 401: forget the token and stop, keeping all data and unsent work. Called from inside RxDB's
   * push/pull loop, so it never waits there for the run to cancel; one at a time.
   */
  revoked(err: SyncHttpError): void;
  /** Resolves once every switch asked for so far is done. */
  settled(): Promise<void>;
  /** No switch runs after this; waits for a revocation under way and the queue. */
  close(): Promise<void>;
}

export function enrollmentSwitch(d: SwitchDeps): EnrollmentSwitch {
  let applyQueue: Promise<void> = Promise.resolve();
  let revoking: Promise<void> | null = null;
  let stopped = false;

  function apply(e: Enrollment | null): Promise<void> {
    const run = async () => {
      if (stopped) return;
      await d.clock.useClockOf(e);
      const runner = d.runner();
      if (!e) {
        await runner.stop();
        d.status.setState({ auth: 'not_enrolled', plantLabel: '' });
        await d.counts.use(null);
        return;
      }
      if (e.token === '') {
        await runner.stop();
        d.status.setState({ auth: 'revoked', plantLabel: e.plantId });
        await d.counts.use(e);
        return;
      }
      d.status.setState({ auth: 'enrolled', plantLabel: e.plantId });
      if (runner.runsWith(e.token)) return;
      await runner.stop();
      await d.counts.use(e);
      runner.start(e);
    };
    const next = applyQueue.then(run, run);
    applyQueue = next.catch(() => undefined);
    return next;
  }

  return {
    apply,
    revoked(err) {
      if (revoking) return;
      revoking = (async () => {
        const e = await enrollment.forgetToken(d.store, err.code);
        await apply(e);
        d.problems.report('refused', err.serverMessage);
      })().finally(() => {
        revoking = null;
      });
    },
    settled: () => applyQueue,
    async close() {
      if (revoking) await revoking;
      await applyQueue;
      stopped = true;
    },
  };
}
