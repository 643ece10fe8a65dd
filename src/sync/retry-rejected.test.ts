/**
 * "Send refused entries again" (SyncClient.retryRejected) against the contract's push limits:
 * the in-memory server has no body cap, so LimitedServer below adds the real server's 413 for
 * push bodies over a size (sync-server/API.md, "Limits"), and can fail one collection's pushes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { TransportRequest, TransportResponse } from './transport.ts';
import { TOO_LARGE_MESSAGE } from './replication.ts';
import { enrolledTablet, type Clocks, type Device } from './testing/harness.ts';
import { FakeSyncServer } from './testing/fake-server.ts';
import { objective, reading } from './testing/test-database.ts';

const PLANT = 'plant-berlin';
const open: Device[] = [];

afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

function answer(status: number, body: unknown): TransportResponse {
  return { status, body, header: () => null };
}

const isPush = (req: TransportRequest) => req.method === 'POST' && req.url.endsWith('/push');
const collectionOf = (req: TransportRequest) => /replication\/([a-z_]+)\/push$/.exec(req.url)?.[1] ?? '';
const rowCount = (req: TransportRequest) => (req.body as { rows: unknown[] }).rows.length;

/** The fake server with the real one's body cap on pushes, and a switch to fail one collection's pushes. */
class LimitedServer extends FakeSyncServer {
  /** Push bodies longer than this (JSON characters) are answered 413, as over 4 MB would be. */
  bodyLimit = Infinity;
  /** Pushes of this collection are answered 500. */
  failing = '';
  /** Rows in every push request, answered or not, in order. */
  readonly pushSizes: { collection: string; rows: number; status: number }[] = [];

  override async request(req: TransportRequest): Promise<TransportResponse> {
    if (!isPush(req)) return super.request(req);
    const status = collectionOf(req) === this.failing ? 500 : JSON.stringify(req.body).length > this.bodyLimit ? 413 : 200;
    this.pushSizes.push({ collection: collectionOf(req), rows: rowCount(req), status });
    if (status === 500) return answer(500, { error: 'server_error', message: 'Something went wrong on the server.' });
    if (status === 413) return answer(413, { error: 'batch_too_large', message: 'The request is larger than 4 MB. Send fewer records at a time.' });
    return super.request(req);
  }
}

async function enrolled(clocks: Clocks) {
  const server = new LimitedServer({ now: () => clocks.serverMs });
  return { d: await enrolledTablet(server, clocks, PLANT, (d) => open.push(d)), server };
}

const negative = (_c: string, doc: Record<string, unknown>) => (doc.value === -1 ? { error: 'invalid_record', message: 'A reading cannot be negative.' } : null);

describe('send refused entries again', () => {
  it('[C-O2] [C-P1] goes in the normal push batch sizes and halves on 413; a row too large by itself stays refused with a plain reason', async () => {
    const clocks = { deviceMs: 1_000_000, serverMs: 1_000_000 };
    const { d, server } = await enrolled(clocks);
    // 150 refused readings (more than one push batch of 100) and one far too large to send.
    server.refuse = negative;
    const small = Array.from({ length: 150 }, (_, i) => reading(`r-${String(i).padStart(3, '0')}`, PLANT, -1));
    await d.db.kpi_readings.bulkInsert([...small, reading('huge', PLANT, -1, { note: 'x'.repeat(40_000) })]);
    await d.client.awaitInSync();
    expect((await d.client.rejections()).length).toBe(151);

    // Now the readings would be taken, but no push body may exceed ~20 kB (about 35 small readings).
    server.refuse = () => null;
    server.bodyLimit = 20_000;
    server.pushSizes.length = 0;
    await d.client.retryRejected();

    expect(server.docs('kpi_readings').map((r) => r.id).sort()).toEqual(small.map((r) => r.id));
    const left = await d.client.rejections();
    expect(left.map((r) => [r.id, r.error, r.message])).toEqual([['huge', 'batch_too_large', TOO_LARGE_MESSAGE]]);
    expect(d.client.status.getState().rejected).toBe(1);
    // Never more rows in one request than the normal push sends, each 413 halving the batch.
    expect(Math.max(...server.pushSizes.map((p) => p.rows))).toBe(100);
    expect(server.pushSizes.filter((p) => p.status === 413).length).toBeGreaterThan(0);
    expect(server.pushSizes.filter((p) => p.status === 200).every((p) => p.rows <= 50)).toBe(true);
    // The one left over was tried on its own before it was given up.
    expect(server.pushSizes.some((p) => p.rows === 1 && p.status === 413)).toBe(true);
  });

  it("[C-O2] one collection's failure leaves only its own records; the others go, the count is read again, and the failure shows", async () => {
    const clocks = { deviceMs: 1_000_000, serverMs: 1_000_000 };
    const { d, server } = await enrolled(clocks);
    server.refuse = (c, doc) => negative(c, doc) ?? (doc.title === 'Banned' ? { error: 'not_allowed', message: 'Not yours.' } : null);
    // Readings are refused first, so they come first in the list and in the retry.
    await d.db.kpi_readings.insert(reading('bad-reading', PLANT, -1));
    await d.client.awaitInSync();
    await d.db.objectives.insert(objective('o-banned', PLANT, 'Banned'));
    await d.client.awaitInSync();
    expect((await d.client.rejections()).map((r) => r.id)).toEqual(['bad-reading', 'o-banned']);

    server.refuse = () => null;
    server.failing = 'kpi_readings';
    await d.client.retryRejected();

    expect(server.docs('objectives').map((o) => o.id)).toEqual(['o-banned']);
    expect((await d.client.rejections()).map((r) => r.id)).toEqual(['bad-reading']);
    expect(d.client.status.getState().rejected).toBe(1);
    expect(d.client.status.getState().lastError?.kind).toBe('retry_failed');

    // A later pull succeeding does not hide it; a retry that gets through does.
    server.seed('objectives', { ...objective('o-other', PLANT, 'From another tablet') });
    await d.client.awaitInSync();
    expect(await d.db.objectives.findOne('o-other').exec()).not.toBeNull();
    expect(d.client.status.getState().lastError?.kind).toBe('retry_failed');
    server.failing = '';
    await d.client.retryRejected();
    expect(await d.client.rejections()).toEqual([]);
    expect(d.client.status.getState().rejected).toBe(0);
    expect(d.client.status.getState().lastError).toBeNull();
  });
});
