import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPrng } from '../domain/records/prng.ts';
import { createBackoff, waitsOf } from '../domain/retry/backoff.ts';
import { SyncHttpError } from './api-client.ts';
import { HEALTHY_STREAM_MS, STREAM_SILENCE_MS } from './live-stream.ts';
import { device, enrolledTablet, fakeServer, SERVER_URL, type Clocks, type Device } from './testing/harness.ts';
import { improvementAction, objective, openTestDatabase, openWallTestDatabase, reading, uniqueName, type TestDatabase, type WallTestDatabase } from './testing/test-database.ts';

const PLANT = 'plant-berlin';
const open: Device[] = [];

async function enrolledDevice(clocks: Clocks, server = fakeServer(clocks), name = uniqueName('dev')) {
  return { d: await enrolledTablet(server, clocks, PLANT, (d) => open.push(d), name), server, name };
}

afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

describe('sync client against the contract', () => {
  it('[C-O1] [C-S1] pushes readings written locally and the pending count drops to 0', async () => {
    const clocks = { deviceMs: 1_000_000, serverMs: 1_000_000 };
    const { d, server } = await enrolledDevice(clocks);
    expect(d.client.status.getState().auth).toBe('enrolled');

    await d.db.kpi_readings.bulkInsert([reading('r1', PLANT, 81.5), reading('r2', PLANT, 79)]);
    await d.client.refreshPending();
    await d.client.awaitInSync();

    expect(server.docs('kpi_readings').map((r) => r.id).sort()).toEqual(['r1', 'r2']);
    expect(d.client.status.getState().pending).toBe(0);
    // The server stamps receivedAt; the stamped copy comes back over the live stream.
    await vi.waitFor(async () => expect((await d.db.kpi_readings.findOne('r1').exec())?.receivedAt).not.toBe(''));
    expect(d.client.status.getState().lastSyncAtMs).toBe(clocks.deviceMs);
  });

  it('[C-S1] resolves a conflict on a mutable record with the server state', async () => {
    const clocks = { deviceMs: 1_000_000, serverMs: 1_000_000 };
    const { d, server } = await enrolledDevice(clocks);
    await d.db.objectives.insert(objective('o1', PLANT, 'Cut scrap to 2 %'));
    await d.client.awaitInSync();

    // The device goes offline, edits; meanwhile another device's edit reaches the server.
    server.reachable = false;
    await (await d.db.objectives.findOne('o1').exec())?.incrementalPatch({ title: 'Cut scrap to 1.5 %' });
    await d.client.refreshPending();
    expect(d.client.status.getState().pending).toBe(1);
    server.seed('objectives', { ...objective('o1', PLANT, 'Cut scrap to 1 %', '000000000000002-0000-other') });
    server.reachable = true;

    await vi.waitFor(async () => expect((await d.db.objectives.findOne('o1').exec())?.title).toBe('Cut scrap to 1 %'));
    await d.client.awaitInSync();
    expect(server.docs('objectives')[0]?.title).toBe('Cut scrap to 1 %');
    expect(d.client.status.getState().pending).toBe(0);
  });

  it('[C-O2] keeps refused rows locally, counts them, and sends them again on retry', async () => {
    const clocks = { deviceMs: 1_000_000, serverMs: 1_000_000 };
    const { d, server } = await enrolledDevice(clocks);
    server.refuse = (_c, doc) => (doc.value === -1 ? { error: 'invalid_record', message: 'A reading cannot be negative.' } : null);

    await d.db.kpi_readings.bulkInsert([reading('ok', PLANT, 5), reading('bad', PLANT, -1), reading('other', 'plant-lyon', 3)]);
    await d.client.awaitInSync();

    expect(server.docs('kpi_readings').map((r) => r.id)).toEqual(['ok']);
    const refused = await d.client.rejections();
    expect(refused.map((r) => [r.id, r.error]).sort()).toEqual([
      ['bad', 'invalid_record'],
      ['other', 'other_plant'],
    ]);
    expect(refused.find((r) => r.id === 'bad')?.message).toBe('A reading cannot be negative.');
    expect(refused.find((r) => r.id === 'bad')?.document.value).toBe(-1);
    await vi.waitFor(() => expect(d.client.status.getState().rejected).toBe(2));
    // Refused is not pending: it is shown as refused, not as "waiting".
    expect(d.client.status.getState().pending).toBe(0);
    // Still on the device.
    expect(await d.db.kpi_readings.findOne('bad').exec()).not.toBeNull();

    server.refuse = () => null;
    await d.client.retryRejected();
    expect((await d.client.rejections()).map((r) => r.id)).toEqual(['other']);
    expect(d.client.status.getState().rejected).toBe(1);
    expect(server.docs('kpi_readings').map((r) => r.id).sort()).toEqual(['bad', 'ok']);
  });

  it('[C-L3] [C-L4] on 401 stops syncing, keeps unsent work, and re-enrolling sends it', async () => {
    const clocks = { deviceMs: 1_000_000, serverMs: 1_000_000 };
    const { d, server, name } = await enrolledDevice(clocks);
    const first = await d.client.currentEnrollment();
    server.revoke(first?.deviceId ?? '');

    await d.db.kpi_readings.insert(reading('after-revoke', PLANT, 42));
    await vi.waitFor(() => expect(d.client.status.getState().auth).toBe('revoked'));
    expect(d.client.status.getState().running).toBe(false);
    expect(d.client.status.getState().plantLabel).toBe(PLANT);
    expect((await d.client.currentEnrollment())?.token).toBe('');
    expect((await d.client.currentEnrollment())?.revokedReason).toBe('device_revoked');
    expect(server.docs('kpi_readings')).toEqual([]);
    expect(await d.db.kpi_readings.findOne('after-revoke').exec()).not.toBeNull();
    await vi.waitFor(() => expect(d.client.status.getState().pending).toBe(1));

    // Writes while revoked wait too.
    await d.db.kpi_readings.insert(reading('while-revoked', PLANT, 43));
    await vi.waitFor(() => expect(d.client.status.getState().pending).toBe(2));
    // Nothing went out after the 401.
    expect(server.pushes.flatMap((p) => p.ids)).not.toContain('while-revoked');

    server.addCode(`AGAIN-${name}`, PLANT);
    await d.client.enroll(SERVER_URL, `AGAIN-${name}`);
    await d.client.awaitInSync();
    expect(d.client.status.getState().auth).toBe('enrolled');
    expect(server.docs('kpi_readings').map((r) => r.id).sort()).toEqual(['after-revoke', 'while-revoked']);
    expect(d.client.status.getState().pending).toBe(0);
  });

  it('[C-R1] a dropped live stream reconnects and its RESYNC pulls what was missed', async () => {
    const clocks = { deviceMs: 1_000_000, serverMs: 1_000_000 };
    const { d, server } = await enrolledDevice(clocks);
    await vi.waitFor(() => expect(server.openStreamCount()).toBe(1));

    server.dropStreams();
    expect(d.client.status.getState().lastError?.kind).toBe('stream_lost');
    server.seed('kpi_readings', { ...reading('from-other-tablet', PLANT, 12, { receivedAt: '2026-03-02T06:31:00.000Z' }) });
    // Nothing streams while the link is down.
    expect(await d.db.kpi_readings.findOne('from-other-tablet').exec()).toBeNull();

    const pullsBefore = server.pulls;
    expect(d.timers.pending()).toBe(1);
    d.timers.fireAll();
    await vi.waitFor(async () => expect(await d.db.kpi_readings.findOne('from-other-tablet').exec()).not.toBeNull());
    expect(server.pulls).toBeGreaterThan(pullsBefore);
  });

  it('[C-R2] a stream the server ends after it was open a while reconnects at once, without an alarm', async () => {
    const clocks = { deviceMs: 1_000_000, serverMs: 1_000_000 };
    const { d, server } = await enrolledDevice(clocks);
    await vi.waitFor(() => expect(server.openStreamCount()).toBe(1));
    clocks.deviceMs += HEALTHY_STREAM_MS;
    server.seed('kpi_readings', { ...reading('while-reconnecting', PLANT, 12, { receivedAt: '2026-03-02T06:31:00.000Z' }) });

    server.dropStreams();
    // Open again with no backoff timer waiting, and the status line never said "paused".
    expect(d.timers.pending()).toBe(0);
    await vi.waitFor(() => expect(server.openStreamCount()).toBe(1));
    expect(d.client.status.getState().lastError).toBeNull();
    // The new stream's RESYNC pulls what the old one did not deliver.
    await vi.waitFor(async () => expect(await d.db.kpi_readings.findOne('while-reconnecting').exec()).not.toBeNull());

    // Right after that reopen the stream is not yet healthy: ending it again is trouble, and backs off.
    server.dropStreams();
    expect(d.client.status.getState().lastError?.kind).toBe('stream_lost');
    expect(server.openStreamCount()).toBe(0);
    expect(d.timers.pending()).toBe(1);
  });

  it('[C-B1] [C-B2] a stream cut right after it opens, again and again, keeps backing off: its wait is not started over', async () => {
    const clocks = { deviceMs: 1_000_000, serverMs: 1_000_000 };
    // A fixed name, so the prng the harness seeds with it draws the same waits on every run.
    const { d, server, name } = await enrolledDevice(clocks, fakeServer(clocks), 'proxy-cuts-the-stream');
    await vi.waitFor(() => expect(server.openStreamCount()).toBe(1));
    const waits: number[] = [];
    for (let cut = 0; cut < 3; cut++) {
      clocks.deviceMs += 1_000; // open a second, then cut: a proxy, not the server's doing
      server.dropStreams();
      waits.push(...d.timers.delays());
      d.timers.fireAll();
      await vi.waitFor(() => expect(server.openStreamCount()).toBe(1));
    }
    // The harness's first retry is 5 ms, capped at 40 ms, jittered by a prng seeded with the
    // device's name (see harness.ts): the waits are the policy's first three for that prng...
    const policy = { baseMs: 5, capMs: 40 };
    expect(waits).toEqual(waitsOf(policy, createPrng(name).next, 3));
    // ...and not three first waits, as a backoff started over after each short-lived stream would give.
    const startedOver = createBackoff(policy, createPrng(name).next);
    expect(waits).not.toEqual([0, 1, 2].map(() => (startedOver.reset(), startedOver.next())));
  });

  it('[C-R2] a stream silent for three heartbeats is given up and opened again, and its RESYNC pulls what was missed', async () => {
    const clocks = { deviceMs: 1_000_000, serverMs: 1_000_000 };
    const { d, server } = await enrolledDevice(clocks);
    await vi.waitFor(() => expect(server.openStreamCount()).toBe(1));
    // While the open stream hears from the server, one wait for silence is pending, renewed by each ping.
    expect(d.timers.delays()).toEqual([STREAM_SILENCE_MS]);
    server.ping();
    expect(d.timers.delays()).toEqual([STREAM_SILENCE_MS]);

    // The server's host drops off the network: nothing arrives, nothing says the stream ended.
    server.goSilent();
    server.seed('kpi_readings', { ...reading('sent-into-the-void', PLANT, 7, { receivedAt: '2026-03-02T06:31:00.000Z' }) });
    d.timers.fireAll();
    expect(d.client.status.getState().lastError?.kind).toBe('stream_lost');
    await vi.waitFor(() => expect(server.openStreamCount()).toBe(1));
    await vi.waitFor(async () => expect(await d.db.kpi_readings.findOne('sent-into-the-void').exec()).not.toBeNull());
  });

  it('[C-K1] measures the clock offset from X-Server-Time', async () => {
    // Server 90 s ahead; the fake answers instantly, so send = receive on the device.
    const clocks = { deviceMs: 1_000_000, serverMs: 1_090_000 };
    const { d } = await enrolledDevice(clocks);
    expect(d.client.status.getState().clockOffsetMs).toBe(90_000);
    expect(d.client.correctedNow()).toBe(1_090_000);
  });

  it('[C-L1] [C-O1] shows unsent work after the database is closed and opened again', async () => {
    const clocks = { deviceMs: 1_000_000, serverMs: 1_000_000 };
    const server = fakeServer(clocks);
    const name = uniqueName('reload');
    const first = await device(server, clocks, name);
    server.addCode('RELOAD', PLANT);
    await first.client.enroll(SERVER_URL, 'RELOAD');
    await first.db.kpi_readings.insert(reading('sent', PLANT, 1));
    await first.client.awaitInSync();

    server.reachable = false;
    await first.db.kpi_readings.bulkInsert([reading('u1', PLANT, 2), reading('u2', PLANT, 3)]);
    await vi.waitFor(() => expect(first.client.status.getState().pending).toBe(2));
    await first.close();

    // "Reload": same IndexedDB, new database object and client, server still unreachable.
    const second = await device(server, clocks, name, await openTestDatabase(name));
    open.push(second);
    await second.client.start();
    await second.client.refreshPending();
    expect(second.client.status.getState().pending).toBe(2);
    expect(second.client.status.getState().auth).toBe('enrolled');

    server.reachable = true;
    await vi.waitFor(() => expect(server.docs('kpi_readings').length).toBe(3));
    await second.client.awaitInSync();
    expect(second.client.status.getState().pending).toBe(0);
  });

  it('[C-L2] reports enrollment errors by the contract code', async () => {
    const clocks = { deviceMs: 1_000_000, serverMs: 1_000_000 };
    const server = fakeServer(clocks);
    const d = await device(server, clocks, uniqueName('enroll-err'));
    open.push(d);
    const err = await d.client.enroll(SERVER_URL, 'NOPE').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SyncHttpError);
    expect((err as SyncHttpError).code).toBe('unknown_enrollment_code');
    expect(d.client.status.getState().auth).toBe('not_enrolled');
    expect(await d.client.currentEnrollment()).toBeNull();
  });
});

