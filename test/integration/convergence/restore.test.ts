/**
 * [O5] [O6] [C-O8] A server restored from an OLDER backup gets back, from the devices, what they
 * wrote after that backup: nothing lost, nothing twice. On SQLite the backup is the online
 * backup API (`npm run backup`, taken while a device pushes) and the restore `npm run restore`;
 * on PostgreSQL it is pg_dump / pg_restore and `npm run mark-restored`, as README documents.
 *
 * The devices are the protocol-level model devices of the convergence harness (model-device.ts),
 * which do what the contract asks of a device that sees a new database identity ([C-O8]).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PLANT_IDS } from '../../../src/demo/demo-data.ts';
import { createPrng } from '../../../src/domain/records/prng.ts';
import { fetchTransport } from '../../../src/sync/transport.ts';
import { backupSqlite, restoreSqlite } from '../../../sync-server/ops/backup.ts';
import { checkCopies, checkCreated, checkEdits, readServer } from './convergence-check.ts';
import { FaultTransport } from './fault-transport.ts';
import { ModelDevice } from './model-device.ts';
import { OpLog } from './op-log.ts';
import { ServerProcess, createDataHome, freePort, prepareData, type DataHome, type EngineName } from './server-process.ts';
import { castOf } from './workload.ts';

const T0 = Date.parse('2026-03-02T06:00:00.000Z');

/** How an engine is backed up while the server runs, and restored while it is stopped. */
interface BackupWay {
  backup(home: DataHome, dir: string): Promise<void>;
  restore(home: DataHome, dir: string): Promise<void>;
}

const WAYS: Record<EngineName, BackupWay> = {
  sqlite: {
    backup: async (home, dir) => void (await backupSqlite(home.env.SQLITE_PATH ?? '', join(dir, 'backup.sqlite'))),
    restore: async (home, dir) => void (await restoreSqlite(join(dir, 'backup.sqlite'), home.env.SQLITE_PATH ?? '')),
  },
  postgres: {
    backup: async (home, dir) => void execFileSync('pg_dump', ['--format=custom', `--file=${join(dir, 'backup.dump')}`, home.env.DATABASE_URL ?? '']),
    restore: async (home, dir) => {
      execFileSync('pg_restore', ['--clean', '--if-exists', '--no-owner', `--dbname=${home.env.DATABASE_URL ?? ''}`, join(dir, 'backup.dump')]);
      // What `npm run mark-restored` does.
      const store = await home.openStore();
      try {
        await store.renewDatabaseId();
      } finally {
        await store.close();
      }
    },
  },
};

async function writeSome(d: ModelDevice, rng: ReturnType<typeof createPrng>, log: OpLog, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const what = rng.next();
    log.add(d.name, what < 0.5 ? d.writeReading(rng) : what < 0.65 ? d.raiseEscalation(rng) : what < 0.75 ? d.addEscalationEvent(rng) : what < 0.9 ? d.editMutable(rng) : d.createAction());
  }
}

/** Everyone syncs until a round moves nothing; false when it never settles. */
async function quiesce(devices: readonly ModelDevice[], log: OpLog): Promise<boolean> {
  for (let round = 1; round <= 12; round++) {
    let moved = 0;
    for (const d of devices) {
      const pending = d.pendingCount();
      moved += pending + (await d.sync());
    }
    log.add('test', `quiet round ${round}: ${moved} moved`);
    if (moved === 0) return true;
  }
  return false;
}

for (const engine of ['sqlite', 'postgres'] as EngineName[]) {
  describe(`restore from an older backup on ${engine}`, () => {
    it('[O5] [O6] [C-O8] what devices wrote after the backup comes back from them: nothing lost, nothing twice', async () => {
      const log = new OpLog();
      const rng = createPrng(`restore:${engine}`);
      const dir = mkdtempSync(join(tmpdir(), 'tierboard-restore-'));
      const bochum = castOf(DEMO_PLANT_IDS[0] ?? 'plant-bochum');
      const peoria = castOf(DEMO_PLANT_IDS[1] ?? 'plant-peoria');
      const specs = [['bochum-a', bochum], ['bochum-b', bochum], ['peoria-a', peoria]] as const;
      let home: DataHome | null = null;
      let server: ServerProcess | null = null;
      try {
        home = await createDataHome(engine);
        const codes = await prepareData(home, specs.map(([, c]) => ({ plantId: c.plantId, lineId: c.lineId })), Date.now());
        server = new ServerProcess(home, await freePort());
        await server.start();
        const devices: ModelDevice[] = [];
        for (const [i, [name, cast]] of specs.entries()) {
          const transport = new FaultTransport(fetchTransport(), createPrng(name), { dropBefore: 0, dropAfter: 0 }, log, name);
          transport.faultsOn = false;
          const d = new ModelDevice(name, cast, transport, server.url, log, () => T0 + log.size * 1000);
          await d.enroll(codes[i] ?? '');
          devices.push(d);
        }

        // Before the backup: written and synced.
        for (const d of devices) await writeSome(d, rng, log, 12);
        expect(await quiesce(devices, log)).toBe(true);

        // The backup, taken while a device pushes.
        const [first] = devices;
        await writeSome(first as ModelDevice, rng, log, 10);
        await Promise.all([WAYS[engine].backup(home, dir), (first as ModelDevice).sync()]);
        log.add('test', 'backup taken');

        // After the backup: written, synced, on the server, then the server is lost.
        for (const d of devices) await writeSome(d, rng, log, 15);
        expect(await quiesce(devices, log)).toBe(true);
        const before = await home.openStore();
        const headBefore = await before.headPosition();
        await before.close();
        await server.kill();
        await WAYS[engine].restore(home, dir);
        await server.start();
        log.add('test', 'restored from the backup and started');

        // The restored database is older: it lacks what came after the backup.
        const restored = await home.openStore();
        expect(await restored.headPosition()).toBeLessThan(headBefore);
        await restored.close();

        // One device comes back first and writes on, so the feed passes the others' old checkpoints
        // before they reconnect (a pull alone, [P3], would then miss changes).
        const [, second] = devices;
        await writeSome(second as ModelDevice, rng, log, 30);
        await (second as ModelDevice).sync();

        expect(await quiesce(devices, log)).toBe(true);
        const problems: string[] = [];
        const store = await home.openStore();
        try {
          const state = await readServer(store, problems);
          checkCreated(state, devices.flatMap((d) => d.created), problems);
          checkEdits(state, devices.flatMap((d) => d.edits), problems);
          await checkCopies(state, devices, [], problems);
        } finally {
          await store.close();
        }
        for (const d of devices) problems.push(...d.problems.map((p) => `${d.name}: ${p}`));
        if (problems.length > 0) console.error(`${problems.join('\n')}\n\n${log.tail()}`);
        expect(problems).toEqual([]);
        expect(log.count('server database is new')).toBe(devices.length);
      } finally {
        await server?.kill();
        await home?.destroy();
        rmSync(dir, { recursive: true, force: true });
      }
    }, 120_000);
  });
}
