/**
 * A device modelled at the protocol level: its own local copy, outbox and
 * checkpoints, pushing with the assumed master state and pulling from its
 * checkpoint over the HTTP contract (sync-server/API.md, "Replication"), the way RxDB's replication
 * does it (rxdb/src/replication-protocol):
 *
 * - upstream: the outbox is pushed with the last master the device knew; a
 *   returned conflict is the server's merged master, adopted as is;
 *   without a conflict the pushed document becomes the assumed master;
 * - downstream: a pulled document overwrites the local one, except while the
 *   local one has an unpushed change (RxDB skips it then: "we have a
 *   non-upstream-replicated local write to the fork");
 * - rejected rows leave the outbox (RxDB treats them as handled) and are kept.
 *
 * Driven step by step by the schedule, so a seed replays the same requests.
 * Real-client devices (real-device.ts) run beside these models.
 */
import type { Prng } from '../../../src/domain/records/prng.ts';
import { collectionInfo, type CollectionName } from '../../../src/domain/records/collections.ts';
import { createHlc, receive, tick, type HlcState } from '../../../src/domain/merge/hlc.ts';
import { createMutable, stableStringify, stampEdit } from '../../../src/domain/merge/merge.ts';
import type { KpiReading } from '../../../src/domain/kpi/kpi-types.ts';
import type { MutableMeta } from '../../../src/domain/records/record-types.ts';
import { DATABASE_HEADER } from '../../../src/domain/wire/protocol.ts';
import { DEMO_PIN } from '../../../src/demo/demo-people.ts';
import type { FaultTransport } from './fault-transport.ts';
import type { OpLog } from './op-log.ts';
import { EDITABLE, correction, editorOf, escalation, escalationEvent, newAction, randomChange, reading, type PlantCast } from './workload.ts';

export type Doc = Record<string, unknown> & { id: string };

/** Every collection a model device holds and syncs. */
export const MODEL_COLLECTIONS: readonly CollectionName[] = ['kpi_readings', 'escalations', 'escalation_events', 'improvement_actions', 'kpi_definitions', 'objectives'];

/** Small pages, so pulls really page through the feed (the app uses 200). */
const PULL_LIMIT = 25;
/** The app's push batch (replication.ts PUSH_BATCH). */
const PUSH_BATCH = 100;

/** A record a device created: it must be on the server exactly once. */
export interface Created {
  collection: CollectionName;
  doc: Doc;
  device: string;
}

/** One field edit of a mutable record: it must end up on screen or in `conflicts`. */
export interface Edit {
  collection: CollectionName;
  id: string;
  field: string;
  value: unknown;
  hlc: string;
  /** Clock of the value this edit replaced on the device (the edit it saw and overwrote). */
  overwrote: string | undefined;
  device: string;
}

/** A request that reached the server and was refused, or an answer the contract does not allow. */
export class ProtocolProblem extends Error {}

/** [T2] Editors whose rows are privileged steps: their pushes need a person session. */
const PRIVILEGED_EDITORS: ReadonlySet<keyof PlantCast> = new Set(['admin']);

function strip(doc: Record<string, unknown>): { doc: Doc; deleted: boolean } {
  const copy = { ...doc };
  const deleted = copy._deleted === true;
  delete copy._deleted;
  return { doc: copy as Doc, deleted };
}

export class ModelDevice {
  deviceId = '';
  private token = '';
  /** [T2] The admin's person session on the server, for privileged rows (KPI definitions); '' when none is open. */
  private personSession = '';
  readonly local = new Map<CollectionName, Map<string, Doc>>();
  private readonly assumed = new Map<CollectionName, Map<string, Doc>>();
  private readonly outbox = new Map<CollectionName, Set<string>>();
  private readonly checkpoints = new Map<CollectionName, number>();
  readonly created: Created[] = [];
  readonly edits: Edit[] = [];
  /** Rows the server refused, and contract violations: all legit writes, so any entry is a finding. */
  readonly problems: string[] = [];
  private hlc: HlcState = createHlc('unenrolled');
  private seq = 0;
  /** The server database's identity as last answered ([O6]); '' before the first answer. */
  private databaseId = '';
  /** Counts the restores noticed: a pull page read across one is read again from position 0. */
  private restores = 0;

