/**
 * [S16] A child process for sqlite-store.test.ts: sends `pushes` batches of
 * `size` readings through the store at once (they form one group), and once
 * every one is answered writes `answered <n>` to stdout and freezes its event
 * loop, so that nothing deferred could still commit; the test then SIGKILLs it
 * and reads the file. An answered push must already be on disk.
 *
 * Usage: node --import tsx sqlite-answered-pusher.ts <file> <pushes> <size>
 */
import { writeSync } from 'node:fs';
import { openSqliteStore } from './sqlite-store.ts';

const [path, pushes, size] = process.argv.slice(2);
if (!path || !pushes || !size) throw new Error('usage: <file> <pushes> <size>');

const store = await openSqliteStore(path);
await store.migrate();
const sent = Array.from({ length: Number(pushes) }, (_, p) =>
  Array.from({ length: Number(size) }, (_, i) => {
    const id = `answered-${p}-${i}`;
    return { id, newDocument: { id, plantId: 'p1', value: i, receivedAt: '' }, assumedMasterRev: null };
  }),
);
const answers = await Promise.all(sent.map((writes) => store.applyWrites('kpi_readings', writes, '2026-03-02T06:00:00.000Z')));
const written = answers.flat().filter((o) => o.status === 'written').length;
writeSync(1, `answered ${written}\n`);
// Freeze: no timer, no microtask, no I/O callback of this process runs again before the kill.
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
