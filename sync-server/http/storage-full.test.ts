/**
 * [S14] [P11] When the server's disk does not take a write, the device hears it plainly
 * (503 storage_unavailable), nothing of the push is stored, and the server stays up.
 * A full disk is real here: SQLite's max_page_count caps the file, and SQLite answers
 * SQLITE_FULL just as it does when the disk itself is full.
 */
import { fsync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqlite-store.ts';
import { enroll, push, reading, row, sqliteEngine, startTestServer, type Engine, type Enrolled, type TestServer } from './testing/test-support.ts';

describe('a server whose disk is full', () => {
  let s: TestServer;
  let tablet: Enrolled;
  beforeEach(async () => {
    s = await startTestServer(sqliteEngine);
    tablet = await enroll(s, 'tablet');
  });
  afterEach(async () => s.close());

  it('answers a push 503 storage_unavailable in plain words, stores none of it, and takes it once there is room', async () => {
    const db = (s.store as unknown as { db: Database.Database }).db;
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);
    const readings = Array.from({ length: 100 }, () => reading({ note: 'x'.repeat(400) }));

    const full = await push(s, tablet, 'kpi_readings', readings.map((r) => row(r)));
    expect(full.statusCode).toBe(503);
    expect(full.json()).toEqual({ error: 'storage_unavailable', message: expect.stringContaining("The server's disk is full") });
    expect(await s.store.getByIds('kpi_readings', readings.map((r) => r.id))).toEqual([]);

    db.pragma('max_page_count = 1073741823');
    const again = await push(s, tablet, 'kpi_readings', readings.map((r) => row(r)));
    expect(again.statusCode).toBe(200);
    expect(await s.store.getByIds('kpi_readings', readings.map((r) => r.id))).toHaveLength(100);
  });
});

describe('a server whose disk failed an fsync', () => {
  it('answers 503 storage_unavailable saying it must be restarted, for the push that waited and every later one', async () => {
    let failing = false;
    const engine: Engine = {
      name: 'sqlite', // with a disk whose fsync can be made to fail
      async open() {
        const dir = mkdtempSync(join(tmpdir(), 'tierboard-http-'));
        const store = await openSqliteStore(join(dir, 'test.sqlite'), {
          flushFile: (fd, done) => (failing ? done(new Error('EIO: i/o error, fsync')) : fsync(fd, done)),
        });
        await store.migrate();
        const destroy = async () => {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        };
        return { store, destroy };
      },
    };
    const s = await startTestServer(engine);
    try {
      const tablet = await enroll(s, 'tablet');
      failing = true;
      for (const r of [reading(), reading()]) {
        const res = await push(s, tablet, 'kpi_readings', [row(r)]);
        expect(res.statusCode).toBe(503);
        expect(res.json()).toEqual({ error: 'storage_unavailable', message: expect.stringMatching(/could not save changes to its disk \(EIO.*until it is restarted/) });
      }
    } finally {
      await s.close();
    }
  });
});
