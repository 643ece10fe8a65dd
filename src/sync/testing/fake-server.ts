/**
 * TESTS ONLY. The sync contract (sync-server/API.md) held in memory, behind the
 * SyncTransport interface, so sync tests decide what the network does:
 * go offline, revoke a device, refuse a row, answer with a skewed clock,
 * drop the live stream. Immutable records conflict never and are stamped
 * with `receivedAt`, which the push answer returns ([P12]); mutable ones follow
 * RxDB's protocol (a stale assumedMasterState returns the current master as a
 * conflict).
 */
import { collectionInfo, plantOf, type CollectionName } from '../../domain/records/collections.ts';
import type { DeviceKind } from '../../domain/people/people-types.ts';
import { DATABASE_HEADER, PERSON_HEADER, RESYNC, SERVER_TIME_HEADER, STAMPS_HEADER, type PushRequest } from '../../domain/wire/protocol.ts';
import type { StreamHandlers, SyncTransport, TransportRequest, TransportResponse } from '../transport.ts';

type Doc = Record<string, unknown>;

interface DeviceRow {
  deviceId: string;
  plantId: string;
  kind: DeviceKind;
  lineId: string;
  revoked: boolean;
}

interface Stored {
  doc: Doc;
  position: number;
}

interface OpenStream {
  device: DeviceRow;
  handlers: StreamHandlers;
}

export interface FakeServerOptions {
  /** Server clock, ms. */
  now(): number;
}

function json(status: number, body: unknown, serverMs: number): TransportResponse {
  const copy = body === null ? null : (JSON.parse(JSON.stringify(body)) as unknown);
  return { status, body: copy, header: (n) => (n.toLowerCase() === SERVER_TIME_HEADER ? new Date(serverMs).toISOString() : null) };
}

function sameContent(a: Doc, b: Doc): boolean {
  const strip = (d: Doc) => {
    const rest: Doc = { ...d };
    delete rest.receivedAt;
    return JSON.stringify(Object.keys(rest).sort().map((k) => [k, rest[k]]));
  };
  return strip(a) === strip(b);
}

export class FakeSyncServer implements SyncTransport {
  readonly devices = new Map<string, DeviceRow>();
  readonly codes = new Map<string, { plantId: string; kind: DeviceKind; lineId: string; used: boolean }>();
  readonly data = new Map<string, Map<string, Stored>>();
  /** Every push body received, with its X-Tierboard-Person header ('' when absent), for assertions. */
  readonly pushes: { collection: string; ids: string[]; person: string }[] = [];
  /** As the real server: mutable rows pushed without a person come back `person_required`. */
  requirePerson = false;
  pulls = 0;
  /** Like the real server's 4 MB pull budget ([P3]): a page ends once this many documents' JSON characters are in, with `more`. */
  pullPageChars = Infinity;
  position = 0;
  reachable = true;
  /** Return a rejection reason for a row, or null to accept it. */
  refuse: (collection: string, doc: Doc) => { error: string; message: string } | null = () => null;
  private streams = new Set<OpenStream>();
  private nextToken = 1;

  constructor(private readonly opts: FakeServerOptions) {}

  addCode(code: string, plantId: string, kind: DeviceKind = 'tablet', lineId = ''): void {
    this.codes.set(code, { plantId, kind, lineId, used: false });
  }

  revoke(deviceId: string): void {
    for (const d of this.devices.values()) if (d.deviceId === deviceId) d.revoked = true;
  }

  isRevoked(deviceId: string): boolean {
    return [...this.devices.values()].some((d) => d.deviceId === deviceId && d.revoked);
  }

  docs(collection: string): Doc[] {
    return [...(this.data.get(collection)?.values() ?? [])].map((s) => s.doc);
  }

  /** Stores a record as if another device pushed it, and streams it. */
  seed(collection: CollectionName, doc: Doc): void {
    this.store(collection, [{ ...doc, _deleted: false }]);
  }

  /** Drops every open stream as a dead WAN link would. */
  dropStreams(): void {
    const open = [...this.streams];
    this.streams.clear();
    open.forEach((s) => s.handlers.onClose(new Error('link down'), null));
  }

  /**
   * The open streams go dead without ending, as when the server's host drops off the
   * network: the device hears nothing more on them and is not told.
   */
  goSilent(): void {
    this.streams.clear();
  }

