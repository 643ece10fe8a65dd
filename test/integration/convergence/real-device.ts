/**
 * A device running the app's real sync client (createSyncClient: RxDB
 * replication, live stream, backoff) on its own fake-indexeddb database,
 * talking to the real server through a FaultTransport. It runs on its own
 * timers in the background, so its requests interleave with the schedule
 * however the event loop lets them: the model devices give the replayable
 * part of a run, this one proves the shipped code survives the same faults.
 *
 * It writes readings and corrections, and edits its plant's objectives as
 * the plant's supervisor (the client names the signed-in person on mutable
 * pushes, sync-server/API.md "Acting person"), while the model devices edit the same
 * objectives: the server's merged master comes back as a conflict and RxDB
 * adopts it.
 */
import { createPrng, type Prng } from '../../../src/domain/records/prng.ts';
import { manualConnectivity } from '../../../src/sync/connectivity.ts';
import { createSyncStatusStore } from '../../../src/sync/status.ts';
import { createSyncClient, type SyncClient } from '../../../src/sync/sync-client.ts';
import { openTestDatabase, uniqueName, type TestDatabase } from '../../../src/sync/testing/test-database.ts';
import type { CollectionName } from '../../../src/domain/records/collections.ts';
import { createHlc, tick, type HlcState } from '../../../src/domain/merge/hlc.ts';
import { stableStringify, stampEdit } from '../../../src/domain/merge/merge.ts';
import type { KpiReading } from '../../../src/domain/kpi/kpi-types.ts';
import type { Objective } from '../../../src/domain/okr/okr-types.ts';
import type { FaultTransport } from './fault-transport.ts';
import type { Created, Doc, Edit } from './model-device.ts';
import { correction, randomChange, reading, type PlantCast } from './workload.ts';

/** Collections of the test database (src/sync/testing/test-database.ts). */
export const REAL_COLLECTIONS = ['kpi_readings', 'objectives'] as const satisfies readonly CollectionName[];

/**
 * First retry 20 ms, capped at 250 ms (the app uses 5 s and 2 min): the run
 * compresses hours of flaky WAN into seconds, and the retry pattern, not its
 * pace, is what is under test.
 */
const RETRY_BASE_MS = 20;
const RETRY_MAX_MS = 250;

export class RealDevice {
  readonly created: Created[] = [];
  readonly edits: Edit[] = [];
  deviceId = '';
  private seq = 0;
  private hlc: HlcState = createHlc('unenrolled');

  private constructor(
    readonly name: string,
    readonly cast: PlantCast,
    readonly transport: FaultTransport,
    readonly db: TestDatabase,
    readonly client: SyncClient,
    private readonly connectivity: ReturnType<typeof manualConnectivity>,
    private readonly clock: () => number,
  ) {}

  static async open(name: string, cast: PlantCast, transport: FaultTransport, clock: () => number): Promise<RealDevice> {
    const db = await openTestDatabase(uniqueName(`convergence-${name}`));
    const connectivity = manualConnectivity(true);
    const client = await createSyncClient({
      db,
      transport,
      connectivity,
      now: () => Date.now(),
      status: createSyncStatusStore(),
      retryBaseMs: RETRY_BASE_MS,
      retryMaxMs: RETRY_MAX_MS,
      // The retry jitter ([C-B2]) from a prng seeded by the device's name: the same waits every run.
      random: createPrng(`convergence-${name}`).next,
      // Signed in: the plant's supervisor, who may edit objectives. Readings name their own person.
      actingPerson: () => cast.supervisor,
    });
    return new RealDevice(name, cast, transport, db, client, connectivity, clock);
  }

  async enroll(serverUrl: string, code: string): Promise<void> {
    const e = await this.client.enroll(serverUrl, code, this.name);
    this.deviceId = e.deviceId;
    this.hlc = createHlc(e.deviceId);
  }

  setOffline(offline: boolean): void {
    this.transport.setOffline(offline);
    this.connectivity.setBrowserOnline(!offline);
  }

