/**
 * The in-memory tier's floor (in-memory-run.ts): three devices running the app's real sync client
 * on RxDB's memory storage, each on its own link (device-link.ts) to one in-memory contract
 * (src/sync/testing/fake-server.ts), with clocks and reconnect waits that move only when the run
 * says so. `play` performs one operation of the schedule; `quiet` brings everything back up.
 */
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createPrng } from '../../../src/domain/records/prng.ts';
import { manualConnectivity } from '../../../src/sync/connectivity.ts';
import { STREAM_SILENCE_MS, type Timers } from '../../../src/sync/live-stream.ts';
import { createSyncStatusStore } from '../../../src/sync/status.ts';
import { createSyncClient, type SyncClient } from '../../../src/sync/sync-client.ts';
import { FakeSyncServer } from '../../../src/sync/testing/fake-server.ts';
import { SERVER_URL } from '../../../src/sync/testing/harness.ts';
import { objective, openTestDatabase, reading, uniqueName, type TestDatabase } from '../../../src/sync/testing/test-database.ts';
import { DeviceLink } from './device-link.ts';
import { holdsServerState, type CheckedDevice } from './in-memory-check.ts';
import { DEVICES, OBJECTIVES, type Op, type Who } from './in-memory-schedule.ts';
import type { OpLog } from './op-log.ts';

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

interface FloorDevice extends CheckedDevice {
  who: Who;
  db: TestDatabase;
  link: DeviceLink;
  timers: ReturnType<typeof runTimers>;
}

/** Rounds of the quiet phase before a run counts as not converging ([C4]: bounded). */
const QUIET_ROUNDS = 12;
/** One round's wait for every device to be in sync; the fake answers at once, so this is only a guard. */
const ROUND_GUARD_MS = 5_000;

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