  constructor(
    readonly name: string,
    readonly cast: PlantCast,
    readonly transport: FaultTransport,
    private readonly serverUrl: string,
    private readonly log: OpLog,
    /** Simulated device clock, ms. */
    private readonly clock: () => number,
  ) {
    for (const c of MODEL_COLLECTIONS) {
      this.local.set(c, new Map());
      this.assumed.set(c, new Map());
      this.outbox.set(c, new Set());
      this.checkpoints.set(c, 0);
    }
  }

  private table<T>(m: Map<CollectionName, T>, c: CollectionName): T {
    const t = m.get(c);
    if (t === undefined) throw new Error(`${this.name} holds no ${c}`);
    return t;
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown, person = '', extra: Record<string, string> = {}): Promise<T> {
    const headers: Record<string, string> = { ...extra };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (person) headers['x-tierboard-person'] = person;
    const res = await this.transport.request({ method, url: `${this.serverUrl}${path}`, headers, ...(body === undefined ? {} : { body }) });
    this.noteDatabase(res.header(DATABASE_HEADER));
    if (res.status >= 500) throw new Error(`HTTP ${res.status} on ${method} ${path}`);
    if (res.status !== 200 && res.status !== 201) {
      const problem = `${method} ${path} -> ${res.status} ${JSON.stringify(res.body)}`;
      this.problems.push(problem);
      throw new ProtocolProblem(problem);
    }
    return res.body as T;
  }

  /** [T2] The editor signs in on the server with the demo PIN. */
  private async openPersonSession(personId: string): Promise<void> {
    const res = await this.call<{ token: string }>('POST', '/api/person-sessions', { personId, pin: DEMO_PIN });
    this.personSession = res.token;
  }

  async enroll(code: string): Promise<void> {
    const res = await this.call<{ deviceId: string; token: string }>('POST', '/api/enroll', { code, name: this.name });
    this.deviceId = res.deviceId;
    this.token = res.token;
    // The HLC node id is the device id: merge.ts attributes losing edits by it.
    this.hlc = createHlc(res.deviceId);
  }

  /**
   * [C-O8] A new database identity: the server was restored from a backup. What this device
   * wrote may be missing there, and the feed's positions are handed out again, so it sends again
   * every record it created and every mutable record it edited (as new: the server answers what
   * it already holds as unchanged or merges it, [S4], [P7]) and pulls every collection from 0.
   */
  private noteDatabase(id: string | null): void {
    if (!id) return;
    const known = this.databaseId;
    this.databaseId = id;
    if (known === '' || known === id) return;
    this.restores++;
    this.log.add(this.name, `server database is new (${known.slice(0, 8)} -> ${id.slice(0, 8)}): sends its records again, pulls from 0`);
    for (const c of MODEL_COLLECTIONS) this.checkpoints.set(c, 0);
    const mine = [...this.created.map((c) => [c.collection, c.doc.id] as const), ...this.edits.map((e) => [e.collection, e.id] as const)];
    for (const [collection, id] of mine) {
      if (!this.table(this.local, collection).has(id)) continue;
      this.table(this.outbox, collection).add(id);
      this.table(this.assumed, collection).delete(id);
    }
  }

  pendingCount(): number {
    let n = 0;
    for (const s of this.outbox.values()) n += s.size;
    return n;
  }

  // ---------------------------------------------------------------- local writes

  private nextId(kind: string): string {
    this.seq++;
    return `${this.name}-${kind}-${String(this.seq).padStart(4, '0')}`;
  }

  private nowIso(): string {
    return new Date(this.clock()).toISOString();
  }

  private writeLocal(collection: CollectionName, doc: Doc, created: boolean): void {
    this.table(this.local, collection).set(doc.id, doc);
    this.table(this.outbox, collection).add(doc.id);
    if (created) this.created.push({ collection, doc: structuredClone(doc), device: this.name });
  }

  writeReading(rng: Prng): string {
    const r = reading(this.cast, this.nextId('reading'), this.deviceId, rng.int(0, 10_000) / 100, this.nowIso(), { kpiId: rng.pick(this.cast.kpiIds) });
    this.writeLocal('kpi_readings', r as unknown as Doc, true);
    return `reading ${r.id} = ${r.value}`;
  }

  writeCorrection(rng: Prng): string {
    const mine = [...this.table(this.local, 'kpi_readings').values()] as unknown as KpiReading[];
    if (mine.length === 0) return this.writeReading(rng);
    const of = rng.pick(mine);
    const c = correction(this.cast, of, this.nextId('correction'), this.deviceId, rng.int(0, 10_000) / 100, this.nowIso());
    this.writeLocal('kpi_readings', c as unknown as Doc, true);
    return `correction ${c.id} of ${of.id}`;
  }