  private nextId(kind: string): string {
    this.seq++;
    return `${this.name}-${kind}-${String(this.seq).padStart(4, '0')}`;
  }

  async writeReading(rng: Prng): Promise<string> {
    const at = new Date(this.clock()).toISOString();
    const r = reading(this.cast, this.nextId('reading'), this.deviceId, rng.int(0, 10_000) / 100, at, { kpiId: rng.pick(this.cast.kpiIds) });
    await this.db.kpi_readings.insert(r);
    this.created.push({ collection: 'kpi_readings', doc: { ...r }, device: this.name });
    return `reading ${r.id} = ${r.value}`;
  }

  async writeCorrection(rng: Prng): Promise<string> {
    const known = (await this.db.kpi_readings.find().exec()).map((d) => d.toMutableJSON());
    if (known.length === 0) return this.writeReading(rng);
    const of = rng.pick(known) as KpiReading;
    const c = correction(this.cast, of, this.nextId('correction'), this.deviceId, rng.int(0, 10_000) / 100, new Date(this.clock()).toISOString());
    await this.db.kpi_readings.insert(c);
    this.created.push({ collection: 'kpi_readings', doc: { ...c }, device: this.name });
    return `correction ${c.id} of ${of.id}`;
  }

  /** Edits one of the plant's objectives in the local database, as the app's forms do (stampEdit on the current copy). */
  async editObjective(rng: Prng): Promise<string> {
    const ours = await this.db.objectives.find({ selector: { plantId: this.cast.plantId } }).exec();
    if (ours.length === 0) return 'no objective to edit';
    const doc = rng.pick(ours);
    const change = randomChange('objectives', rng, `${this.name}.${++this.seq}`);
    const t = tick(this.hlc, this.clock());
    this.hlc = t.state;
    let made: Edit[] = [];
    await doc.incrementalModify((current) => {
      // Recorded against the copy the edit really lands on (a pull may have replaced it since the find);
      // RxDB may run this again on a newer copy, so only the last run counts.
      made = [];
      for (const [field, value] of Object.entries(change)) {
        if (stableStringify(value) === stableStringify((current as unknown as Record<string, unknown>)[field])) continue;
        made.push({ collection: 'objectives', id: current.id, field, value, hlc: t.stamp, overwrote: current.fieldClocks[field], device: this.name });
      }
      return stampEdit(current as Objective, change as Partial<Objective>, t.stamp, this.deviceId);
    });
    this.edits.push(...made);
    return `edit objectives/${doc.id} ${JSON.stringify(change)} @${t.stamp}`;
  }

  async localDocs(collection: (typeof REAL_COLLECTIONS)[number]): Promise<Doc[]> {
    const docs = await this.db.collections[collection].find().exec();
    return docs.map((d) => d.toMutableJSON() as unknown as Doc);
  }

  /**
   * Waits until every collection pushed and pulled what it knows of, then
   * asks each to pull again (RxDB's reSync, what a RESYNC on the stream does),
   * so changes the stream announced while it was down are fetched too.
   */
  async settle(): Promise<void> {
    await this.client.awaitInSync();
    for (const state of this.client.replications().values()) state.reSync();
    await this.client.awaitInSync();
  }

  /** The client's own view, for the log: what it thinks of the link, its work and its replications. */
  describe(): string {
    const st = this.client.status.getState();
    const reps = [...this.client.replications()].map(([name, r]) => `${name}:${r.isStopped() ? 'stopped' : 'running'}`).join(',');
    return `auth ${st.auth}, online ${String(st.online)}, running ${String(st.running)}, pending ${st.pending}, rejected ${st.rejected}, last error ${st.lastError ? `${st.lastError.kind} ${st.lastError.message}` : '-'}, replications ${reps || 'none'}`;
  }

  async close(): Promise<void> {
    await this.client.stop();
    await this.db.close();
  }
}
