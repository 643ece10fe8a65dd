/**
 * [P8] The compare-and-set race, made to happen: another writer stores the
 * record between the push reading its master and writing the merge.
 * [P4] [A9] Improvement actions noted on a wall screen, and the person a new
 * action names.
 * [A8] Who may give a person record which role.
 */
import type { PushAnswer } from '../../src/domain/wire/protocol.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatHlc } from '../../src/domain/merge/hlc.ts';
import { createMutable, stampEdit } from '../../src/domain/merge/merge.ts';
import type { Enterprise } from '../../src/domain/plant/plant-types.ts';
import type { ImprovementAction } from '../../src/domain/okr/okr-types.ts';
import type { Person, Role } from '../../src/domain/people/people-types.ts';
import { DEMO_ENTERPRISE_ID, demoDataset } from '../../src/demo/demo-data.ts';
import { Refusal } from '../auth/refusal.ts';
import { loadDataset } from '../seed-demo.ts';
import type { DeviceAuth, Store } from '../store/store.ts';
import { nextId, PEOPLE, reading, sqliteEngine, T0 } from '../http/testing/test-support.ts';
import { LiveHub } from './live-hub.ts';
import { pushChanges, type PushRow } from './push.ts';

const ACTION = 'action-bochum-smed-quick-clamps';
const device: DeviceAuth = { deviceId: 'tablet-a', plantId: 'plant-bochum', kind: 'tablet', lineId: 'line-bochum-pr1', name: 'A', enrolledAt: '2026-03-01T00:00:00.000Z', revokedAt: null };
const wall: DeviceAuth = { ...device, deviceId: 'wall-a', kind: 'wall_screen', lineId: '', name: 'Hall wall' };
const PEORIA_SUPERVISOR = 'person-peoria-mike-kowalski';

/** A new improvement action as the board's "Note action" writes it (src/ui/board/note-action.ts). */
function notedAction(over: Partial<ImprovementAction> = {}): ImprovementAction {
  const stamp = formatHlc({ wallMs: T0 + 5_000, counter: 0, nodeId: 'wall-a' });
  return createMutable<ImprovementAction>(
    { id: nextId('action'), plantId: 'plant-bochum', title: 'Check die wear on PR1', status: 'todo', ownerId: PEOPLE.shiftLead, due: '2026-03-09', keyResultId: '', escalationId: '', notedBy: PEOPLE.supervisor, ...over },
    stamp,
  );
}

const insert = (doc: { id: string }): PushRow => ({ newDocumentState: { ...doc, _deleted: false }, assumedMasterState: null });

