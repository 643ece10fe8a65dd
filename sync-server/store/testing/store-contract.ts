/**
 * The storage contract, run against every engine (sqlite-store.test.ts,
 * postgres-store.test.ts). Each test names the rule of sync-server/SPEC.md it
 * checks; when a test and SPEC.md disagree, one of them is wrong.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store, StoredDocument, WriteOutcome, WriteRequest } from '../store.ts';
import { StoreError } from '../store.ts';
import { createPrng } from '../../../src/domain/records/prng.ts';

export interface PeerOptions {
  /**
   * Awaited inside each write transaction, after its rows are written and
   * before COMMIT. Engines whose transactions cannot yield (SQLite: a push
   * runs synchronously from BEGIN to COMMIT) have no such moment and ignore it.
   */
  beforeCommit?: () => Promise<void>;
}

export interface StoreHarness {
  /** A migrated store on a fresh, empty database. */
  store: Store;
  /** Another connection to the same database, as a second server process has; migrated. */
  openPeer(options?: PeerOptions): Promise<Store>;
  /** Close every store opened and remove the database. */
  destroy(): Promise<void>;
}

const T0 = '2026-03-02T06:00:00.000Z';
const T1 = '2026-03-02T06:05:00.000Z';
const T2 = '2026-03-02T06:10:00.000Z';
const hash = (c: string) => c.repeat(64).slice(0, 64);

function reading(id: string, plantId = 'p1', value = 42): StoredDocument {
  return {
    id,
    kpiId: 'kpi-scrap',
    plantId,
    lineId: 'l1',
    shiftCode: 'A',
    productionDate: '2026-03-02',
    value,
    personId: 'op-7',
    deviceId: 'tab-1',
    recordedAt: T0,
    clockOffsetMs: 0,
    note: '',
    supersedes: '',
    correctionReason: '',
    receivedAt: '',
  };
}

function objective(id: string, title: string, plantId = 'p1'): StoredDocument {
  return { id, level: 'plant', plantId, lineId: '', parentId: '', title, cycle: '2026-Q1', ownerId: 'ph-1', status: 'active', hlc: 'x', fieldClocks: {}, conflicts: [] };
}

const fresh = (doc: StoredDocument): WriteRequest => ({ id: doc.id, newDocument: doc, assumedMasterRev: null });

/** Small seeded PRNG (mulberry32) so a failing interleaving can be replayed from its seed. */
const seeded = (seed: number): (() => number) => createPrng(seed).next;

