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
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { stableStringify } from '../../../src/domain/merge/merge.ts';
import { createPrng, type Prng } from '../../../src/domain/records/prng.ts';
import { manualConnectivity } from '../../../src/sync/connectivity.ts';
import { STREAM_SILENCE_MS, type Timers } from '../../../src/sync/live-stream.ts';
import { createSyncStatusStore } from '../../../src/sync/status.ts';
import { createSyncClient, type SyncClient } from '../../../src/sync/sync-client.ts';
import { FakeSyncServer } from '../../../src/sync/testing/fake-server.ts';
import { SERVER_URL } from '../../../src/sync/testing/harness.ts';
import { objective, openTestDatabase, reading, uniqueName, type TestDatabase } from '../../../src/sync/testing/test-database.ts';
import { DeviceLink } from './device-link.ts';
import { OpLog } from './op-log.ts';

type Doc = Record<string, unknown>;

const DEVICES = [
  { who: 'berlin-a', plantId: 'plant-berlin' },
  { who: 'berlin-b', plantId: 'plant-berlin' },
  { who: 'lyon', plantId: 'plant-lyon' },
] as const;
type Who = (typeof DEVICES)[number]['who'];

/** Objectives every device of a plant edits: few, so edits of one record by two devices meet often. */
const OBJECTIVES: Record<string, string[]> = { 'plant-berlin': ['obj-berlin-1', 'obj-berlin-2'], 'plant-lyon': ['obj-lyon-1'] };

export type Op =
  | { op: 'write'; who: Who; count: number }
  | { op: 'edit'; who: Who; objectiveId: string }
  | { op: 'offline'; who: Who }
  | { op: 'online'; who: Who }
  | { op: 'lose-answer'; who: Who }
  | { op: 'reload'; who: Who }
  | { op: 'revoke'; who: Who }
  | { op: 'reenroll'; who: Who }
  | { op: 'waits-over'; who: Who }
  | { op: 'drop-streams' }
  | { op: 'silent-streams' }
  | { op: 'remote-reading'; plantId: string }
  | { op: 'let-run'; turns: number };

/** The run's operations, from the seed alone: the same seed plays the same schedule. */
export function scheduleOf(seed: number, steps: number): Op[] {
  const rng: Prng = createPrng(seed);
  const who = (): Who => rng.pick(DEVICES).who;
  const ops: Op[] = [];
  for (let i = 0; i < steps; i++) {
    const r = rng.next();
    if (r < 0.3) ops.push({ op: 'write', who: who(), count: rng.int(1, 3) });
    else if (r < 0.45) {
      const d = rng.pick(DEVICES);
      ops.push({ op: 'edit', who: d.who, objectiveId: rng.pick(OBJECTIVES[d.plantId] ?? []) });
    } else if (r < 0.53) ops.push({ op: 'offline', who: who() });
    else if (r < 0.63) ops.push({ op: 'online', who: who() });
    else if (r < 0.68) ops.push({ op: 'lose-answer', who: who() });
    else if (r < 0.7) ops.push({ op: 'reload', who: who() });
    else if (r < 0.71) ops.push({ op: 'revoke', who: who() });
    else if (r < 0.73) ops.push({ op: 'reenroll', who: who() });
    else if (r < 0.76) ops.push({ op: 'waits-over', who: who() });
    else if (r < 0.79) ops.push({ op: 'drop-streams' });
    else if (r < 0.81) ops.push({ op: 'silent-streams' });
    else if (r < 0.86) ops.push({ op: 'remote-reading', plantId: rng.pick(DEVICES).plantId });
    else ops.push({ op: 'let-run', turns: rng.int(1, 20) });
  }
  return ops;
}

