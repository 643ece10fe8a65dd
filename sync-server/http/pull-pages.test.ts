/**
 * [P3] [S2] Pull pages over HTTP, on both engines: a page stops at the push
 * body limit's size (escalations carry photos of up to 400,000 characters),
 * always with at least one document, and a checkpoint beyond the feed's head
 * (a database restored from an older backup) is answered from the start.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PHOTO_MAX } from '../../src/domain/records/schemas.ts';
import type { Escalation } from '../../src/domain/escalation/escalation-types.ts';
import type { PullAnswer } from '../../src/domain/wire/protocol.ts';
import { PULL_FIRST_READ_ROWS, pullChangesJson } from '../replication/pull.ts';
import { BODY_LIMIT_BYTES } from '../../src/domain/wire/limits.ts';
import type { DeviceAuth, StoredDocument } from '../store/store.ts';
import { BOCHUM, PEOPLE, PEORIA, PR1, T0, enroll, nextId, postgresEngine, reading, sqliteEngine, startTestServer, type Enrolled, type TestServer } from './testing/test-support.ts';

const PHOTO_PREFIX = 'data:image/jpeg;base64,';
const LARGEST_PHOTO = PHOTO_PREFIX + 'A'.repeat(PHOTO_MAX - PHOTO_PREFIX.length);

function escalation(plantId: string, photo: string): Escalation {
  return {
    id: nextId('escalation'),
    plantId,
    lineId: plantId === BOCHUM ? PR1 : 'line-peoria-a1',
    category: 'machine',
    severity: 'high',
    description: 'Press 1 clamp jams',
    photo,
    raisedBy: PEOPLE.shiftLead,
    raisedAt: new Date(T0).toISOString(),
    deviceId: 'tablet-under-test',
    receivedAt: '',
  };
}

interface Page {
  bytes: number;
  body: PullAnswer;
}

describe.each([sqliteEngine, postgresEngine])('pull pages ($name)', (engine) => {
  let s: TestServer;
  let tablet: Enrolled;
  beforeEach(async () => {
    s = await startTestServer(engine);
    tablet = await enroll(s, 'tablet');
  });
  afterEach(async () => s.close());

  async function store(collection: 'escalations' | 'kpi_readings', docs: object[]): Promise<void> {
    const writes = docs.map((d) => ({ id: (d as StoredDocument).id, newDocument: d as StoredDocument, assumedMasterRev: null }));
    const outcomes = await s.store.applyWrites(collection, writes, new Date(T0).toISOString());
    expect(outcomes.every((o) => o.status === 'written')).toBe(true);
  }

  async function pull(collection: string, checkpoint: number | '', limit: number): Promise<Page> {
    const res = await s.app.inject({ method: 'GET', url: `/api/replication/${collection}/pull?checkpoint=${checkpoint}&limit=${limit}`, headers: tablet.auth });
    expect(res.statusCode).toBe(200);
    return { bytes: res.rawPayload.length, body: res.json<PullAnswer>() };
  }

  async function positionOf(collection: 'escalations' | 'kpi_readings', id: unknown): Promise<number> {
    const [record] = await s.store.getByIds(collection, [String(id)]);
    return record!.position;
  }

  it('[P3] [S2] a page of photos stops at the push body limit; paging on from its checkpoint brings every record once', async () => {
    const inScope: string[] = [];
    for (let i = 0; i < 14; i++) {
      const bochum = escalation(BOCHUM, i % 4 === 3 ? '' : LARGEST_PHOTO);
      inScope.push(bochum.id);
      await store('escalations', [bochum, escalation(PEORIA, LARGEST_PHOTO)]);
    }

    const reads = vi.spyOn(s.store, 'changesSinceRaw');
    const first = await pull('escalations', '', 1000);
    // The store is read in pieces, not a thousand photos loaded to send ten.
    const rowsAsked = reads.mock.calls.reduce((sum, call) => sum + call[2], 0);
    expect(rowsAsked).toBeLessThanOrEqual(first.body.documents.length + PULL_FIRST_READ_ROWS);
    expect(first.bytes).toBeLessThanOrEqual(BODY_LIMIT_BYTES);
    expect(first.body.documents.length).toBeLessThan(inScope.length);
    expect(first.body.documents.length).toBeGreaterThan(0);
    expect(first.body.more).toBe(true);
    expect(first.body.checkpoint.position).toBe(await positionOf('escalations', first.body.documents.at(-1)?.id));

    const seen = first.body.documents.map((d) => d.id);
    let page = first;
    while (page.body.documents.length > 0) {
      page = await pull('escalations', page.body.checkpoint.position, 1000);
      expect(page.bytes).toBeLessThanOrEqual(BODY_LIMIT_BYTES);
      seen.push(...page.body.documents.map((d) => d.id));
    }
    expect(page.body.more).toBeUndefined();
    expect(seen).toEqual(inScope);
  });

  it('[P3] a page that fits its budget says nothing of more; a record larger than the budget still moves, one per page', async () => {
    const small = await pull('people', '', 5);
    expect(small.body.documents).toHaveLength(5);
    expect(small.body.more).toBeUndefined();

    const docs = [escalation(BOCHUM, LARGEST_PHOTO), escalation(BOCHUM, ''), escalation(BOCHUM, LARGEST_PHOTO)];
    await store('escalations', docs);
    const device: DeviceAuth = { deviceId: tablet.deviceId, plantId: BOCHUM, kind: 'tablet', lineId: PR1, name: 'tablet', enrolledAt: new Date(T0).toISOString(), revokedAt: null };
    const budget = 1000; // smaller than every escalation with a photo
    const seen: unknown[] = [];
    let since = 0;
    for (;;) {
      const page = JSON.parse(await pullChangesJson(s.store, device, 'escalations', since, 200, budget)) as PullAnswer;
      if (page.documents.length === 0) break;
      expect(page.documents).toHaveLength(1);
      seen.push(page.documents[0]!.id);
      since = page.checkpoint.position;
    }
    expect(seen).toEqual(docs.map((d) => d.id));
  });

  it('[P3] [S2] a page read from the store in pieces is still one page: every record in feed order, checkpoint at the last', async () => {
    const readings = Array.from({ length: 3 * PULL_FIRST_READ_ROWS + 7 }, () => reading());
    await store('kpi_readings', readings);
    const reads = vi.spyOn(s.store, 'changesSinceRaw');
    const page = await pull('kpi_readings', '', 1000);
    expect(reads.mock.calls.length).toBeGreaterThan(1);
    expect(page.body.documents.map((d) => d.id)).toEqual(readings.map((r) => r.id));
    expect(page.body.checkpoint.position).toBe(await positionOf('kpi_readings', readings.at(-1)!.id));
    expect(page.body.more).toBeUndefined();

    const limited = await pull('kpi_readings', '', PULL_FIRST_READ_ROWS + 3);
    expect(limited.body.documents.map((d) => d.id)).toEqual(readings.slice(0, PULL_FIRST_READ_ROWS + 3).map((r) => r.id));

    // Once the collection's documents are known to be small, a page is one read again
    // (the reconnect storm pulls 35,000 pages of readings).
    const later = Array.from({ length: 3 * PULL_FIRST_READ_ROWS + 7 }, () => reading());
    await store('kpi_readings', later);
    reads.mockClear();
    const next = await pull('kpi_readings', page.body.checkpoint.position, 1000);
    expect(next.body.documents.map((d) => d.id)).toEqual(later.map((r) => r.id));
    expect(reads.mock.calls.length).toBe(1);
  });

  it('[P3] [S2] a checkpoint beyond the head (a restored database) is answered from the start, and later changes below it are seen', async () => {
    const before = [reading(), reading(), reading()];
    await store('kpi_readings', before);
    const restoredHead = await s.store.headPosition();
    const deviceCheckpoint = restoredHead + 40; // from before the restore

    const again = await pull('kpi_readings', deviceCheckpoint, 200);
    expect(again.body.documents.map((d) => d.id)).toEqual(before.map((r) => r.id));
    expect(again.body.checkpoint.position).toBe(await positionOf('kpi_readings', before.at(-1)!.id));

    const after = reading();
    await store('kpi_readings', [after]);
    expect(await positionOf('kpi_readings', after.id)).toBeLessThanOrEqual(deviceCheckpoint);
    const found = await pull('kpi_readings', deviceCheckpoint, 200);
    expect(found.body.documents.map((d) => d.id)).toContain(after.id);
  });

  it('[P3] a caught-up pull stays empty at its checkpoint', async () => {
    await store('kpi_readings', [reading(), reading()]);
    const page = await pull('kpi_readings', '', 200);
    expect(page.body.documents).toHaveLength(2);
    const caughtUp = await pull('kpi_readings', page.body.checkpoint.position, 200);
    expect(caughtUp.body).toEqual({ documents: [], checkpoint: { position: page.body.checkpoint.position } });
  });

  it("[P3] [P1] a page that ran out of changes in scope checkpoints at the head: other plants' later changes are not read again", async () => {
    const ours = reading();
    await store('kpi_readings', [ours]);
    await store('kpi_readings', Array.from({ length: 5 }, () => reading({ plantId: PEORIA, lineId: 'line-peoria-a1' })));
    const head = await s.store.headPosition();
    expect(await positionOf('kpi_readings', ours.id)).toBeLessThan(head);

    const page = await pull('kpi_readings', '', 200);
    expect(page.body.documents.map((d) => d.id)).toEqual([ours.id]);
    expect(page.body.checkpoint.position).toBe(head);
    // The store is asked from the head on: Peoria's five are behind it.
    const reads = vi.spyOn(s.store, 'changesSinceRaw');
    const later = reading();
    await store('kpi_readings', [later]);
    const next = await pull('kpi_readings', page.body.checkpoint.position, 200);
    expect(next.body.documents.map((d) => d.id)).toEqual([later.id]);
    expect(reads.mock.calls.map((c) => c[1])).toEqual([head]);
  });

  it('[P3] a page ended by its limit checkpoints at its last document, not at the head', async () => {
    const docs = [reading(), reading(), reading()];
    await store('kpi_readings', docs);
    const page = await pull('kpi_readings', '', 2);
    expect(page.body.documents.map((d) => d.id)).toEqual(docs.slice(0, 2).map((d) => d.id));
    expect(page.body.checkpoint.position).toBe(await positionOf('kpi_readings', docs[1]!.id));
  });
});