describe('push', () => {
  let store: Store;
  let destroy: () => Promise<void>;
  beforeEach(async () => {
    ({ store, destroy } = await sqliteEngine.open());
    await loadDataset(store, demoDataset(), new Date(T0).toISOString());
  });
  afterEach(async () => destroy());

  it('[P8] a mutable write that loses a race is merged again with the new master', async () => {
    const [master] = await store.getByIds('improvement_actions', [ACTION]);
    const base = master?.data as unknown as ImprovementAction;
    const rival = stampEdit(base, { status: 'done' }, formatHlc({ wallMs: T0 + 1000, counter: 0, nodeId: 'tablet-b' }), 'tablet-b');
    const mine = stampEdit(base, { title: 'Quick clamps, both presses' }, formatHlc({ wallMs: T0 + 2000, counter: 0, nodeId: 'tablet-a' }), 'tablet-a');

    // The rival commits right after our push has read the master, before it writes.
    let raced = false;
    const racing: Store = Object.create(store) as Store;
    racing.applyWrites = async (collection, writes, at) => {
      if (!raced && collection === 'improvement_actions') {
        raced = true;
        await store.applyWrites(collection, [{ id: ACTION, newDocument: rival as never, assumedMasterRev: master?.rev ?? null }], at);
      }
      return store.applyWrites(collection, writes, at);
    };
    const result = await pushChanges(
      { store: racing, hub: new LiveHub(), clock: () => T0 },
      device,
      'improvement_actions',
      [{ newDocumentState: { ...mine, _deleted: false }, assumedMasterState: { ...base, _deleted: false } }],
      'person-bochum-thomas-klein',
    );
    expect(raced).toBe(true);
    expect(result.rejected).toEqual([]);
    const [stored] = await store.getByIds('improvement_actions', [ACTION]);
    expect(stored?.data).toMatchObject({ status: 'done', title: 'Quick clamps, both presses' });
    expect(stored?.rev).toBe((master?.rev ?? 0) + 2);
    // The device's copy lacks the rival's status: it hears the merged master back.
    expect(result.conflicts).toEqual([{ ...stored?.data, _deleted: false }]);
  });

  describe('[P4] a wall screen notes new improvement actions, and nothing else', () => {
    const deps = () => ({ store, hub: new LiveHub(), clock: () => T0 });
    const push = (by: DeviceAuth, rows: PushRow[], session = ''): Promise<PushAnswer> => pushChanges(deps(), by, 'improvement_actions', rows, session);
    const stored = async (id: string) => (await store.getByIds('improvement_actions', [id]))[0];

    it('[P4] stores a new action noted by a supervisor, authorised by notedBy and never by the session header', async () => {
      const bySupervisor = notedAction();
      // The header names an operator (it should name nobody on a wall screen): it is not looked at.
      expect(await push(wall, [insert(bySupervisor)], PEOPLE.operator)).toEqual({ conflicts: [], rejected: [] });
      expect((await stored(bySupervisor.id))?.data).toEqual(bySupervisor);
      const byOperator = notedAction({ notedBy: PEOPLE.operator });
      const res = await push(wall, [insert(byOperator)], PEOPLE.supervisor);
      expect(res.rejected).toEqual([{ id: byOperator.id, error: 'not_allowed', message: expect.stringMatching(/operator cannot change improvement actions/) }]);
      expect(await stored(byOperator.id)).toBeUndefined();
    });

    it('[P4] [T1] refuses an action that names nobody, an unknown person, or a person of another plant (unknown here)', async () => {
      const nobody = notedAction({ notedBy: '' });
      const { notedBy: _gone, ...unnamed } = notedAction();
      const unknown = notedAction({ notedBy: 'person-nobody-knows' });
      const otherPlantsPerson = notedAction({ notedBy: PEORIA_SUPERVISOR });
      const head = await store.headPosition();
      const res = await push(wall, [insert(nobody), insert(unnamed), insert(unknown), insert(otherPlantsPerson)]);
      expect(res.rejected).toEqual([
        { id: nobody.id, error: 'person_required', message: expect.stringContaining('PIN') },
        { id: unnamed.id, error: 'person_required', message: expect.stringContaining('PIN') },
        { id: unknown.id, error: 'unknown_person', message: expect.stringContaining('person-nobody-knows') },
        { id: otherPlantsPerson.id, error: 'unknown_person', message: expect.stringContaining(PEORIA_SUPERVISOR) },
      ]);
      expect(await store.headPosition()).toBe(head);
    });

    it("[P4] refuses another plant's action as for a tablet", async () => {
      const theirs = notedAction({ plantId: 'plant-peoria', notedBy: PEORIA_SUPERVISOR });
      const res = await push(wall, [insert(theirs)]);
      expect(res.rejected).toEqual([{ id: theirs.id, error: 'other_plant', message: expect.stringContaining('plant-peoria') }]);
      expect(await stored(theirs.id)).toBeUndefined();
    });

    it('[P4] refuses an edit or a deletion of a stored action row by row, and any other collection whole', async () => {
      const [master] = await store.getByIds('improvement_actions', [ACTION]);
      const base = master?.data as unknown as ImprovementAction;
      const edit = stampEdit({ ...base, notedBy: PEOPLE.supervisor }, { status: 'done' }, formatHlc({ wallMs: T0 + 1000, counter: 0, nodeId: 'wall-a' }), 'wall-a');
      const fresh = notedAction();
      const res = await push(wall, [
        { newDocumentState: { ...edit, _deleted: false }, assumedMasterState: { ...base, _deleted: false } },
        { newDocumentState: { ...base, notedBy: PEOPLE.supervisor, _deleted: true }, assumedMasterState: { ...base, _deleted: false } },
        { newDocumentState: { ...fresh, _deleted: true }, assumedMasterState: null },
      ]);
      const readOnly = { error: 'read_only_device', message: expect.stringContaining('only note new improvement actions') };
      expect(res.rejected).toEqual([{ id: ACTION, ...readOnly }, { id: ACTION, ...readOnly }, { id: fresh.id, ...readOnly }]);
      expect(await stored(ACTION)).toEqual(master);

      const head = await store.headPosition();
      const refused = pushChanges(deps(), wall, 'kpi_readings', [insert(reading())]);
      await expect(refused).rejects.toBeInstanceOf(Refusal);
      await expect(refused).rejects.toMatchObject({ kind: 'forbidden', code: 'read_only_device' });
      expect(await store.headPosition()).toBe(head);
    });

    it('[P4] a retried action gets the stored one back; a "new" action under a stored id changes nothing', async () => {
      const action = notedAction();
      await push(wall, [insert(action)]);
      const first = await stored(action.id);
      // A tablet moves it on; the wall screen's retry (its first answer was lost) comes after.
      const moved = stampEdit(action, { status: 'doing' }, formatHlc({ wallMs: T0 + 9_000, counter: 0, nodeId: 'tablet-a' }), 'tablet-a');
      await pushChanges(deps(), device, 'improvement_actions', [{ newDocumentState: { ...moved, _deleted: false }, assumedMasterState: { ...action, _deleted: false } }], PEOPLE.shiftLead);
      const current = await stored(action.id);
      expect(current?.rev).toBe((first?.rev ?? 0) + 1);
      const retry = await push(wall, [insert(action)]);
      expect(retry).toEqual({ conflicts: [{ ...moved, _deleted: false }], rejected: [] });

      // A wall screen posing a change as new, with clocks that would win a merge: not stored.
      const forged = stampEdit(action, { title: 'Renamed from the wall' }, formatHlc({ wallMs: T0 + 60_000, counter: 0, nodeId: 'wall-a' }), 'wall-a');
      const head = await store.headPosition();
      const posing = await push(wall, [insert(forged)]);
      expect(posing).toEqual({ conflicts: [{ ...moved, _deleted: false }], rejected: [] });
      expect(await stored(action.id)).toEqual(current);
      expect(await store.headPosition()).toBe(head);
    });
  });

  describe('[A9] a new improvement action is authorised as the person who noted it', () => {
    it('[A9] a tablet pushing after the supervisor signed out (an operator signed in now) still stores it', async () => {
      const deps = { store, hub: new LiveHub(), clock: () => T0 };
      const action = notedAction();
      expect(await pushChanges(deps, device, 'improvement_actions', [insert(action)], PEOPLE.operator)).toEqual({ conflicts: [], rejected: [] });
      // notedBy speaks for the action's creation only: an edit is the session person's, as before.
      const edit = stampEdit(action, { status: 'done' }, formatHlc({ wallMs: T0 + 9_000, counter: 0, nodeId: 'tablet-a' }), 'tablet-a');
      const res = await pushChanges(deps, device, 'improvement_actions', [{ newDocumentState: { ...edit, _deleted: false }, assumedMasterState: { ...action, _deleted: false } }], PEOPLE.operator);
      expect(res.rejected).toEqual([{ id: action.id, error: 'not_allowed', message: expect.stringMatching(/operator cannot change improvement actions/) }]);
      // Without notedBy a new action is the session person's, as before.
      const { notedBy: _gone, ...unnamed } = notedAction();
      expect((await pushChanges(deps, device, 'improvement_actions', [insert(unnamed)], PEOPLE.operator)).rejected).toEqual([
        { id: unnamed.id, error: 'not_allowed', message: expect.stringMatching(/operator cannot/) },
      ]);
      expect((await pushChanges(deps, device, 'improvement_actions', [insert(unnamed)], PEOPLE.shiftLead)).rejected).toEqual([]);
    });

    it('[A9] notedBy never speaks for an edit sent without an assumed master; a retry of the same action still stores nothing new', async () => {
      const deps = { store, hub: new LiveHub(), clock: () => T0 };
      const action = notedAction();
      expect((await pushChanges(deps, device, 'improvement_actions', [insert(action)], '')).rejected).toEqual([]);
      // The answer was lost: the same action again, the supervisor long signed out.
      expect((await pushChanges(deps, device, 'improvement_actions', [insert(action)], '')).rejected).toEqual([]);
      // An operator's edit posing as new (as "send again" sends a refused row) is the operator's.
      const edit = stampEdit(action, { status: 'done' }, formatHlc({ wallMs: T0 + 9_000, counter: 0, nodeId: 'tablet-a' }), 'tablet-a');
      const res = await pushChanges(deps, device, 'improvement_actions', [insert(edit)], PEOPLE.operator);
      expect(res.rejected).toEqual([{ id: action.id, error: 'not_allowed', message: expect.stringMatching(/operator cannot change improvement actions/) }]);
      expect((await store.getByIds('improvement_actions', [action.id]))[0]?.data).toMatchObject({ status: 'todo' });
    });
  });
  describe('[A8] only enterprise roles give an enterprise role, or change a record that holds one', () => {
    const ENTERPRISE_ADMIN = 'person-bochum-tobias-lehmann';
    const deps = () => ({ store, hub: new LiveHub(), clock: () => T0 });
    // [T2] Roster changes are privileged: the person is taken as verified by the server (a person session).
    const pushPeople = (rows: PushRow[], session: string): Promise<PushAnswer> => pushChanges(deps(), device, 'people', rows, session, { verifiedPersonId: session });
    const storedPerson = async (id: string) => (await store.getByIds('people', [id]))[0];
    const stamp = (ms: number) => formatHlc({ wallMs: T0 + ms, counter: 0, nodeId: 'tablet-a' });
    const newPerson = (role: Role): Person =>
      createMutable<Person>({ id: nextId('person'), plantId: 'plant-bochum', name: 'New Hire', badge: '19999', role, pinHash: '', pinSalt: '', active: true }, stamp(1_000));
    /** An edit of a stored person, pushed over the stored copy as the people admin screen would. */
    async function edit(id: string, changes: Partial<Person>, deleted = false): Promise<PushRow> {
      const base = (await storedPerson(id))?.data as unknown as Person;
      const changed = stampEdit(base, changes, stamp(2_000), 'tablet-a');
      return { newDocumentState: { ...changed, _deleted: deleted }, assumedMasterState: { ...base, _deleted: false } };
    }

    it('[A8] a plant admin cannot make anyone (themselves included) an enterprise admin, so cannot then act as one', async () => {
      const head = await store.headPosition();
      const hire = newPerson('enterprise_admin');
      const res = await pushPeople([insert(hire), await edit(PEOPLE.admin, { role: 'enterprise_leader' })], PEOPLE.admin);
      expect(res).toEqual({
        conflicts: [],
        rejected: [
          { id: hire.id, error: 'not_allowed', message: 'Sabine Hoffmann: Only enterprise roles can make someone an enterprise admin; plant admins give the plant roles of their own plant.' },
          { id: PEOPLE.admin, error: 'not_allowed', message: expect.stringContaining('make someone an enterprise leader') },
        ],
      });
      expect(await storedPerson(hire.id)).toBeUndefined();
      expect((await storedPerson(PEOPLE.admin))?.data).toMatchObject({ role: 'plant_admin' });
      expect(await store.headPosition()).toBe(head);

      // The reproduction's second step: acting as the refused person changes no enterprise setting.
      const [enterprise] = await store.getByIds('enterprises', [DEMO_ENTERPRISE_ID]);
      const base = enterprise?.data as unknown as Enterprise;
      const renamed = stampEdit(base, { name: 'Taken over' }, stamp(3_000), 'tablet-a');
      const taken = await pushChanges(deps(), device, 'enterprises', [{ newDocumentState: { ...renamed, _deleted: false }, assumedMasterState: { ...base, _deleted: false } }], hire.id, {
        verifiedPersonId: hire.id,
      });
      expect(taken.rejected).toEqual([{ id: DEMO_ENTERPRISE_ID, error: 'unknown_person', message: expect.stringContaining(hire.id) }]);
      expect((await store.getByIds('enterprises', [DEMO_ENTERPRISE_ID]))[0]).toEqual(enterprise);
    });

    it('[A8] a plant admin cannot demote, rename, deactivate or remove an enterprise admin on their roster', async () => {
      const before = await storedPerson(ENTERPRISE_ADMIN);
      expect(before?.data).toMatchObject({ plantId: 'plant-bochum', role: 'enterprise_admin' });
      const rows = [
        await edit(ENTERPRISE_ADMIN, { role: 'operator' }),
        await edit(ENTERPRISE_ADMIN, { name: 'Renamed' }),
        await edit(ENTERPRISE_ADMIN, { active: false }),
        await edit(ENTERPRISE_ADMIN, {}, true),
      ];
      const res = await pushPeople(rows, PEOPLE.admin);
      const held = { id: ENTERPRISE_ADMIN, error: 'not_allowed', message: 'Sabine Hoffmann: This person is an enterprise admin; only enterprise roles can change their record.' };
      expect(res).toEqual({ conflicts: [], rejected: [held, held, held, held] });
      expect(await storedPerson(ENTERPRISE_ADMIN)).toEqual(before);
    });

    it('[A8] a plant admin gives plant roles in their own plant; an enterprise admin gives every role', async () => {
      const lead = newPerson('shift_lead');
      expect(await pushPeople([insert(lead), await edit(PEOPLE.operator, { role: 'plant_admin' })], PEOPLE.admin)).toEqual({ conflicts: [], rejected: [] });
      expect((await storedPerson(PEOPLE.operator))?.data).toMatchObject({ role: 'plant_admin' });

      const admin = newPerson('enterprise_admin');
      expect(await pushPeople([insert(admin), await edit(PEOPLE.supervisor, { role: 'enterprise_leader' })], ENTERPRISE_ADMIN)).toEqual({ conflicts: [], rejected: [] });
      expect((await storedPerson(admin.id))?.data).toMatchObject({ role: 'enterprise_admin' });
      expect(await pushPeople([await edit(PEOPLE.supervisor, { role: 'supervisor' })], ENTERPRISE_ADMIN)).toEqual({ conflicts: [], rejected: [] });
    });
  });
});