/** Resolves once the client shows it was revoked (its next request heard the 401); its reconnect waits pass meanwhile. */
async function untilRevoked(d: FloorDevice): Promise<void> {
  while (d.client.status.getState().auth !== 'revoked') {
    d.timers.fire(isReconnectWait);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export class Floor {
  readonly devices: FloorDevice[] = [];
  readonly server: FakeSyncServer;
  private readonly clocks = { deviceMs: Date.parse('2026-03-02T06:00:00.000Z'), serverMs: Date.parse('2026-03-02T06:00:00.000Z') };
  private serial = 0;
  private codes = 0;

  constructor(
    private readonly seed: number,
    private readonly log: OpLog,
  ) {
    this.server = new FakeSyncServer({ now: () => this.clocks.serverMs });
    for (const [plantId, ids] of Object.entries(OBJECTIVES)) for (const id of ids) this.server.seed('objectives', { ...objective(id, plantId, `Seeded ${id}`) });
  }

  /** Opens every device and enrolls it (pushed on `devices` as it opens, so close() finds it). */
  async open(): Promise<void> {
    for (const { who, plantId } of DEVICES) {
      const db = await openTestDatabase(uniqueName(`fuzz-${this.seed}-${who}`), false, getRxStorageMemory());
      const link = new DeviceLink(this.server, (what) => this.log.add(who, what));
      const timers = runTimers();
      const d: FloorDevice = { who, plantId, db, link, timers, client: await this.clientFor({ db, link, timers, who }), written: new Map() };
      this.devices.push(d);
      this.server.addCode(`CODE-${who}`, plantId);
      await d.client.enroll(SERVER_URL, `CODE-${who}`);
    }
  }

  async close(): Promise<void> {
    for (const d of this.devices) {
      await d.client.stop().catch(() => undefined);
      await d.db.close().catch(() => undefined);
    }
  }

  private clientFor(d: Pick<FloorDevice, 'db' | 'link' | 'timers' | 'who'>): Promise<SyncClient> {
    return createSyncClient({
      db: d.db,
      transport: d.link,
      connectivity: manualConnectivity(true),
      now: () => this.clocks.deviceMs,
      timers: d.timers,
      status: createSyncStatusStore(),
      // RxDB's own retry waits are real timers: kept tiny, as in the client tests' harness.
      retryBaseMs: 2,
      retryMaxMs: 16,
      random: createPrng(`${this.seed}-${d.who}`).next,
    });
  }

  private byWho(who: Who): FloorDevice {
    return this.devices.find((d) => d.who === who) as FloorDevice;
  }

  /** Enrolls `d` again with a fresh code; offline, the attempt fails as on the floor and the device stays revoked. */
  private async reenroll(d: FloorDevice): Promise<void> {
    const code = `CODE-${d.who}-${++this.codes}`;
    this.server.addCode(code, d.plantId);
    try {
      await d.client.enroll(SERVER_URL, code);
      this.log.add(d.who, 'enrolled again');
    } catch (err) {
      this.log.add(d.who, `enrolling again failed: ${String(err)}`);
    }
  }

  /** One operation of the schedule; a second passes on every clock first. */
  async play(op: Op): Promise<void> {
    const { server, log, clocks } = this;
    log.step++;
    clocks.deviceMs += 1_000;
    clocks.serverMs += 1_000;
    const line = JSON.stringify(op);
    switch (op.op) {
      case 'write': {
        const d = this.byWho(op.who);
        const docs = Array.from({ length: op.count }, () => reading(`${d.who}-r${++this.serial}`, d.plantId, this.serial, { recordedAt: new Date(clocks.deviceMs).toISOString() }));
        await d.db.kpi_readings.bulkInsert(docs);
        for (const doc of docs) d.written.set(doc.id, { ...doc });
        log.add(d.who, `${line} ${docs.map((x) => x.id).join(',')}`);
        return;
      }
      case 'edit': {
        const d = this.byWho(op.who);
        const doc = await d.db.objectives.findOne(op.objectiveId).exec();
        if (doc) await doc.incrementalPatch({ title: `Edited by ${d.who} at #${log.step}` });
        log.add(d.who, `${line}${doc ? '' : ' (not on the device yet: nothing to edit)'}`);
        return;
      }
      case 'offline':
        this.byWho(op.who).link.goOffline();
        return log.add(op.who, line);
      case 'online':
        this.byWho(op.who).link.goOnline();
        return log.add(op.who, line);
      case 'lose-answer':
        this.byWho(op.who).link.loseNextPushAnswer = true;
        return log.add(op.who, line);
      case 'reload': {
        const d = this.byWho(op.who);
        log.add(d.who, line);
        await d.client.stop();
        d.client = await this.clientFor(d);
        await d.client.start();
        return;
      }
      case 'revoke': {
        const e = await this.byWho(op.who).client.currentEnrollment();
        if (e) server.revoke(e.deviceId);
        return log.add('server', `${line} ${e?.deviceId ?? '(not enrolled)'}`);
      }
      case 'reenroll': {
        const d = this.byWho(op.who);
        const revoked = d.client.status.getState().auth === 'revoked';
        log.add(d.who, `${line}${revoked ? '' : ' (not revoked: nothing to do)'}`);
        if (revoked) await this.reenroll(d);
        return;
      }
      case 'waits-over':
        this.byWho(op.who).timers.fire(isReconnectWait);
        return log.add(op.who, line);
      case 'drop-streams':
        server.dropStreams();
        return log.add('server', line);
      case 'silent-streams':
        server.goSilent();
        for (const d of this.devices) d.timers.fire(isSilenceCheck);
        return log.add('server', line);
      case 'remote-reading': {
        const id = `remote-r${++this.serial}`;
        server.seed('kpi_readings', { ...reading(id, op.plantId, this.serial, { receivedAt: new Date(clocks.serverMs).toISOString() }) });
        return log.add('server', `${line} ${id}`);
      }
      case 'let-run':
        await eventLoopTurns(op.turns);
        return log.add('all', line);
    }
  }

  /** Every link up, every wait over, revoked devices enrolled again, until the server stops moving and every device is in sync. */
  async quiet(problems: string[]): Promise<void> {
    const { server, devices, log } = this;
    log.step++;
    log.add('all', 'quiet phase');
    for (const d of devices) d.link.goOnline();
    // A device revoked on the server hears it at its next request: its stream is cut and reopened
    // (the real server ends it at the next heartbeat, [A4]), then it enrolls again ([C-L3], [C-L4]).
    // (One that heard it already may still be on its way to showing it: its token is forgotten
    // before its status says so. Wait for the status in both cases.)
    for (const d of devices) {
      const e = await d.client.currentEnrollment();
      if (!e || !server.isRevoked(e.deviceId)) continue;
      if (e.token) {
        d.link.goOffline();
        d.link.goOnline();
      }
      const heard = await within(untilRevoked(d), ROUND_GUARD_MS);
      if (heard === 'timeout') problems.push(`[C4] ${d.who} never heard it was revoked`);
    }
    for (const d of devices) if (d.client.status.getState().auth === 'revoked') await this.reenroll(d);
    for (let round = 0; round < QUIET_ROUNDS; round++) {
      const before = server.position;
      for (const d of devices) d.timers.fire(isReconnectWait);
      const synced = await within(Promise.all(devices.map((d) => d.client.awaitInSync())), ROUND_GUARD_MS);
      if (synced === 'timeout') {
        problems.push(`[C4] round ${round} of the quiet phase: not every device got in sync within ${ROUND_GUARD_MS} ms`);
        return;
      }
      await eventLoopTurns(10);
      if (server.position === before && (await holdsServerState(devices, server, []))) return;
    }
    if (problems.length === 0) problems.push(`[C4] nothing settled after ${QUIET_ROUNDS} rounds of the quiet phase`);
  }
}
