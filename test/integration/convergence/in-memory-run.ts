/**
 * The in-memory tier of the convergence test: the app's real sync client (src/sync), three
 * devices in two plants on fake-indexeddb, against the in-memory contract
 * (src/sync/testing/fake-server.ts) instead of a server process, on RxDB's memory storage. No
 * process, no port, no SIGKILL: a run takes about a tenth of a second, so every `npm test` runs
 * dozens of fresh seeds. (Open-source RxDB allows 13 open collections per realm, so runs go one
 * after the other: a run holds 6.)
 *
 * A run is two halves. The schedule (`scheduleOf`) is a pure function of the seed: which
 * device writes, edits, goes offline, loses a push's answer, reloads, is revoked and enrolls
 * again, which streams drop or go silent, when reconnect waits pass. Then it is played against the devices, and after a quiet
 * phase (everyone online, every wait over, until nothing moves) the client's share of
 * sync-server/SPEC.md section C is checked: [C1] every reading written is on the server, [C2]
 * as written, [C4] every device holds the server's records of its plant, field for field, and
 * nothing else, [C5] nothing refused. ([C3] is the real server's merge, which the fake does not
 * do: it answers a stale edit with the master, as RxDB's own protocol does.)
 */
import { check } from './in-memory-check.ts';
import { Floor } from './in-memory-floor.ts';
import { scheduleOf } from './in-memory-schedule.ts';
import { OpLog } from './op-log.ts';

export interface InMemoryResult {
  problems: string[];
  log: OpLog;
  summary: string;
}

/**
 * Plays seed `seed`'s schedule of `steps` operations and judges the result. The schedule is the
 * same for the same seed; the interleaving of RxDB's own work inside a step (its retry waits are
 * real timers) may differ, and must not matter: the rules hold for every interleaving.
 */
export async function runInMemory(seed: number, steps: number): Promise<InMemoryResult> {
  const log = new OpLog();
  const problems: string[] = [];
  const floor = new Floor(seed, log);
  try {
    await floor.open();
    for (const op of scheduleOf(seed, steps)) await floor.play(op);
    await floor.quiet(problems);
    await check(floor.devices, floor.server, problems);
  } catch (err) {
    // A run that throws is a finding like any other: reported with its seed and operations.
    problems.push(`the run threw: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  } finally {
    await floor.close();
  }
  const summary =
    `seed ${seed}: ${steps} steps, ${floor.server.position} changes stored, ${log.count('lost the answer')} answers lost, ` +
    `${log.count('"reload"')} reloads, ${log.count('enrolled again')} re-enrollments, ${problems.length} problems`;
  return { problems, log, summary };
}
