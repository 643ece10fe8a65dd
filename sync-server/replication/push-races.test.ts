/**
 * [P8] Lost compare-and-set races, made to happen deterministically: a Store
 * whose applyWrites lets a rival write land first. Every retry checks the row
 * again against the new master ([P2] plant, [A8] role, [P4] wall screen), so
 * a race never does what a push made in order would be refused.
 */
import type { PushAnswer } from '../../src/domain/wire/protocol.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatHlc } from '../../src/domain/merge/hlc.ts';
import { createMutable, stampEdit } from '../../src/domain/merge/merge.ts';
import type { ImprovementAction } from '../../src/domain/okr/okr-types.ts';
import type { Line } from '../../src/domain/plant/plant-types.ts';
import type { Person } from '../../src/domain/people/people-types.ts';
import { demoDataset } from '../../src/demo/demo-data.ts';
import { loadDataset } from '../seed-demo.ts';
import type { DeviceAuth, Store, StoredDocument } from '../store/store.ts';
import { nextId, PEOPLE, sqliteEngine, T0 } from '../http/testing/test-support.ts';
import { LiveHub } from './live-hub.ts';
import { pushChanges, type PushRow } from './push.ts';

const bochumTablet: DeviceAuth = { deviceId: 'tablet-a', plantId: 'plant-bochum', kind: 'tablet', lineId: 'line-bochum-pr1', name: 'A', enrolledAt: '2026-03-01T00:00:00.000Z', revokedAt: null };
const bochumWall: DeviceAuth = { ...bochumTablet, deviceId: 'wall-a', kind: 'wall_screen', lineId: '', name: 'Hall wall' };

const stamp = (ms: number, nodeId: string) => formatHlc({ wallMs: T0 + ms, counter: 0, nodeId });
const insert = (doc: { id: string }): PushRow => ({ newDocumentState: { ...doc, _deleted: false }, assumedMasterState: null });

/**
 * A Store on which, for the first `times` applyWrites of `collection`, the rival's
 * document (asked for anew each time: it may depend on what is stored) is written
 * first with compare-and-set on the current master, so the push's own write loses.
 */
function racingStore(store: Store, collection: string, rival: (attempt: number) => { id: string }, times = 1): { store: Store; landed: () => number } {
  let landed = 0;
  const racing = Object.create(store) as Store;
  racing.applyWrites = async (name, writes, at) => {
    if (name === collection && landed < times) {
      const doc = rival(landed);
      const [current] = await store.getByIds(name, [doc.id]);
      const [outcome] = await store.applyWrites(name, [{ id: doc.id, newDocument: doc as unknown as StoredDocument, assumedMasterRev: current?.rev ?? null }], at);
      expect(outcome?.status).toBe('written');
      landed++;
    }
    return store.applyWrites(name, writes, at);
  };
  return { store: racing, landed: () => landed };
}

