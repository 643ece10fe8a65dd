/**
 * The in-memory tier's judgement (in-memory-run.ts), rule by rule of sync-server/SPEC.md section
 * C: [C1] every reading written is on the server, [C2] as written, [C4] every device holds the
 * server's records of its plant and nothing else, [C5] nothing refused. One line per violation.
 */
import { stableStringify } from '../../../src/domain/merge/merge.ts';
import type { SyncClient } from '../../../src/sync/sync-client.ts';
import type { FakeSyncServer } from '../../../src/sync/testing/fake-server.ts';
import type { TestDatabase } from '../../../src/sync/testing/test-database.ts';

type Doc = Record<string, unknown>;

/** What the judgement reads of a device. */
export interface CheckedDevice {
  who: string;
  plantId: string;
  db: TestDatabase;
  client: SyncClient;
  /** Readings this device wrote, as written. */
  written: Map<string, Doc>;
}

/** The record without RxDB's and the fake's bookkeeping (`_deleted`, `_meta`, `_rev`, `_attachments`). */
function plain(doc: Doc): string {
  const copy: Doc = {};
  for (const [k, v] of Object.entries(doc)) if (!k.startsWith('_')) copy[k] = v;
  return stableStringify(copy);
}

async function docsOf(d: CheckedDevice, collection: 'kpi_readings' | 'objectives'): Promise<Map<string, Doc>> {
  const docs = await d.db[collection].find().exec();
  return new Map(docs.map((x) => [x.primary, x.toJSON() as Doc]));
}

function serverDocs(server: FakeSyncServer, collection: 'kpi_readings' | 'objectives', plantId: string): Map<string, Doc> {
  return new Map(server.docs(collection).filter((d) => d.plantId === plantId).map((d) => [String(d.id), d]));
}

/** [C4]: each device holds exactly the server's records of its plant; `problems` gets the differences. */
export async function holdsServerState(devices: CheckedDevice[], server: FakeSyncServer, problems: string[]): Promise<boolean> {
  const before = problems.length;
  for (const d of devices) {
    for (const c of ['kpi_readings', 'objectives'] as const) {
      const mine = await docsOf(d, c);
      const theirs = serverDocs(server, c, d.plantId);
      for (const [id, doc] of theirs) {
        const held = mine.get(id);
        if (!held) problems.push(`[C4] ${d.who} lacks ${c}/${id}`);
        else if (plain(held) !== plain(doc)) problems.push(`[C4] ${d.who}'s ${c}/${id} differs from the server's:\n  device ${plain(held)}\n  server ${plain(doc)}`);
      }
      for (const id of mine.keys()) if (!theirs.has(id)) problems.push(`[C4] ${d.who} holds ${c}/${id}, which the server does not have in its plant`);
    }
  }
  return problems.length === before;
}

export async function check(devices: CheckedDevice[], server: FakeSyncServer, problems: string[]): Promise<void> {
  const stored = new Map(server.docs('kpi_readings').map((d) => [String(d.id), d]));
  for (const d of devices) {
    for (const [id, written] of d.written) {
      const s = stored.get(id);
      if (!s) {
        problems.push(`[C1] ${d.who}'s reading ${id} never reached the server`);
        continue;
      }
      if (!s.receivedAt) problems.push(`[C2] ${id} is stored without receivedAt`);
      if (plain({ ...s, receivedAt: '' }) !== plain({ ...written, receivedAt: '' })) problems.push(`[C2] ${id} is stored other than written:\n  written ${plain(written)}\n  stored  ${plain(s)}`);
    }
    const refused = await d.client.rejections();
    for (const r of refused) problems.push(`[C5] ${d.who}: ${r.collection}/${r.id} refused (${r.error}: ${r.message})`);
  }
  await holdsServerState(devices, server, problems);
}
