import { afterEach, describe, expect, it } from 'vitest';
import { actingPersonHeaders } from './acting-person.ts';
import { device, fakeServer, SERVER_URL, type Device } from './testing/harness.ts';
import { objective, reading, uniqueName } from './testing/test-database.ts';

const PLANT = 'plant-berlin';
const open: Device[] = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

describe('actingPersonHeaders', () => {
  it('[C-P1] names the signed-in person on mutable collections only', () => {
    expect(actingPersonHeaders('objectives', 'person-7')).toEqual({ 'x-tierboard-person': 'person-7' });
    expect(actingPersonHeaders('improvement_actions', 'person-7')).toEqual({ 'x-tierboard-person': 'person-7' });
    // Immutable records name their own person; the server ignores the header for them.
    expect(actingPersonHeaders('kpi_readings', 'person-7')).toEqual({});
    expect(actingPersonHeaders('escalation_events', 'person-7')).toEqual({});
    // Nobody signed in: no header (the server answers person_required per row).
    expect(actingPersonHeaders('objectives', '')).toEqual({});
  });
});

describe('sync client: the acting person on pushes', () => {
  it('[C-P1] sends whoever is signed in at push time with mutable pushes, and nobody with readings', async () => {
    const clocks = { deviceMs: 1_000_000, serverMs: 1_000_000 };
    const server = fakeServer(clocks);
    server.requirePerson = true;
    let signedIn = 'person-lead-1';
    const name = uniqueName('acting');
    const d = await device(server, clocks, name, undefined, () => signedIn);
    open.push(d);
    server.addCode('CODE-1', PLANT);
    await d.client.enroll(SERVER_URL, 'CODE-1');
    await d.client.awaitInSync();

    await d.db.objectives.insert(objective('o1', PLANT, 'Cut scrap to 2 %'));
    await d.db.kpi_readings.insert(reading('r1', PLANT, 81.5));
    await d.client.awaitInSync();
    signedIn = 'person-lead-2';
    await (await d.db.objectives.findOne('o1').exec())?.incrementalPatch({ title: 'Cut scrap to 1.5 %', hlc: '000000000000002-0000-dev' });
    await d.client.awaitInSync();

    const objectivePushes = server.pushes.filter((p) => p.collection === 'objectives');
    expect(objectivePushes.map((p) => p.person)).toEqual(['person-lead-1', 'person-lead-2']);
    expect(server.pushes.filter((p) => p.collection === 'kpi_readings').map((p) => p.person)).toEqual(['']);
    expect(server.docs('objectives')[0]?.title).toBe('Cut scrap to 1.5 %');
    expect(await d.client.rejections()).toEqual([]);
  });

  it('[C-O2] a change pushed while nobody is signed in is refused, kept, and sent again with the next person', async () => {
    const clocks = { deviceMs: 1_000_000, serverMs: 1_000_000 };
    const server = fakeServer(clocks);
    server.requirePerson = true;
    let signedIn = '';
    const d = await device(server, clocks, uniqueName('acting'), undefined, () => signedIn);
    open.push(d);
    server.addCode('CODE-2', PLANT);
    await d.client.enroll(SERVER_URL, 'CODE-2');
    await d.client.awaitInSync();

    await d.db.objectives.insert(objective('o2', PLANT, 'Zero lost-time incidents'));
    await d.client.awaitInSync();
    expect((await d.client.rejections()).map((r) => [r.id, r.error])).toEqual([['o2', 'person_required']]);
    expect(server.docs('objectives')).toEqual([]);

    signedIn = 'person-lead-1';
    await d.client.retryRejected();
    expect(await d.client.rejections()).toEqual([]);
    expect(server.pushes.at(-1)).toEqual({ collection: 'objectives', ids: ['o2'], person: 'person-lead-1' });
    expect(server.docs('objectives').map((o) => o.id)).toEqual(['o2']);
  });
});