describe('sync client behaviour on a bad link and on wall screens', () => {
  it('[C-B1] backs off while the server cannot be reached and resets after a success', async () => {
    const clocks = { deviceMs: 1_000_000, serverMs: 1_000_000 };
    const { d, server } = await enrolledDevice(clocks);
    const readings = d.client.replications().get('kpi_readings');
    expect(readings?.retryTime).toBe(5);

    server.reachable = false;
    await d.db.kpi_readings.insert(reading('waiting', PLANT, 7));
    // Jittered waits from 5, each at most three times the last, up to 40 (the cap) after repeated failures ([C-B1]).
    await vi.waitFor(() => expect(readings?.retryTime).toBe(40));
    expect(d.client.status.getState().lastError?.kind).toBe('server_unreachable');
    expect(d.client.status.getState().online).toBe(false);

    server.reachable = true;
    await vi.waitFor(() => expect(server.docs('kpi_readings').map((r) => r.id)).toEqual(['waiting']));
    expect(readings?.retryTime).toBe(5);
    expect(d.client.status.getState().online).toBe(true);
    expect(d.client.status.getState().lastError).toBeNull();
  });

  /** An enrolled wall screen whose database also holds improvement_actions, the one collection it pushes. */
  async function wallScreen(clocks: Clocks, server = fakeServer(clocks)) {
    const name = uniqueName('wall');
    const wallDb = await openWallTestDatabase(name);
    const d = await device(server, clocks, name, wallDb as unknown as TestDatabase);
    open.push(d);
    server.addCode(`WALL-${name}`, PLANT, 'wall_screen');
    await d.client.enroll(SERVER_URL, `WALL-${name}`);
    await d.client.awaitInSync();
    return { d, db: wallDb as WallTestDatabase, server };
  }

  it('[C-P1] [C-O1] a wall screen only pulls, but for the actions noted on it: those are pushed and count as waiting until sent', async () => {
    const clocks = { deviceMs: 1_000_000, serverMs: 1_000_000 };
    const server = fakeServer(clocks);
    server.seed('kpi_readings', { ...reading('on-server', PLANT, 64) });
    server.seed('improvement_actions', { ...improvementAction('pulled-action', PLANT, 'person-9') });
    const { d, db } = await wallScreen(clocks, server);
    expect(await db.kpi_readings.findOne('on-server').exec()).not.toBeNull();
    expect(await db.improvement_actions.findOne('pulled-action').exec()).not.toBeNull();
    // Pulled actions are not waiting work.
    expect(d.client.status.getState().pending).toBe(0);

    // The meeting happens while the server cannot be reached.
    server.reachable = false;
    await db.kpi_readings.insert(reading('typed-on-wall', PLANT, 1));
    await db.improvement_actions.insert(improvementAction('noted-offline', PLANT, 'person-supervisor'));
    await d.client.refreshPending();
    expect(d.client.status.getState().pendingByCollection).toEqual({ improvement_actions: 1 });
    expect(d.client.status.getState().pending).toBe(1);

    server.reachable = true;
    await vi.waitFor(() => expect(server.docs('improvement_actions').map((a) => a.id)).toContain('noted-offline'));
    // Accepted as sent (no conflict comes back to write on the device): the count drops by itself.
    await vi.waitFor(() => expect(d.client.status.getState().pending).toBe(0));
    await d.client.awaitInSync();
    expect(server.pushes.map((p) => p.collection)).toEqual(server.pushes.map(() => 'improvement_actions'));
    expect(server.pushes.flatMap((p) => p.ids)).toEqual(['noted-offline']);
    expect(server.docs('kpi_readings').map((r) => r.id)).toEqual(['on-server']);
    expect(d.client.status.getState().pending).toBe(0);
  });

  it("[C-O2] a wall screen's refused action stays on the device and shows as refused, not as waiting", async () => {
    const clocks = { deviceMs: 1_000_000, serverMs: 1_000_000 };
    const { d, db, server } = await wallScreen(clocks);
    // The supervisor lost the role between the meeting and the push.
    server.refuse = (_c, doc) => (doc.notedBy === 'person-demoted' ? { error: 'not_allowed', message: 'Lena Meyer: An operator cannot change improvement actions.' } : null);
    await db.improvement_actions.insert(improvementAction('noted-by-demoted', PLANT, 'person-demoted'));
    await d.client.awaitInSync();

    const refused = await d.client.rejections();
    expect(refused.map((r) => [r.collection, r.id, r.error])).toEqual([['improvement_actions', 'noted-by-demoted', 'not_allowed']]);
    expect(refused[0]?.document.notedBy).toBe('person-demoted');
    await vi.waitFor(() => expect(d.client.status.getState().rejected).toBe(1));
    expect(d.client.status.getState().pending).toBe(0);
    expect(server.docs('improvement_actions')).toEqual([]);
    expect((await db.improvement_actions.findOne('noted-by-demoted').exec())?.notedBy).toBe('person-demoted');
  });
});

