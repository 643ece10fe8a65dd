/**
 * A separate process pushing readings into a shared SQLite file, for the
 * multi-process test in sqlite-store.test.ts ([S3]): the single-writer
 * guarantee must hold across processes, not just across connections of one.
 *
 * Usage: node --import tsx sqlite-concurrent-pusher.ts <file> <prefix> <batches> <batchSize>
 */
import { openSqliteStore } from './sqlite-store.ts';

const [path, prefix, batches, batchSize] = process.argv.slice(2);
if (!path || !prefix || !batches || !batchSize) throw new Error('usage: <file> <prefix> <batches> <batchSize>');

const store = await openSqliteStore(path);
await store.migrate();
for (let b = 0; b < Number(batches); b++) {
  const writes = Array.from({ length: Number(batchSize) }, (_, i) => {
    const id = `${prefix}-${b}-${i}`;
    return { id, newDocument: { id, plantId: 'p1', value: i, receivedAt: '' }, assumedMasterRev: null };
  });
  await store.applyWrites('kpi_readings', writes, '2026-03-02T06:00:00.000Z');
  // Tell the test a batch is committed, so its puller reads while others write.
  process.stdout.write('.');
}
await store.close();
