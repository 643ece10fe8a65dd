/**
 * [S14] The WAL fsync of grouped pushes, off the event loop.
 *
 * A group of pushes ([S16]) commits with `synchronous = NORMAL`: SQLite writes
 * the group's frames into the WAL file but does not fsync it. This module then
 * fsyncs the WAL file on libuv's thread pool, and a group is answered only once
 * an fsync that began after its COMMIT has returned: the frames, its commit
 * frame included, are then on disk, exactly as `synchronous = FULL` would have
 * left them, but the event loop parsed and checked the next pushes meanwhile.
 * One fsync serves every group committed before it began.
 *
 * Committed but not yet synced rows are visible to readers of the file. Pulls
 * wait for `durable()` before answering ([S14]), so no device is handed a feed
 * position the server could lose in a power cut; a killed process loses
 * nothing either way (the frames are in the operating system's cache).
 *
 * A failed fsync leaves it unknown what reached the disk (Linux may drop the
 * pages it could not write), so the store stops accepting writes: every push
 * waiting and every later one fails with `failure`, and the server must be
 * restarted to recover from what is on disk.
 */
import { closeSync, fsync, openSync } from 'node:fs';
import { StorageFailure } from './store.ts';

/** How the WAL file is flushed: `fs.fsync` on a descriptor of it (tests pass a controllable one). */
export type FlushFile = (fd: number, done: (err: Error | null) => void) => void;

interface Waiter {
  upTo: number;
  resolve(): void;
  reject(err: unknown): void;
}

export class WalSync {
  private fd = -1;
  /** Groups committed, counted. */
  private committedCount = 0;
  /** Groups known to be on disk. */
  private syncedCount = 0;
  private flushing = false;
  private waiters: Waiter[] = [];
  /** Set by a failed fsync; the store refuses writes from then on. */
  failure: StorageFailure | null = null;

  /** `walPath`: the database file's path plus `-wal`; opened at the first sync (SQLite creates it). */
  constructor(
    private readonly walPath: string,
    private readonly flushFile: FlushFile = fsync,
  ) {}

  /** Called right after a group's COMMIT returned; its number for `durable`. */
  committed(): number {
    return ++this.committedCount;
  }

  /** Resolves once every group committed up to `upTo` (by default: all so far) is on disk. */
  durable(upTo = this.committedCount): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (upTo <= this.syncedCount) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ upTo, resolve, reject });
      this.flush();
    });
  }

  /** Closes the descriptor once nothing waits on it (the store awaits `durable()` first). */
  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }

  private flush(): void {
    if (this.flushing) return;
    // Everything committed before this fsync begins is covered by it.
    const upTo = this.committedCount;
    try {
      if (this.fd < 0) this.fd = openSync(this.walPath, 'r+');
    } catch (err) {
      this.fail(err);
      return;
    }
    this.flushing = true;
    this.flushFile(this.fd, (err) => {
      this.flushing = false;
      if (err) {
        this.fail(err);
        return;
      }
      this.syncedCount = Math.max(this.syncedCount, upTo);
      const later: Waiter[] = [];
      for (const w of this.waiters) {
        if (w.upTo <= upTo) w.resolve();
        else later.push(w);
      }
      this.waiters = later;
      // Groups that committed while this fsync ran need one of their own.
      if (later.length > 0) this.flush();
    });
  }

  private fail(err: unknown): void {
    this.failure = new StorageFailure(
      `The server could not save changes to its disk (${(err as Error).message}). It accepts no more changes until it is restarted; devices keep theirs and send them again.`,
    );
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) w.reject(this.failure);
  }
}