/** Timers that fire when the run says so: reconnect waits, or the live stream's silence check. */
function runTimers(): Timers & { fire(which: (ms: number) => boolean): void } {
  let next = 1;
  const queue = new Map<number, { fn: () => void; ms: number }>();
  return {
    setTimeout(fn, ms) {
      queue.set(next, { fn, ms });
      return next++;
    },
    clearTimeout: (h) => void queue.delete(h as number),
    fire(which) {
      const due = [...queue].filter(([, t]) => which(t.ms));
      for (const [id] of due) queue.delete(id);
      for (const [, t] of due) t.fn();
    },
  };
}
const isReconnectWait = (ms: number) => ms < STREAM_SILENCE_MS;
const isSilenceCheck = (ms: number) => ms === STREAM_SILENCE_MS;

interface RunDevice {
  who: Who;
  plantId: string;
  db: TestDatabase;
  link: DeviceLink;
  timers: ReturnType<typeof runTimers>;
  client: SyncClient;
  /** Readings this device wrote, as written. */
  written: Map<string, Doc>;
}

export interface InMemoryResult {
  problems: string[];
  log: OpLog;
  summary: string;
}

/** Resolves once the client shows it was revoked (its next request heard the 401); its reconnect waits pass meanwhile. */
async function untilRevoked(d: RunDevice): Promise<void> {
  while (d.client.status.getState().auth !== 'revoked') {
    d.timers.fire(isReconnectWait);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function eventLoopTurns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Resolves with `p`, or with 'timeout' after `ms`: a guard on a wait that must end, never a sleep a test relies on. */
async function within<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const guard = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  try {
    return await Promise.race([p, guard]);
  } finally {
    clearTimeout(timer);
  }
}

/** The record without RxDB's and the fake's bookkeeping (`_deleted`, `_meta`, `_rev`, `_attachments`). */
function plain(doc: Doc): string {
  const copy: Doc = {};
  for (const [k, v] of Object.entries(doc)) if (!k.startsWith('_')) copy[k] = v;
  return stableStringify(copy);
}

/** Rounds of the quiet phase before a run counts as not converging ([C4]: bounded). */
const QUIET_ROUNDS = 12;
/** One round's wait for every device to be in sync; the fake answers at once, so this is only a guard. */
const ROUND_GUARD_MS = 5_000;

/**
 * Plays seed `seed`'s schedule of `steps` operations and judges the result. The schedule is the
 * same for the same seed; the interleaving of RxDB's own work inside a step (its retry waits are
 * real timers) may differ, and must not matter: the rules hold for every interleaving.
 */
export async function runInMemory(seed: number, steps: number): Promise<InMemoryResult> {
  const log = new OpLog();
  const problems: string[] = [];
  const clocks = { deviceMs: Date.parse('2026-03-02T06:00:00.000Z'), serverMs: Date.parse('2026-03-02T06:00:00.000Z') };
  const server = new FakeSyncServer({ now: () => clocks.serverMs });
  for (const [plantId, ids] of Object.entries(OBJECTIVES)) for (const id of ids) server.seed('objectives', { ...objective(id, plantId, `Seeded ${id}`) });

  async function clientFor(d: Pick<RunDevice, 'db' | 'link' | 'timers' | 'who'>): Promise<SyncClient> {
    return createSyncClient({
      db: d.db,
      transport: d.link,
      connectivity: manualConnectivity(true),
      now: () => clocks.deviceMs,
      timers: d.timers,
      status: createSyncStatusStore(),
      // RxDB's own retry waits are real timers: kept tiny, as in the client tests' harness.
      retryBaseMs: 2,
      retryMaxMs: 16,
      random: createPrng(`${seed}-${d.who}`).next,
    });
  }

  const devices: RunDevice[] = [];
  try {
    for (const { who, plantId } of DEVICES) {
      const db = await openTestDatabase(uniqueName(`fuzz-${seed}-${who}`), false, getRxStorageMemory());
      const link = new DeviceLink(server, (what) => log.add(who, what));
      const timers = runTimers();
      const d: RunDevice = { who, plantId, db, link, timers, client: await clientFor({ db, link, timers, who }), written: new Map() };
      devices.push(d);
      server.addCode(`CODE-${who}`, plantId);
      await d.client.enroll(SERVER_URL, `CODE-${who}`);
    }
    let codes = 0;
    /** Enrolls `d` again with a fresh code; offline, the attempt fails as on the floor and the device stays revoked. */
    const reenroll = async (d: RunDevice): Promise<void> => {
      const code = `CODE-${d.who}-${++codes}`;
      server.addCode(code, d.plantId);
      try {
        await d.client.enroll(SERVER_URL, code);
        log.add(d.who, 'enrolled again');
      } catch (err) {
        log.add(d.who, `enrolling again failed: ${String(err)}`);
      }
    };
    const byWho = (who: Who): RunDevice => devices.find((d) => d.who === who) as RunDevice;

    let serial = 0;
    for (const op of scheduleOf(seed, steps)) {
      log.step++;
      clocks.deviceMs += 1_000;
      clocks.serverMs += 1_000;
      const line = JSON.stringify(op);
      switch (op.op) {
        case 'write': {
          const d = byWho(op.who);
          const docs = Array.from({ length: op.count }, () => reading(`${d.who}-r${++serial}`, d.plantId, serial, { recordedAt: new Date(clocks.deviceMs).toISOString() }));
          await d.db.kpi_readings.bulkInsert(docs);
          for (const doc of docs) d.written.set(doc.id, { ...doc });
          log.add(d.who, `${line} ${docs.map((x) => x.id).join(',')}`);
          break;
        }
        case 'edit': {
          const d = byWho(op.who);
          const title = `Edited by ${d.who} at #${log.step}`;
          const doc = await d.db.objectives.findOne(op.objectiveId).exec();
          if (doc) await doc.incrementalPatch({ title });
          log.add(d.who, `${line}${doc ? '' : ' (not on the device yet: nothing to edit)'}`);
          break;
        }
        case 'offline':
          byWho(op.who).link.goOffline();
          log.add(op.who, line);
          break;
        case 'online':
          byWho(op.who).link.goOnline();
          log.add(op.who, line);
          break;
        case 'lose-answer':
          byWho(op.who).link.loseNextPushAnswer = true;
          log.add(op.who, line);
          break;
        case 'reload': {
          const d = byWho(op.who);
          log.add(d.who, line);
          await d.client.stop();
          d.client = await clientFor(d);
          await d.client.start();
          break;
        }
        case 'revoke': {
          const e = await byWho(op.who).client.currentEnrollment();
          if (e) server.revoke(e.deviceId);
          log.add('server', `${line} ${e?.deviceId ?? '(not enrolled)'}`);
          break;
        }
        case 'reenroll': {
          const d = byWho(op.who);
          const revoked = d.client.status.getState().auth === 'revoked';
          log.add(d.who, `${line}${revoked ? '' : ' (not revoked: nothing to do)'}`);
          if (revoked) await reenroll(d);
          break;
        }
        case 'waits-over':
          byWho(op.who).timers.fire(isReconnectWait);
          log.add(op.who, line);
          break;
        case 'drop-streams':
          server.dropStreams();
          log.add('server', line);
          break;
        case 'silent-streams':
          server.goSilent();
          for (const d of devices) d.timers.fire(isSilenceCheck);
          log.add('server', line);
          break;
        case 'remote-reading': {
          const id = `remote-r${++serial}`;
          server.seed('kpi_readings', { ...reading(id, op.plantId, serial, { receivedAt: new Date(clocks.serverMs).toISOString() }) });
          log.add('server', `${line} ${id}`);
          break;
        }
        case 'let-run':
          await eventLoopTurns(op.turns);
          log.add('all', line);
          break;
      }
    }

    // Quiet phase: every link up, every wait over, until the server stops moving and every device is in sync.
    log.step++;
    log.add('all', 'quiet phase');
    for (const d of devices) d.link.goOnline();
    // A device revoked on the server hears it at its next request: its stream is cut and reopened
    // (the real server ends it at the next heartbeat, [A4]), then it enrolls again ([C-L3], [C-L4]).
    for (const d of devices) {
      const e = await d.client.currentEnrollment();
      if (!e?.token || !server.isRevoked(e.deviceId)) continue;
      d.link.goOffline();
      d.link.goOnline();
      const heard = await within(untilRevoked(d), ROUND_GUARD_MS);
      if (heard === 'timeout') problems.push(`[C4] ${d.who} never heard it was revoked`);
    }
    for (const d of devices) if (d.client.status.getState().auth === 'revoked') await reenroll(d);
    let settled = false;
    for (let round = 0; round < QUIET_ROUNDS && !settled; round++) {
      const before = server.position;
      for (const d of devices) d.timers.fire(isReconnectWait);
      const synced = await within(Promise.all(devices.map((d) => d.client.awaitInSync())), ROUND_GUARD_MS);
      if (synced === 'timeout') {
        problems.push(`[C4] round ${round} of the quiet phase: not every device got in sync within ${ROUND_GUARD_MS} ms`);
        break;
      }
      await eventLoopTurns(10);
      settled = server.position === before && (await holdsServerState(devices, server, [])) && devices.every((d) => d.link.online);
    }
    if (!settled && problems.length === 0) problems.push(`[C4] nothing settled after ${QUIET_ROUNDS} rounds of the quiet phase`);
    await check(devices, server, problems);
  } catch (err) {
    // A run that throws is a finding like any other: reported with its seed and operations.
    problems.push(`the run threw: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  } finally {
    for (const d of devices) {
      await d.client.stop().catch(() => undefined);
      await d.db.close().catch(() => undefined);
    }
  }
  const summary = `seed ${seed}: ${steps} steps, ${server.position} changes stored, ${log.count('lost the answer')} answers lost, ${log.count('"reload"')} reloads, ${log.count('enrolled again')} re-enrollments, ${problems.length} problems`;
  return { problems, log, summary };
}

async function docsOf(d: RunDevice, collection: 'kpi_readings' | 'objectives'): Promise<Map<string, Doc>> {
  const docs = await d.db[collection].find().exec();
  return new Map(docs.map((x) => [x.primary, x.toJSON() as Doc]));
}

function serverDocs(server: FakeSyncServer, collection: 'kpi_readings' | 'objectives', plantId: string): Map<string, Doc> {
  return new Map(server.docs(collection).filter((d) => d.plantId === plantId).map((d) => [String(d.id), d]));
}

/** [C4]: each device holds exactly the server's records of its plant; `problems` gets the differences. */
async function holdsServerState(devices: RunDevice[], server: FakeSyncServer, problems: string[]): Promise<boolean> {
  const before = problems.length;
  for (const d of devices) {
    for (const c of ['kpi_readings', 'objectives'] as const) {
      const mine = await docsOf(d, c);
      const theirs = serverDocs(server, c, d.plantId);
      for (const [id, doc] of theirs) {
        const held = mine.get(id);
        if (!held) problems.push(`[C4] ${d.who} lacks ${c}/${id}`);
        else if (plain(held) !== plain(doc)) problems.push(`[C4] ${d.who}'s ${c}/${id} differs from the server's:\n  device ${plain(held)}\n  server ${plain(doc)}`);
      }
      for (const id of mine.keys()) if (!theirs.has(id)) problems.push(`[C4] ${d.who} holds ${c}/${id}, which the server does not have in its plant`);
    }
  }
  return problems.length === before;
}

async function check(devices: RunDevice[], server: FakeSyncServer, problems: string[]): Promise<void> {
  const stored = new Map(server.docs('kpi_readings').map((d) => [String(d.id), d]));
  for (const d of devices) {
    for (const [id, written] of d.written) {
      const s = stored.get(id);
      if (!s) {
        problems.push(`[C1] ${d.who}'s reading ${id} never reached the server`);
        continue;
      }
      if (!s.receivedAt) problems.push(`[C2] ${id} is stored without receivedAt`);
      if (plain({ ...s, receivedAt: '' }) !== plain({ ...written, receivedAt: '' })) problems.push(`[C2] ${id} is stored other than written:\n  written ${plain(written)}\n  stored  ${plain(s)}`);
    }
    const refused = await d.client.rejections();
    for (const r of refused) problems.push(`[C5] ${d.who}: ${r.collection}/${r.id} refused (${r.error}: ${r.message})`);
  }
  await holdsServerState(devices, server, problems);
}