  /** The server's `: ping` heartbeat on every open stream. */
  ping(): void {
    this.streams.forEach((s) => s.handlers.onActivity());
  }

  openStreamCount(): number {
    return this.streams.size;
  }

  private auth(headers: Record<string, string>): DeviceRow | TransportResponse {
    const token = (headers['authorization'] ?? '').replace(/^Bearer /, '');
    const device = this.devices.get(token);
    const now = this.opts.now();
    if (!token) return json(401, { error: 'missing_token', message: 'No device token.' }, now);
    if (!device) return json(401, { error: 'unknown_token', message: 'Unknown device.' }, now);
    if (device.revoked) return json(401, { error: 'device_revoked', message: 'This device was removed.' }, now);
    return device;
  }

  private inScope(device: DeviceRow, collection: CollectionName, doc: Doc): boolean {
    const plant = plantOf(collection, doc as { id: string; plantId?: string });
    return plant === device.plantId || (plant === '' && collectionInfo(collection)?.scope !== 'plant');
  }

  private store(collection: CollectionName, docs: Doc[]): void {
    const table = this.data.get(collection) ?? new Map<string, Stored>();
    this.data.set(collection, table);
    const written: Stored[] = [];
    for (const doc of docs) {
      const s = { doc, position: ++this.position };
      table.set(String(doc.id), s);
      written.push(s);
    }
    if (written.length === 0) return;
    for (const s of this.streams) {
      const visible = written.filter((w) => this.inScope(s.device, collection, w.doc)).map((w) => w.doc);
      if (visible.length === 0) continue;
      const msg = { collection, documents: visible, checkpoint: { position: this.position } };
      s.handlers.onMessage(JSON.stringify(msg));
    }
  }

  /** The database's identity on every answer ([O6]); a restore gives a new one. */
  databaseId = 'db-1';
  private restores = 0;

  /** What a backup holds: the records and the feed's head. */
  backup(): { data: Map<string, Map<string, Stored>>; position: number } {
    return { data: new Map([...this.data].map(([c, m]) => [c, new Map([...m].map(([id, st]) => [id, structuredClone(st)]))])), position: this.position };
  }

  /** The server restored from `b` and started again: its records and head, a new identity, streams gone. */
  restoreFrom(b: ReturnType<FakeSyncServer['backup']>): void {
    this.data.clear();
    for (const [c, m] of b.data) this.data.set(c, new Map(m));
    this.position = b.position;
    this.databaseId = `db-restored-${++this.restores}`;
    this.dropStreams();
  }

  async request(req: TransportRequest): Promise<TransportResponse> {
    const res = await this.answer(req);
    const id = this.databaseId;
    return { ...res, header: (n) => (n.toLowerCase() === DATABASE_HEADER ? id : res.header(n)) };
  }