  raiseEscalation(rng: Prng): string {
    const e = escalation(this.cast, this.nextId('escalation'), this.deviceId, this.nowIso(), rng);
    const raised = escalationEvent(this.cast, this.nextId('event'), e.id, 'raised', this.deviceId, e.raisedAt);
    this.writeLocal('escalations', e as unknown as Doc, true);
    this.writeLocal('escalation_events', raised as unknown as Doc, true);
    return `escalation ${e.id} raised (${raised.id})`;
  }

  addEscalationEvent(rng: Prng): string {
    const known = [...this.table(this.local, 'escalations').keys()];
    if (known.length === 0) return this.raiseEscalation(rng);
    const ev = escalationEvent(this.cast, this.nextId('event'), rng.pick(known), rng.pick(['acknowledged', 'commented'] as const), this.deviceId, this.nowIso());
    this.writeLocal('escalation_events', ev as unknown as Doc, true);
    return `event ${ev.id} ${ev.type} on ${ev.escalationId}`;
  }

  private stamp(): string {
    const t = tick(this.hlc, this.clock());
    this.hlc = t.state;
    return t.stamp;
  }

  editMutable(rng: Prng): string {
    const { collection } = rng.pick(EDITABLE);
    const ours = [...this.table(this.local, collection).values()].filter((d) => d.plantId === this.cast.plantId);
    if (ours.length === 0) return `no ${collection} of ${this.cast.plantId} to edit`;
    const before = rng.pick(ours) as Doc & MutableMeta;
    const change = randomChange(collection, rng, `${this.name}.${this.seq++}`);
    const stamp = this.stamp();
    const after = stampEdit(before, change as never, stamp, this.deviceId) as Doc & MutableMeta;
    for (const [field, value] of Object.entries(change)) {
      if (stableStringify(value) === stableStringify((before as Record<string, unknown>)[field])) continue;
      this.edits.push({ collection, id: before.id, field, value, hlc: stamp, overwrote: before.fieldClocks[field], device: this.name });
    }
    this.writeLocal(collection, after, false);
    return `edit ${collection}/${before.id} ${JSON.stringify(change)} @${stamp}`;
  }

  createAction(): string {
    const doc = createMutable(newAction(this.cast, this.nextId('action'), `New action from ${this.name}`) as never, this.stamp()) as unknown as Doc;
    this.writeLocal('improvement_actions', doc, true);
    return `create improvement_actions/${doc.id}`;
  }

  // ---------------------------------------------------------------- replication

  /**
   * Push every outbox, then pull every collection. Like RxDB, whose push and
   * pull run on their own, a failed request does not stop the others: a push
   * whose answer was lost can be followed by a pull that brings the very
   * record back while it still waits in the outbox.
   */
  async sync(): Promise<number> {
    const failures: string[] = [];
    const attempt = async <T>(what: () => Promise<T>, fallback: T): Promise<T> => {
      try {
        return await what();
      } catch (err) {
        if (err instanceof ProtocolProblem) throw err;
        failures.push((err as Error).message);
        return fallback;
      }
    };
    for (const c of MODEL_COLLECTIONS) if (this.table(this.outbox, c).size > 0) await attempt(() => this.push(c), undefined);
    let pulled = 0;
    for (const c of MODEL_COLLECTIONS) pulled += await attempt(() => this.pull(c), 0);
    if (failures.length > 0) throw new Error(`${failures.length} requests failed (${[...new Set(failures)].join('; ')}), pulled ${pulled}`);
    return pulled;
  }

