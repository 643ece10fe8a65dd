/**
 * [S14] WAL checkpoints on a worker thread of their own.
 *
 * SQLite's automatic checkpoint runs inside the COMMIT that crosses 1,000 WAL
 * pages, on the event loop: it copies the pages into the database file and
 * fsyncs both files while no request is served. Here the server's connection
 * does no automatic checkpoint (`wal_autocheckpoint = 0`) and a second
 * connection, on a worker thread, runs `wal_checkpoint(PASSIVE)` after every
 * 4 MB of pushed documents: it copies what is committed without taking the
 * write lock, so pushes go on being written meanwhile.
 *
 * The WAL starts over from its beginning only when a write finds every frame
 * already copied. So a pass is followed at once by another while writes came
 * during it, and writes that gathered less than 4 MB get a pass once they
 * pause for QUIET_MS: after every burst the WAL is copied whole and the next
 * write starts it over. Should it still grow past WAL_FRAMES_RESTART frames
 * (writes without a pause for so long that no pass ever caught up), the next
 * pass is a RESTART checkpoint, which waits for the write under way and then
 * makes the next write start the WAL over.
 *
 * Durability is SQLite's: with `synchronous = FULL` on this connection a
 * checkpoint fsyncs the WAL before copying and the database after. If the
 * thread fails, the store goes back to SQLite's automatic checkpoints.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { serverTimers, type Timers } from '../server-timers.ts';

/** A pass after this many bytes of documents written: SQLite's own default is 1,000 pages of 4 kB. */
export const CHECKPOINT_AFTER_BYTES = 4 * 1024 * 1024;
/** After a burst of writes, the pass that copies the rest comes this long after the last write. */
export const QUIET_MS = 1_000;
/** 32,768 pages of 4 kB: 128 MB of WAL. */
export const WAL_FRAMES_RESTART = 32_768;

/** What `PRAGMA wal_checkpoint` answers: frames in the WAL and frames copied. */
export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

type WorkerAnswer = CheckpointResult | { error: string };

/**
 * Plain JavaScript, so the thread needs no TypeScript loader: it opens its own
 * connection and answers each request with the checkpoint's result.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
parentPort.on('message', (mode) => {
  if (mode === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const [r] = db.pragma('wal_checkpoint(' + mode + ')');
    parentPort.postMessage({ busy: r.busy, log: r.log, checkpointed: r.checkpointed });
  } catch (err) {
    parentPort.postMessage({ error: String((err && err.message) || err) });
  }
});
`;

const driverPath = createRequire(import.meta.url).resolve('better-sqlite3');

export class Checkpointer {
  private worker: Worker | null = null;
  private exited: Promise<void> | null = null;
  private running = false;
  /** Bytes written since the last pass began. */
  private pending = 0;
  /** Armed while fewer than CHECKPOINT_AFTER_BYTES wait: the pass after writes pause. */
  private quietTimer: unknown = null;
  private restartNext = false;
  private closed = false;
  /** The last pass's answer (tests and diagnostics). */
  last: CheckpointResult | null = null;
  private settledWaiters: (() => void)[] = [];

  /**
   * `path`: the database file. `onFailure`: the thread could not start or died;
   * the caller turns SQLite's automatic checkpoints back on.
   */
  constructor(
    private readonly path: string,
    private readonly busyTimeoutMs: number,
    private readonly onFailure: (err: unknown) => void,
    /** The quiet wait runs on these: real (unref'd) ones by default, hand-driven in tests. */
    private readonly timers: Timers = serverTimers,
  ) {}

  /** Counts what a committed group wrote; a pass starts once enough has gathered, or once writes pause. */
  written(bytes: number): void {
    this.pending += bytes;
    this.schedule();
  }

  /** Resolves once every write counted so far has been through a pass (tests). */
  settled(): Promise<void> {
    return this.running || this.pending > 0 ? new Promise((resolve) => this.settledWaiters.push(resolve)) : Promise.resolve();
  }

  /** Ends the thread and its connection; a pass under way finishes first. */
  async close(): Promise<void> {
    this.closed = true;
    this.stopQuietTimer();
    this.settle();
    if (!this.worker) return;
    this.worker.postMessage('close');
    await this.exited;
    this.worker = null;
  }

  /** A pass now when 4 MB wait; otherwise one when no write came for QUIET_MS. */
  private schedule(): void {
    if (this.running || this.closed || this.pending === 0) return;
    if (this.pending >= CHECKPOINT_AFTER_BYTES) {
      this.pass();
    } else {
      // Each write starts the quiet wait over. (The real timers are unref'd: a pending pass is no
      // reason for a process to stay alive, the store's close() writes the rest.)
      this.stopQuietTimer();
      this.quietTimer = this.timers.setTimeout(() => {
        this.quietTimer = null;
        if (!this.running && this.pending > 0) this.pass();
      }, QUIET_MS);
    }
  }

  private pass(): void {
    this.stopQuietTimer();
    const worker = this.worker ?? this.start();
    if (!worker) return;
    this.running = true;
    this.pending = 0;
    worker.postMessage(this.restartNext ? 'RESTART' : 'PASSIVE');
    this.restartNext = false;
  }

  private start(): Worker | null {
    let worker: Worker;
    try {
      // execArgv: [] so the thread does not load the process's --import (tsx): it runs plain JavaScript.
      const workerData = { driver: driverPath, path: this.path, busyTimeoutMs: this.busyTimeoutMs };
      worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData });
    } catch (err) {
      this.fail(err);
      return null;
    }
    // The store's close() ends it; it must not keep a process alive that forgot to.
    worker.unref();
    worker.on('message', (answer: WorkerAnswer) => this.answered(answer));
    worker.on('error', (err) => this.fail(err));
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    this.worker = worker;
    return worker;
  }

  private answered(answer: WorkerAnswer): void {
    this.running = false;
    // A failed pass (the disk, a lock held past the timeout) loses nothing: the frames stay in the WAL for the next one.
    if (!('error' in answer)) {
      this.last = answer;
      this.restartNext = answer.log > WAL_FRAMES_RESTART;
    }
    // Catch up at once with what was written during the pass: a pass that ends between two
    // writes lets the next one start the WAL over, so it stays short while pushes keep coming
    // (measured: ~6% more pushes per second than passes only per 4 MB).
    if (this.pending > 0 && !this.closed) this.pass();
    else this.settle();
  }

  private fail(err: unknown): void {
    this.running = false;
    this.closed = true;
    this.worker = null;
    this.stopQuietTimer();
    this.settle();
    this.onFailure(err);
  }

  private stopQuietTimer(): void {
    if (this.quietTimer !== null) this.timers.clearTimeout(this.quietTimer);
    this.quietTimer = null;
  }

  private settle(): void {
    const waiting = this.settledWaiters;
    this.settledWaiters = [];
    for (const resolve of waiting) resolve();
  }
}