  private async answer(req: TransportRequest): Promise<TransportResponse> {
    await Promise.resolve();
    if (!this.reachable) throw new TypeError('Failed to fetch');
    const now = this.opts.now();
    const url = new URL(req.url);
    const path = url.pathname;
    if (req.method === 'POST' && path === '/api/enroll') {
      const body = req.body as { code?: unknown };
      if (typeof body?.code !== 'string') return json(400, { error: 'invalid_body', message: 'No code.' }, now);
      const code = this.codes.get(body.code);
      if (!code) return json(404, { error: 'unknown_enrollment_code', message: 'Unknown code.' }, now);
      if (code.used) return json(409, { error: 'enrollment_code_used', message: 'Code used.' }, now);
      code.used = true;
      const token = `token-${this.nextToken++}`;
      const device = { deviceId: `device-${token}`, plantId: code.plantId, kind: code.kind, lineId: code.lineId, revoked: false };
      this.devices.set(token, device);
      return json(200, { ...device, revoked: undefined, token, serverTime: new Date(now).toISOString() }, now);
    }
    const m = /^\/api\/replication\/([a-z_]+)\/(pull|push)$/.exec(path);
    if (!m) return json(404, { error: 'not_found', message: '' }, now);
    const device = this.auth(req.headers);
    if (!('deviceId' in device)) return device;
    const collection = m[1] as CollectionName;
    const info = collectionInfo(collection);
    if (!info) return json(404, { error: 'unknown_collection', message: '' }, now);

    if (m[2] === 'pull') {
      this.pulls++;
      const after = Number(url.searchParams.get('checkpoint') || '0');
      const limit = Number(url.searchParams.get('limit') || '200');
      const rows = [...(this.data.get(collection)?.values() ?? [])]
        .filter((s) => s.position > after && this.inScope(device, collection, s.doc))
        .sort((a, b) => a.position - b.position);
      const page: Stored[] = [];
      let chars = 0;
      for (const r of rows.slice(0, limit)) {
        chars += JSON.stringify(r.doc).length;
        if (page.length > 0 && chars > this.pullPageChars) break;
        page.push(r);
      }
      const last = page[page.length - 1];
      const cut = page.length < Math.min(limit, rows.length);
      return json(200, { documents: page.map((r) => r.doc), checkpoint: last ? { position: last.position } : null, ...(cut ? { more: true } : {}) }, now);
    }

    // SPEC [P4]: a wall screen pushes only new improvement actions, each naming who noted it.
    const wall = device.kind === 'wall_screen';
    if (wall && collection !== 'improvement_actions') return json(403, { error: 'read_only_device', message: 'Wall screens only read.' }, now);
    const rows = (req.body as PushRequest<Doc>).rows;
    const person = req.headers[PERSON_HEADER] ?? '';
    const personOf = (doc: Doc): string => (wall ? String(doc.notedBy ?? '') : person);
    this.pushes.push({ collection, ids: rows.map((r) => String(r.newDocumentState.id)), person });
    const conflicts: Doc[] = [];
    /** [P12] Asked for with X-Tierboard-Stamps: immutable records answered as [id, receivedAt]. */
    const stamps = req.headers[STAMPS_HEADER] === '1';
    const stamped: [string, string][] = [];
    const rejected: { id: string; error: string; message: string }[] = [];
    const accepted: Doc[] = [];
    const table = this.data.get(collection);
    for (const row of rows) {
      const doc = row.newDocumentState;
      const id = String(doc.id);
      const refusal = !this.inScope(device, collection, doc)
        ? { error: 'other_plant', message: 'This record belongs to another plant.' }
        : wall && row.assumedMasterState
          ? { error: 'read_only_device', message: 'A wall screen can only note new improvement actions.' }
          : (this.requirePerson || wall) && !info.immutable && !personOf(doc)
            ? { error: 'person_required', message: 'Sign in first: a change to this record needs a person.' }
            : this.refuse(collection, doc);
      if (refusal) {
        rejected.push({ id, ...refusal });
        continue;
      }
      const current = table?.get(id)?.doc;
      if (info.immutable) {
        if (current && !sameContent(current, doc)) {
          rejected.push({ id, error: 'immutable_changed', message: 'This record was already stored with other content.' });
          continue;
        }
        // [P12] Stored now or before (a retry whose answer was lost), the device learns the stored
        // record when it differs from what was sent (the stamp): without this a retried push left
        // the device's unstamped copy for good (found by the in-memory convergence tier).
        const kept = current ?? { ...doc, receivedAt: new Date(now).toISOString() };
        if (!current) accepted.push(kept);
        if (kept.receivedAt !== doc.receivedAt) {
          if (stamps) stamped.push([id, String(kept.receivedAt)]);
          else conflicts.push(kept);
        }
        continue;
      }
      const assumed = row.assumedMasterState;
      if (current && (!assumed || JSON.stringify(assumed) !== JSON.stringify(current))) conflicts.push(current);
      else accepted.push(doc);
    }
    this.store(collection, accepted);
    return json(200, { conflicts, ...(stamps ? { stamped } : {}), rejected }, now);
  }

  openStream(url: string, headers: Record<string, string>, handlers: StreamHandlers) {
    let entry: OpenStream | null = null;
    void Promise.resolve().then(() => {
      const now = this.opts.now();
      if (!this.reachable) return handlers.onClose(new TypeError('Failed to fetch'), null);
      if (new URL(url).pathname !== '/api/replication/stream') return handlers.onClose(new Error('404'), json(404, { error: 'not_found', message: '' }, now));
      const device = this.auth(headers);
      if (!('deviceId' in device)) return handlers.onClose(new Error('401'), device);
      entry = { device, handlers };
      this.streams.add(entry);
      handlers.onOpen(json(200, null, now));
      handlers.onMessage(JSON.stringify(RESYNC));
    });
    return {
      close: () => {
        if (entry) this.streams.delete(entry);
      },
    };
  }
}