describe('first start after enrolling', () => {
  it('[C-L2] awaitInitialPull resolves once the plant\'s records pulled from the server are on the device', async () => {
    const clocks = { deviceMs: 1_000_000, serverMs: 1_000_000 };
    const server = fakeServer(clocks);
    // More than one pull page, so "initial" means every page, not the first answer.
    for (let i = 0; i < 250; i++) server.seed('kpi_readings', { ...reading(`earlier-${i}`, PLANT, i) });
    server.seed('objectives', { ...objective('o-plant', PLANT, 'Cut scrap to 2 %') });
    const d = await device(server, clocks, uniqueName('first-start'));
    open.push(d);
    server.addCode('FIRST', PLANT);
    await d.client.enroll(SERVER_URL, 'FIRST');

    await d.client.awaitInitialPull();
    expect(await d.db.kpi_readings.count().exec()).toBe(250);
    expect(await d.db.objectives.findOne('o-plant').exec()).not.toBeNull();
  });
});

describe('pages the server cut for size', () => {
  it('[C-R3] a first pull goes on through pages the server ended at its size budget, not stopping at the first short one', async () => {
    const clocks = { deviceMs: 1_000_000, serverMs: 1_000_000 };
    const server = fakeServer(clocks);
    // Each page holds two readings: far fewer than the batch asked, yet more wait ([P3] `more`).
    for (let i = 0; i < 9; i++) server.seed('kpi_readings', { ...reading(`shift-${i}`, PLANT, i, { note: 'x'.repeat(300) }) });
    server.pullPageChars = 900;
    const d = await device(server, clocks, uniqueName('cut-pages'));
    open.push(d);
    server.addCode('CUT', PLANT);
    await d.client.enroll(SERVER_URL, 'CUT');

    await d.client.awaitInitialPull();
    expect(await d.db.kpi_readings.count().exec()).toBe(9);
  });
});

describe('live stream and the network coming back', () => {
  it('[C-B3] reconnects the stream at once when the browser reports the network is back', async () => {
    const clocks = { deviceMs: 1_000_000, serverMs: 1_000_000 };
    const { d, server } = await enrolledDevice(clocks);
    await vi.waitFor(() => expect(server.openStreamCount()).toBe(1));
    d.connectivity.setBrowserOnline(false);
    server.dropStreams();
    expect(d.timers.pending()).toBe(1);
    server.seed('kpi_readings', { ...reading('missed', PLANT, 3) });

    d.connectivity.setBrowserOnline(true);
    expect(d.timers.pending()).toBe(0);
    await vi.waitFor(() => expect(server.openStreamCount()).toBe(1));
    await vi.waitFor(async () => expect(await d.db.kpi_readings.findOne('missed').exec()).not.toBeNull());
  });
});