/** Yield to the event loop a few times: lets other connections' round trips complete, no clock involved. */
async function yieldTicks(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

function statuses(outcomes: WriteOutcome[]): string[] {
  return outcomes.map((o) => (o.status === 'conflict' ? `conflict:${o.reason}` : o.status));
}

export function storeContractSuite(name: string, makeHarness: () => Promise<StoreHarness>): void {
  describe(`store contract: ${name}`, () => {
    let h: StoreHarness;
    let store: Store;
    beforeEach(async () => {
      h = await makeHarness();
      store = h.store;
    });
    afterEach(async () => {
      await h.destroy();
    });

    it('[S1] every accepted change gets the next position of one server-wide feed', async () => {
      expect(await store.headPosition()).toBe(0);
      const a = await store.applyWrites('kpi_readings', [fresh(reading('r1')), fresh(reading('r2'))], T0);
      const b = await store.applyWrites('objectives', [fresh(objective('o1', 'Cut scrap'))], T0);
      const c = await store.applyWrites('kpi_readings', [fresh(reading('r3'))], T0);
      const positions = [...a, ...b, ...c].map((o) => (o.status === 'written' ? o.record.position : -1));
      expect(positions).toEqual([1, 2, 3, 4]);
      expect(await store.headPosition()).toBe(4);
    });

    it("[S1] a record's position is that of its latest change", async () => {
      await store.applyWrites('objectives', [fresh(objective('o1', 'Cut scrap')), fresh(objective('o2', 'Zero LTI'))], T0);
      await store.applyWrites('objectives', [{ id: 'o1', newDocument: objective('o1', 'Cut scrap by 20%'), assumedMasterRev: 1 }], T1);
      const [o1] = await store.getByIds('objectives', ['o1']);
      expect(o1).toMatchObject({ position: 3, rev: 2, data: { title: 'Cut scrap by 20%' } });
      const feed = await store.changesSince('objectives', 0, 10, { plantIds: 'all' });
      expect(feed.documents.map((d) => [d.id, d.position])).toEqual([['o2', 2], ['o1', 3]]);
    });

    it('[S2] paging by checkpoint returns every change once, in feed order', async () => {
      const ids = Array.from({ length: 11 }, (_, i) => `r${String(i).padStart(2, '0')}`);
      for (const id of ids) await store.applyWrites('kpi_readings', [fresh(reading(id))], T0);
      const seen: string[] = [];
      let since = 0;
      for (;;) {
        const batch = await store.changesSince('kpi_readings', since, 4, { plantIds: 'all' });
        if (batch.documents.length === 0) {
          expect(batch.checkpoint).toEqual({ position: since });
          break;
        }
        expect(batch.documents.length).toBeLessThanOrEqual(4);
        expect(batch.checkpoint.position).toBe(batch.documents.at(-1)?.position);
        seen.push(...batch.documents.map((d) => d.id));
        since = batch.checkpoint.position;
      }
      expect(seen).toEqual(ids);
    });

    it('[S2] a record changed after a reader passed it comes again, with its new state', async () => {
      await store.applyWrites('objectives', [fresh(objective('o1', 'v1')), fresh(objective('o2', 'v1'))], T0);
      const first = await store.changesSince('objectives', 0, 10, { plantIds: 'all' });
      await store.applyWrites('objectives', [{ id: 'o1', newDocument: objective('o1', 'v2'), assumedMasterRev: 1 }], T1);
      const next = await store.changesSince('objectives', first.checkpoint.position, 10, { plantIds: 'all' });
      expect(next.documents.map((d) => [d.id, d.data.title, d.rev])).toEqual([['o1', 'v2', 2]]);
    });

    it('[S1] [S2] the head is at least every position, and a checkpoint beyond it finds nothing and keeps its position (what a pull checks for a restored database)', async () => {
      await store.applyWrites('kpi_readings', [fresh(reading('r1')), fresh(reading('r2', 'p2'))], T0);
      await store.applyWrites('objectives', [fresh(objective('o1', 'Cut scrap'))], T0);
      const head = await store.headPosition();
      const all = [...(await store.changesSince('kpi_readings', 0, 10, { plantIds: 'all' })).documents, ...(await store.changesSince('objectives', 0, 10, { plantIds: 'all' })).documents];
      expect(Math.max(...all.map((d) => d.position))).toBe(head);
      for (const scope of [{ plantIds: 'all' as const }, { plantIds: ['p1'] }]) {
        expect(await store.changesSinceRaw('kpi_readings', head + 5, 10, scope)).toEqual({ changes: [], checkpoint: { position: head + 5 } });
      }
    });

    it('[S3] concurrent pushers and pullers: every puller sees every change exactly once', async () => {
      const random = seeded(20260302);
      const jitter = () => yieldTicks(Math.floor(random() * 20));
      const pushers = await Promise.all([1, 2, 3, 4].map(() => h.openPeer({ beforeCommit: jitter })));
      const pullerStores = await Promise.all([1, 2, 3].map(() => h.openPeer()));
      const expected = new Set<string>();
      let pushing = true;

      const push = async (peer: Store, p: number) => {
        // Batch sizes from the pusher's own seed: the same records every run, whatever the interleaving.
        const sizes = seeded(p);
        for (let batch = 0; batch < 12; batch++) {
          const size = 1 + Math.floor(sizes() * 5);
          const docs = Array.from({ length: size }, (_, i) => reading(`d${p}-b${batch}-${i}`, `p${1 + (i % 2)}`));
          docs.forEach((d) => expected.add(d.id));
          // Another collection in between keeps the one server-wide feed interleaved.
          await peer.applyWrites('escalation_events', [fresh({ id: `e${p}-${batch}`, plantId: 'p1', type: 'commented', receivedAt: '' })], T0);
          await peer.applyWrites('kpi_readings', docs.map(fresh), T0);
          await jitter();
        }
      };
      const pull = async (peer: Store) => {
        const seen: string[] = [];
        let since = 0;
        const drain = async () => {
          for (;;) {
            const batch = await peer.changesSince('kpi_readings', since, 3, { plantIds: 'all' });
            for (const d of batch.documents) {
              expect(d.position).toBeGreaterThan(since);
              seen.push(d.id);
              since = d.position;
            }
            if (batch.documents.length === 0) return;
          }
        };
        while (pushing) {
          await drain();
          await jitter();
        }
        await drain();
        return seen;
      };

      const pulls = pullerStores.map(pull);
      await Promise.all(pushers.map(push));
      pushing = false;
      for (const seen of await Promise.all(pulls)) {
        expect(seen.length).toBe(expected.size);
        expect(new Set(seen)).toEqual(expected);
      }
    });

    it('[S4] a retried immutable record is accepted without a new feed position', async () => {
      const [first] = await store.applyWrites('kpi_readings', [fresh(reading('r1'))], T0);
      // The retry carries the device's empty receivedAt and another key order.
      const { value, ...rest } = reading('r1');
      const [retry] = await store.applyWrites('kpi_readings', [fresh({ ...rest, value } as StoredDocument)], T1);
      expect(first?.status).toBe('written');
      expect(retry).toMatchObject({ status: 'unchanged', record: { position: 1, rev: 1, receivedAt: T0 } });
      expect(await store.headPosition()).toBe(1);
    });

    it('[S4] a retried mutable write that is already stored is unchanged, not a conflict', async () => {
      await store.applyWrites('objectives', [fresh(objective('o1', 'v1'))], T0);
      const edit = { id: 'o1', newDocument: objective('o1', 'v2'), assumedMasterRev: 1 };
      await store.applyWrites('objectives', [edit], T1);
      // The reply was lost; the device sends the same push again.
      const [again] = await store.applyWrites('objectives', [edit], T2);
      expect(again).toMatchObject({ status: 'unchanged', record: { rev: 2, position: 2 } });
      expect(await store.headPosition()).toBe(2);
    });

    it('[S5] a different record under an existing immutable id is refused and the stored one kept', async () => {
      await store.applyWrites('kpi_readings', [fresh(reading('r1', 'p1', 42))], T0);
      const [other] = await store.applyWrites('kpi_readings', [fresh(reading('r1', 'p1', 43))], T1);
      const [gone] = await store.applyWrites('kpi_readings', [{ ...fresh(reading('r1', 'p1', 42)), deleted: true }], T1);
      for (const o of [other, gone]) {
        expect(o).toMatchObject({ status: 'conflict', reason: 'immutable', current: { rev: 1, data: { value: 42 } } });
      }
      const [kept] = await store.getByIds('kpi_readings', ['r1']);
      expect(kept).toMatchObject({ data: { value: 42 }, deleted: false, position: 1 });
      expect(await store.headPosition()).toBe(1);
    });

    it('[S6] a mutable write is stored only over the master it assumed', async () => {
      await store.applyWrites('objectives', [fresh(objective('o1', 'v1'))], T0);
      const out = await store.applyWrites(
        'objectives',
        [
          { id: 'o1', newDocument: objective('o1', 'stale'), assumedMasterRev: null },
          { id: 'o9', newDocument: objective('o9', 'ghost'), assumedMasterRev: 3 },
          { id: 'o1', newDocument: objective('o1', 'v2'), assumedMasterRev: 1 },
          { id: 'o1', newDocument: objective('o1', 'late'), assumedMasterRev: 1 },
        ],
        T1,
      );
      expect(statuses(out)).toEqual(['conflict:stale', 'conflict:stale', 'written', 'conflict:stale']);
      expect(out[0]).toMatchObject({ current: { rev: 1, data: { title: 'v1' } } });
      expect(out[1]).toMatchObject({ current: null });
      expect(out[3]).toMatchObject({ current: { rev: 2, data: { title: 'v2' } } });
      const [o1] = await store.getByIds('objectives', ['o1']);
      expect(o1).toMatchObject({ rev: 2, data: { title: 'v2' } });
    });

    it('[S6] of two writers racing from the same master, exactly one wins', async () => {
      await store.applyWrites('objectives', [fresh(objective('o1', 'v1'))], T0);
      const peers = await Promise.all([1, 2, 3].map(() => h.openPeer({ beforeCommit: () => yieldTicks(5) })));
      const results = await Promise.all(
        peers.map((p, i) => p.applyWrites('objectives', [{ id: 'o1', newDocument: objective('o1', `edit ${i}`), assumedMasterRev: 1 }], T1)),
      );
      const st = results.map((r) => r[0]?.status).sort();
      expect(st).toEqual(['conflict', 'conflict', 'written']);
      const [o1] = await store.getByIds('objectives', ['o1']);
      expect(o1?.rev).toBe(2);
    });

    it('[S6] a mutable record is deleted by compare-and-set and the deletion is a change in the feed', async () => {
      await store.applyWrites('objectives', [fresh(objective('o1', 'v1'))], T0);
      const [del] = await store.applyWrites('objectives', [{ id: 'o1', newDocument: objective('o1', 'v1'), assumedMasterRev: 1, deleted: true }], T1);
      expect(del).toMatchObject({ status: 'written', record: { deleted: true, rev: 2, position: 2 } });
      const feed = await store.changesSince('objectives', 1, 10, { plantIds: 'all' });
      expect(feed.documents.map((d) => [d.id, d.deleted])).toEqual([['o1', true]]);
    });

    it('[S7] a push that fails part-way stores nothing and takes no position', async () => {
      await store.applyWrites('kpi_readings', [fresh(reading('r0'))], T0);
      // A BigInt cannot be stored as JSON: the third record fails after two were written.
      const bad = { ...reading('r3'), value: 10n } as StoredDocument;
      await expect(store.applyWrites('kpi_readings', [fresh(reading('r1')), fresh(reading('r2')), fresh(bad)], T1)).rejects.toThrow();
      expect(await store.getByIds('kpi_readings', ['r1', 'r2', 'r3'])).toEqual([]);
      expect(await store.headPosition()).toBe(1);
      const [next] = await store.applyWrites('kpi_readings', [fresh(reading('r4'))], T1);
      expect(next).toMatchObject({ status: 'written', record: { position: 2 } });
    });

    it('[S7] conflicts are outcomes: the rest of the push is stored, outcomes in push order', async () => {
      await store.applyWrites('kpi_readings', [fresh(reading('r1', 'p1', 1))], T0);
      const out = await store.applyWrites(
        'kpi_readings',
        [fresh(reading('r2')), fresh(reading('r1', 'p1', 2)), fresh(reading('r3')), fresh(reading('r3'))],
        T1,
      );
      expect(out.map((o) => o.id)).toEqual(['r2', 'r1', 'r3', 'r3']);
      expect(statuses(out)).toEqual(['written', 'conflict:immutable', 'written', 'unchanged']);
      expect((await store.getByIds('kpi_readings', ['r2', 'r3'])).map((r) => r.position)).toEqual([2, 3]);
    });

    it('[S7] a malformed push is refused before anything is stored', async () => {
      const cases: [string, WriteRequest[]][] = [
        ['kpi_readings', [fresh(reading('ok')), { id: 'a', newDocument: reading('b'), assumedMasterRev: null }]],
        ['kpi_readings', [fresh(reading('ok')), fresh({ ...reading('x'), plantId: '' })]],
        ['objectives', [{ id: 'o1', newDocument: objective('o1', 't'), assumedMasterRev: 0 }]],
        ['no_such_collection', [fresh(reading('ok'))]],
      ];
      for (const [collection, writes] of cases) {
        await expect(store.applyWrites(collection as 'kpi_readings', writes, T0)).rejects.toBeInstanceOf(StoreError);
      }
      expect(await store.headPosition()).toBe(0);
    });

    it('[S8] a scoped pull sees its plants and the enterprise-wide records, nothing else', async () => {
      await store.applyWrites(
        'objectives',
        [fresh(objective('o-p1', 'a', 'p1')), fresh(objective('o-ent', 'b', '')), fresh(objective('o-p2', 'c', 'p2')), fresh(objective('o-p3', 'd', 'p3'))],
        T0,
      );
      const ids = async (plantIds: string[] | 'all') =>
        (await store.changesSince('objectives', 0, 10, { plantIds })).documents.map((d) => d.id);
      expect(await ids(['p1'])).toEqual(['o-p1', 'o-ent']);
      expect(await ids(['p2', 'p3'])).toEqual(['o-ent', 'o-p2', 'o-p3']);
      expect(await ids([])).toEqual(['o-ent']);
      expect(await ids('all')).toEqual(['o-p1', 'o-ent', 'o-p2', 'o-p3']);
      await store.applyWrites('plants', [fresh({ id: 'p2', name: 'Plant 2' })], T0);
      expect((await store.changesSince('plants', 0, 10, { plantIds: ['p1'] })).documents).toEqual([]);
      expect((await store.getByIds('plants', ['p2']))[0]?.plantId).toBe('p2');
    });

    it('[S8] a scoped page stops at its limit and its checkpoint skips only records out of scope', async () => {
      const docs = ['p1', 'p2', 'p2', 'p1', 'p2', 'p1', 'p1'].map((p, i) => reading(`r${i}`, p));
      await store.applyWrites('kpi_readings', docs.map(fresh), T0);
      const page1 = await store.changesSince('kpi_readings', 0, 2, { plantIds: ['p1'] });
      expect(page1.documents.map((d) => d.id)).toEqual(['r0', 'r3']);
      const page2 = await store.changesSince('kpi_readings', page1.checkpoint.position, 2, { plantIds: ['p1'] });
      expect(page2.documents.map((d) => d.id)).toEqual(['r5', 'r6']);
    });

    it('[R2] a window of production dates: older records are out of scope, the checkpoint passes over them, undated records stay in', async () => {
      const dated = (id: string, date: string, plantId = 'p1') => ({ ...reading(id, plantId), productionDate: date });
      const docs = [dated('old1', '2024-01-05'), dated('new1', '2026-03-01'), dated('old2', '2025-12-31'), dated('other', '2026-03-02', 'p2'), dated('new2', '2026-01-01'), dated('old3', '2023-06-30')];
      await store.applyWrites('kpi_readings', docs.map(fresh), T0);
      const windowed = { plantIds: ['p1'], productionDateFrom: '2026-01-01' };
      const page1 = await store.changesSince('kpi_readings', 0, 1, windowed);
      expect(page1.documents.map((d) => d.id)).toEqual(['new1']);
      const page2 = await store.changesSinceRaw('kpi_readings', page1.checkpoint.position, 5, windowed);
      expect(page2.changes.map((d) => d.id)).toEqual(['new2']);
      // Fewer than asked: nothing more in the window; the checkpoint is the last record's ([S2]).
      expect(page2.checkpoint.position).toBe((await store.getByIds('kpi_readings', ['new2']))[0]?.position);
      expect((await store.changesSince('kpi_readings', page2.checkpoint.position, 5, windowed)).documents).toEqual([]);
      // 'all' plants with a window; no window: everything, as before.
      expect((await store.changesSince('kpi_readings', 0, 10, { plantIds: 'all', productionDateFrom: '2026-01-01' })).documents.map((d) => d.id)).toEqual(['new1', 'other', 'new2']);
      expect((await store.changesSince('kpi_readings', 0, 10, { plantIds: ['p1'] })).documents).toHaveLength(5);
      // A collection whose records carry no production date is not cut by a window.
      await store.applyWrites('objectives', [fresh(objective('o-p1', 'a', 'p1'))], T0);
      expect((await store.changesSinceRaw('objectives', 0, 10, windowed)).changes.map((d) => d.id)).toEqual(['o-p1']);
    });

    it('[S9] reads return ids in the order asked, missing ones left out, per collection', async () => {
      await store.applyWrites('kpi_readings', [fresh(reading('x1')), fresh(reading('x2'))], T0);
      await store.applyWrites('kr_checkins', [fresh({ id: 'x1', plantId: 'p1', value: 3, receivedAt: '' })], T0);
      const got = await store.getByIds('kpi_readings', ['x2', 'nope', 'x1']);
      expect(got.map((r) => [r.collection, r.id])).toEqual([['kpi_readings', 'x2'], ['kpi_readings', 'x1']]);
      expect((await store.getByIds('kr_checkins', ['x1', 'x2'])).map((r) => r.data.value)).toEqual([3]);
      expect(await store.getByIds('kpi_readings', [])).toEqual([]);
    });

    it('[S10] the server stamps when it received each change', async () => {
      await store.applyWrites('kpi_readings', [fresh(reading('r1'))], T1);
      await store.applyWrites('objectives', [fresh(objective('o1', 'v1'))], T2);
      const [r1] = await store.getByIds('kpi_readings', ['r1']);
      const [o1] = await store.getByIds('objectives', ['o1']);
      expect(r1).toMatchObject({ receivedAt: T1, data: { receivedAt: T1, recordedAt: T0 } });
      expect(o1?.receivedAt).toBe(T2);
      expect(o1?.data).toEqual(objective('o1', 'v1'));
    });

    it('[S16] a push is answered only after it is committed: another connection sees it the moment it is answered', async () => {
      const peer = await h.openPeer();
      // Pushes sent in one turn (SQLite writes them as one group), from several "tablets" at once.
      const pushes = [0, 1, 2, 3, 4].map((t) => {
        const docs = [0, 1, 2].map((i) => reading(`t${t}-r${i}`));
        return store.applyWrites('kpi_readings', docs.map(fresh), T0).then((outcomes) => {
          // Read at once, before anything else of this process can run: a commit deferred past the answer would not be visible yet.
          const seen = peer.getByIds('kpi_readings', docs.map((d) => d.id));
          return { outcomes, seen };
        });
      });
      for (const { outcomes, seen } of await Promise.all(pushes)) {
        expect(statuses(outcomes)).toEqual(['written', 'written', 'written']);
        expect((await seen).map((r) => r.id)).toEqual(outcomes.map((o) => o.id));
      }
      // One feed, positions 1..15, each push's contiguous ([S1], [S7]).
      const perPush = (await Promise.all(pushes)).map(({ outcomes }) => outcomes.map((o) => (o.status === 'written' ? o.record.position : -1)));
      for (const p of perPush) expect(p).toEqual([p[0], (p[0] ?? 0) + 1, (p[0] ?? 0) + 2]);
      expect(perPush.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    });

    it('[S15] the raw page is the changesSince page, each document as stored JSON text', async () => {
      const docs = ['p1', 'p2', '', 'p1', 'p2', 'p1'].map((p, i) => objective(`o${i}`, `title "${i}" \u00e9\n`, p));
      await store.applyWrites('objectives', docs.map(fresh), T0);
      await store.applyWrites('objectives', [{ id: 'o3', newDocument: objective('o3', 'v1'), assumedMasterRev: 1, deleted: true }], T1);
      await store.applyWrites('objectives', [fresh({ ...objective('o9', 'nested', 'p1'), fieldClocks: { title: 'x' }, conflicts: [{ field: 'title', value: [1, null] }] })], T2);
      for (const scope of [{ plantIds: 'all' as const }, { plantIds: ['p1'] }, { plantIds: ['p2', 'p1'] }, { plantIds: [] }]) {
        for (const [since, limit] of [[0, 100], [0, 2], [3, 3], [99, 10]] as const) {
          const parsed = await store.changesSince('objectives', since, limit, scope);
          const raw = await store.changesSinceRaw('objectives', since, limit, scope);
          expect(raw.checkpoint).toEqual(parsed.checkpoint);
          expect(raw.changes.map(({ json, ...rest }) => ({ ...rest, data: JSON.parse(json) as unknown }))).toEqual(
            parsed.documents.map(({ collection: _c, ...rest }) => rest),
          );
        }
      }
      const all = await store.changesSinceRaw('objectives', 0, 100, { plantIds: 'all' });
      expect(all.changes.map((c) => [c.id, c.deleted])).toEqual([['o0', false], ['o1', false], ['o2', false], ['o4', false], ['o5', false], ['o3', true], ['o9', false]]);
    });

    describe('devices and enrollment', () => {
      const code = { codeHash: hash('c'), plantId: 'p1', deviceKind: 'tablet' as const, lineId: 'l1', createdBy: 'admin-1', createdAt: T0, expiresAt: T2 };
      const enroll = (deviceId: string, token: string, at = T1) => ({ deviceId, tokenHash: hash(token), name: `Tablet ${deviceId}`, at });

      it('[S11] an enrollment code is traded for a device once; a replay fails', async () => {
        await store.createEnrollmentCode(code);
        const first = await store.redeemEnrollmentCode(code.codeHash, enroll('tab-1', 'a'));
        expect(first).toEqual({
          ok: true,
          device: { deviceId: 'tab-1', plantId: 'p1', kind: 'tablet', lineId: 'l1', name: 'Tablet tab-1', enrolledAt: T1, revokedAt: null },
        });
        expect(await store.redeemEnrollmentCode(code.codeHash, enroll('tab-2', 'b'))).toEqual({ ok: false, reason: 'used' });
        expect(await store.getDevice('tab-2')).toBeNull();
        expect(await store.redeemEnrollmentCode(hash('d'), enroll('tab-3', 'e'))).toEqual({ ok: false, reason: 'unknown' });
      });

      it('[O4] a device contact keeps its time, and the version and count it reported; left-out fields keep their last value', async () => {
        await store.createEnrollmentCode(code);
        await store.createEnrollmentCode({ ...code, codeHash: hash('e'), plantId: 'p0' });
        await store.redeemEnrollmentCode(code.codeHash, enroll('tab-1', 'a'));
        await store.redeemEnrollmentCode(hash('e'), enroll('tab-0', 'b'));
        const base = { deviceId: 'tab-1', plantId: 'p1', kind: 'tablet', lineId: 'l1', name: 'Tablet tab-1', enrolledAt: T1, revokedAt: null };
        // Ordered by plant, then device; never seen: no contact, no version, no count.
        expect((await store.listDeviceStatus()).map((d) => [d.deviceId, d.lastContactAt, d.appVersion, d.waiting])).toEqual([
          ['tab-0', null, '', null],
          ['tab-1', null, '', null],
        ]);
        await store.noteDeviceContact('tab-1', { at: T1, appVersion: '0.1.0+b1', waiting: 12 });
        await store.noteDeviceContact('tab-1', { at: T2, waiting: 0 });
        expect((await store.listDeviceStatus()).find((d) => d.deviceId === 'tab-1')).toEqual({ ...base, lastContactAt: T2, appVersion: '0.1.0+b1', waiting: 0 });
        await store.noteDeviceContact('tab-1', { at: T2 });
        expect((await store.listDeviceStatus()).find((d) => d.deviceId === 'tab-1')).toMatchObject({ appVersion: '0.1.0+b1', waiting: 0 });
        // Revoked devices stay on the list; an unknown device is no error.
        await store.revokeDevice('tab-1', T2);
        expect((await store.listDeviceStatus()).find((d) => d.deviceId === 'tab-1')?.revokedAt).toBe(T2);
        await store.noteDeviceContact('nobody', { at: T2 });
      });

      it('[O6] the database has one identity, the same on every connection, until it is renewed', async () => {
        const id = await store.databaseId();
        expect(id).toMatch(/^[0-9a-f]{32}$/);
        const peer = await h.openPeer();
        expect(await peer.databaseId()).toBe(id);
        const renewed = await store.renewDatabaseId();
        expect(renewed).toMatch(/^[0-9a-f]{32}$/);
        expect(renewed).not.toBe(id);
        expect(await peer.databaseId()).toBe(renewed);
      });

      it('[S11] an expired code is refused', async () => {
        await store.createEnrollmentCode(code);
        expect(await store.redeemEnrollmentCode(code.codeHash, enroll('tab-1', 'a', T2))).toEqual({ ok: false, reason: 'expired' });
        expect(await store.getDevice('tab-1')).toBeNull();
      });

      it('[S11] of concurrent redemptions of one code, exactly one succeeds', async () => {
        await store.createEnrollmentCode(code);
        const peers = await Promise.all([1, 2, 3, 4].map(() => h.openPeer()));
        const results = await Promise.all(peers.map((p, i) => p.redeemEnrollmentCode(code.codeHash, enroll(`tab-${i}`, String(i)))));
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.reason))).toEqual(['used', 'used', 'used']);
        expect(await store.listDevices('p1')).toHaveLength(1);
      });

      it('[S11] a redemption that fails half-way leaves the code unused', async () => {
        await store.createEnrollmentCode(code);
        await store.createEnrollmentCode({ ...code, codeHash: hash('e') });
        expect((await store.redeemEnrollmentCode(code.codeHash, enroll('tab-1', 'a'))).ok).toBe(true);
        // Same device id again: the device row cannot be written, so the code must not be spent.
        await expect(store.redeemEnrollmentCode(hash('e'), enroll('tab-1', 'b'))).rejects.toThrow();
        expect((await store.redeemEnrollmentCode(hash('e'), enroll('tab-2', 'b'))).ok).toBe(true);
      });

      it('[S12] the store takes secrets only as SHA-256 hashes', async () => {
        await expect(store.createEnrollmentCode({ ...code, codeHash: 'K7Q2-99XZ' })).rejects.toBeInstanceOf(StoreError);
        await store.createEnrollmentCode(code);
        await expect(store.redeemEnrollmentCode(code.codeHash, { ...enroll('tab-1', 'a'), tokenHash: 'raw-device-token' })).rejects.toBeInstanceOf(
          StoreError,
        );
        await expect(store.findDeviceByTokenHash('raw-device-token')).rejects.toBeInstanceOf(StoreError);
        expect(await store.getDevice('tab-1')).toBeNull();
      });

      it('[S12] a token finds its device until it is rotated or the device revoked', async () => {
        await store.createEnrollmentCode(code);
        await store.redeemEnrollmentCode(code.codeHash, enroll('tab-1', 'a'));
        expect((await store.findDeviceByTokenHash(hash('a')))?.deviceId).toBe('tab-1');
        expect(await store.putDeviceToken('tab-1', hash('b'))).toBe(true);
        expect(await store.findDeviceByTokenHash(hash('a'))).toBeNull();
        expect((await store.findDeviceByTokenHash(hash('b')))?.deviceId).toBe('tab-1');
        expect(await store.revokeDevice('tab-1', T2)).toBe(true);
        expect(await store.revokeDevice('tab-1', T2)).toBe(false);
        expect(await store.findDeviceByTokenHash(hash('b'))).toBeNull();
        expect(await store.putDeviceToken('tab-1', hash('c'))).toBe(false);
        expect(await store.getDevice('tab-1')).toMatchObject({ revokedAt: T2 });
      });

      it('[T6] a revoked device is found by its whole token only when asked to include revoked ones', async () => {
        await store.createEnrollmentCode(code);
        await store.redeemEnrollmentCode(code.codeHash, enroll('tab-1', 'a'));
        expect(await store.revokeDevice('tab-1', T2)).toBe(true);
        expect(await store.findDeviceByTokenHash(hash('a'))).toBeNull();
        expect(await store.findDeviceByTokenHash(hash('a'), { includeRevoked: true })).toMatchObject({ deviceId: 'tab-1', revokedAt: T2 });
        expect(await store.findDeviceByTokenHash(hash('b'), { includeRevoked: true })).toBeNull();
      });
    });

    it('[S13] migrations are idempotent, safe to run at once, and keep the data', async () => {
      await store.applyWrites('kpi_readings', [fresh(reading('r1'))], T0);
      await store.migrate();
      const peers = await Promise.all([1, 2, 3].map(() => h.openPeer()));
      await Promise.all(peers.map((p) => p.migrate()));
      for (const p of peers) {
        expect((await p.getByIds('kpi_readings', ['r1']))[0]?.position).toBe(1);
        expect(await p.headPosition()).toBe(1);
      }
    });
  });
}