describe('push races', () => {
  let store: Store;
  let destroy: () => Promise<void>;
  beforeEach(async () => {
    ({ store, destroy } = await sqliteEngine.open());
    await loadDataset(store, demoDataset(), new Date(T0).toISOString());
  });
  afterEach(async () => destroy());

  const push = (on: Store, by: DeviceAuth, collection: 'lines' | 'people' | 'improvement_actions', rows: PushRow[], session: string): Promise<PushAnswer> =>
    // [T2] Configuration and roster rows are privileged: the session's person is taken as verified by the server.
    pushChanges({ store: on, hub: new LiveHub(), clock: () => T0 }, by, collection, rows, session, { verifiedPersonId: session });

  /** The same new line id made at two plants at once; Bochum's clocks are the later ones, so a merge would make it Bochum's. */
  function twinLines(): { peoria: Line; bochum: Line } {
    const id = nextId('line');
    const fields = { id, area: 'Press shop', code: 'PR9', name: 'Press 9', active: true };
    return {
      peoria: createMutable<Line>({ ...fields, plantId: 'plant-peoria' }, stamp(1_000, 'tablet-p')),
      bochum: createMutable<Line>({ ...fields, plantId: 'plant-bochum', name: 'Presse 9' }, stamp(2_000, 'tablet-a')),
    };
  }

  it("[P2] a new record that loses its race to another plant's record under the same id is refused, never moved or leaked", async () => {
    const { peoria, bochum } = twinLines();
    const racing = racingStore(store, 'lines', () => peoria);
    const res = await push(racing.store, bochumTablet, 'lines', [insert(bochum)], PEOPLE.admin);
    expect(racing.landed()).toBe(1);
    // Bochum's answer carries nothing of Peoria's line, only the refusal P2 gives a push made in order.
    // [T5] The refusal does not name the other plant either.
    expect(res).toEqual({ conflicts: [], rejected: [{ id: bochum.id, error: 'other_plant', message: expect.not.stringContaining('plant-peoria') }] });
    // Peoria's line stays Peoria's, as written: its devices never see it go.
    const [stored] = await store.getByIds('lines', [bochum.id]);
    expect(stored).toMatchObject({ plantId: 'plant-peoria', rev: 1, deleted: false });
    expect(stored?.data).toEqual(peoria);
  });

  it('[P2] out of retries, the master the device gets back is checked too: never a record of another plant', async () => {
    const { bochum } = twinLines();
    // Five Bochum rivals, then one that stores the record for Peoria (a store-level writer, not a push:
    // pushes cannot move records). The last master is one the device must not receive.
    const rival = (attempt: number): Line =>
      createMutable<Line>({ ...bochum, plantId: attempt === 5 ? 'plant-peoria' : 'plant-bochum', name: `Rival ${attempt}` }, stamp(10_000 + attempt, 'tablet-b'));
    const racing = racingStore(store, 'lines', rival, 6);
    const res = await push(racing.store, bochumTablet, 'lines', [insert(bochum)], PEOPLE.admin);
    expect(racing.landed()).toBe(6);
    // [T5] The refusal does not name the other plant either.
    expect(res).toEqual({ conflicts: [], rejected: [{ id: bochum.id, error: 'other_plant', message: expect.not.stringContaining('plant-peoria') }] });
    expect((await store.getByIds('lines', [bochum.id]))[0]?.data).toMatchObject({ plantId: 'plant-peoria', name: 'Rival 5' });
  });

  it('[A8] an edit that loses its race to a promotion to an enterprise role is checked again, and refused', async () => {
    const [master] = await store.getByIds('people', [PEOPLE.operator]);
    const base = master?.data as unknown as Person;
    // An enterprise admin promotes Lukas while the plant admin renames him over the record she read.
    const promoted = stampEdit(base, { role: 'enterprise_leader' }, stamp(1_000, 'tablet-hq'), 'tablet-hq');
    const renamed = stampEdit(base, { name: 'Lukas F.' }, stamp(2_000, 'tablet-a'), 'tablet-a');
    const racing = racingStore(store, 'people', () => promoted);
    const res = await push(racing.store, bochumTablet, 'people', [{ newDocumentState: { ...renamed, _deleted: false }, assumedMasterState: { ...base, _deleted: false } }], PEOPLE.admin);
    expect(racing.landed()).toBe(1);
    expect(res).toEqual({
      conflicts: [],
      rejected: [{ id: PEOPLE.operator, error: 'not_allowed', message: 'Sabine Hoffmann: This person is an enterprise leader; only enterprise roles can change their record.' }],
    });
    const [stored] = await store.getByIds('people', [PEOPLE.operator]);
    expect(stored?.data).toEqual(promoted);
    expect(stored?.rev).toBe((master?.rev ?? 0) + 1);
  });

  it("[P4] a wall screen's new action that loses its race to a tablet's is not written: the device adopts the stored one", async () => {
    const noted = createMutable<ImprovementAction>(
      { id: nextId('action'), plantId: 'plant-bochum', title: 'Check die wear on PR1', status: 'todo', ownerId: PEOPLE.shiftLead, due: '2026-03-09', keyResultId: '', escalationId: '', notedBy: PEOPLE.supervisor },
      stamp(5_000, 'wall-a'),
    );
    // A tablet stores an action under the same id first: whatever a merge would make of the two, a wall screen changes no stored record.
    const tablets = stampEdit({ ...noted, notedBy: PEOPLE.shiftLead }, { title: 'Die wear PR1, both sides' }, stamp(6_000, 'tablet-a'), 'tablet-a');
    const racing = racingStore(store, 'improvement_actions', () => tablets);
    const res = await push(racing.store, bochumWall, 'improvement_actions', [insert(noted)], '');
    expect(racing.landed()).toBe(1);
    expect(res).toEqual({ conflicts: [{ ...tablets, _deleted: false }], rejected: [] });
    const [stored] = await store.getByIds('improvement_actions', [noted.id]);
    expect(stored?.data).toEqual(tablets);
    expect(stored?.rev).toBe(1);
  });
});