  private async push(collection: CollectionName): Promise<void> {
    const immutable = collectionInfo(collection)?.immutable ?? false;
    const outbox = this.table(this.outbox, collection);
    const local = this.table(this.local, collection);
    const assumed = this.table(this.assumed, collection);
    const ids = [...outbox];
    for (let i = 0; i < ids.length; i += PUSH_BATCH) {
      const batch = ids.slice(i, i + PUSH_BATCH);
      const sent = new Map(batch.map((id) => [id, structuredClone(local.get(id) as Doc)]));
      const rows = batch.map((id) => {
        const base = assumed.get(id);
        return { newDocumentState: { ...sent.get(id), _deleted: false }, assumedMasterState: !immutable && base ? { ...base, _deleted: false } : null };
      });
      const editor = immutable ? '' : editorOf(collection, this.cast);
      // [T2] Privileged rows (the admin's KPI definitions) go with the admin's server-verified
      // session; a server restarted since it was opened knows it no more: open another, send again.
      const privileged = PRIVILEGED_EDITORS.has(EDITABLE.find((e) => e.collection === collection)?.editor ?? 'operator');
      type Answer = { conflicts: Record<string, unknown>[]; rejected: { id: string; error: string; message: string }[] };
      const send = async (): Promise<Answer> => {
        if (privileged && !this.personSession) await this.openPersonSession(editor);
        const session: Record<string, string> = privileged ? { 'x-tierboard-person-session': this.personSession } : {};
        return this.call<Answer>('POST', `/api/replication/${collection}/push`, { rows }, editor, session);
      };
      let res = await send();
      if (privileged && res.rejected.some((r) => r.error === 'person_session_required')) {
        this.personSession = '';
        res = await send();
      }
      const rejected = new Set(res.rejected.map((r) => r.id));
      for (const r of res.rejected) this.problems.push(`${collection}/${r.id} rejected: ${r.error} ${r.message}`);
      const conflicts = new Map(res.conflicts.map((c) => [String(c.id), strip(c)]));
      // [P12] An immutable row comes back only as the stored master: what was sent plus the server's
      // receivedAt stamp. Anything else would be the server changing someone's entry.
      if (immutable) {
        for (const [id, master] of conflicts) {
          const { receivedAt: _stamp, ...storedRest } = master.doc;
          const { receivedAt: _sentStamp, ...sentRest } = sent.get(id) ?? ({} as Record<string, unknown>);
          if (stableStringify(storedRest) !== stableStringify(sentRest)) this.problems.push(`${collection}/${id}: the server returned different content for an immutable row`);
          else if (!master.doc.receivedAt) this.problems.push(`${collection}/${id}: returned without the server's receivedAt stamp`);
        }
      }
      for (const id of batch) {
        outbox.delete(id);
        if (rejected.has(id)) continue;
        const master = conflicts.get(id);
        if (master) {
          this.adopt(collection, master.doc, master.deleted);
        } else {
          assumed.set(id, sent.get(id) as Doc);
        }
      }
      this.log.add(this.name, `pushed ${batch.length} ${collection}: ${conflicts.size} conflicts, ${rejected.size} rejected`);
    }
  }

  private adopt(collection: CollectionName, doc: Doc, deleted: boolean): void {
    const local = this.table(this.local, collection);
    if (deleted) local.delete(doc.id);
    else local.set(doc.id, doc);
    this.table(this.assumed, collection).set(doc.id, doc);
    if (typeof doc.hlc === 'string' && doc.hlc !== '') this.hlc = receive(this.hlc, doc.hlc, this.clock()).state;
  }

  private async pull(collection: CollectionName): Promise<number> {
    const outbox = this.table(this.outbox, collection);
    let got = 0;
    for (;;) {
      const since = this.checkpoints.get(collection) ?? 0;
      const restores = this.restores;
      const res = await this.call<{ documents: Record<string, unknown>[]; checkpoint: { position: number } | null }>(
        'GET',
        `/api/replication/${collection}/pull?checkpoint=${since}&limit=${PULL_LIMIT}`,
      );
      // This answer revealed a restore: its page was cut from a checkpoint of the old database.
      if (this.restores !== restores) continue;
      for (const raw of res.documents) {
        const { doc, deleted } = strip(raw);
        if (doc.plantId !== undefined && doc.plantId !== '' && doc.plantId !== this.cast.plantId) {
          this.problems.push(`${collection}/${doc.id} of ${String(doc.plantId)} pulled by a device of ${this.cast.plantId}`);
        }
        // RxDB's downstream leaves a document with an unpushed local change alone; the push resolves it.
        if (outbox.has(doc.id)) continue;
        this.adopt(collection, doc, deleted);
      }
      got += res.documents.length;
      if (!res.checkpoint || res.checkpoint.position < since) this.problems.push(`${collection}: pull from ${since} answered checkpoint ${JSON.stringify(res.checkpoint)}`);
      this.checkpoints.set(collection, res.checkpoint?.position ?? since);
      if (res.documents.length < PULL_LIMIT) return got;
    }
  }
}
