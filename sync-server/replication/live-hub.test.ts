/** [P9] [P10] The hub's fan-out: one event text per batch and scope, each stream its scope's records only. */
import { describe, expect, it } from 'vitest';
import type { Scope, StoredRecord } from '../store/store.ts';
import { LiveHub, RESYNC_EVENT } from './live-hub.ts';
import { toWire } from './wire.ts';

const rec = (id: string, plantId: string, position: number, deleted = false): StoredRecord => ({
  collection: 'kpi_readings',
  id,
  plantId,
  data: { id, plantId, value: position, note: `n"${id}"` },
  rev: 1,
  position,
  deleted,
  receivedAt: '2026-03-02T06:00:00.000Z',
});

function listen(hub: LiveHub, scope: Scope, deviceId = 'device-1') {
  const heard: string[] = [];
  let ended = false;
  const disconnect = hub.connect({ scope, deviceId, send: (text) => heard.push(text), end: () => (ended = true) });
  return { heard, disconnect, ended: () => ended };
}

describe('LiveHub', () => {
  it('[P10] a new stream hears RESYNC first', () => {
    const hub = new LiveHub();
    expect(listen(hub, { plantIds: ['p1'] }).heard).toEqual([RESYNC_EVENT]);
    expect(JSON.parse(RESYNC_EVENT)).toBe('RESYNC');
  });

  it('[P9] each stream hears its scope\'s records as the contract spells the event; one string per scope', () => {
    const hub = new LiveHub();
    const a = listen(hub, { plantIds: ['p1'] });
    const b = listen(hub, { plantIds: ['p1'] });
    const c = listen(hub, { plantIds: ['p2', 'p1'] });
    const d = listen(hub, { plantIds: ['p3'] });
    const all = listen(hub, { plantIds: 'all' });
    const records = [rec('r1', 'p1', 5), rec('r2', 'p2', 6), rec('r3', '', 7, true), rec('r4', 'p2', 8)];
    hub.publish('kpi_readings', records);
    const event = (visible: StoredRecord[]) =>
      JSON.stringify({ collection: 'kpi_readings', documents: visible.map(toWire), checkpoint: { position: visible.at(-1)?.position } });
    expect(a.heard.slice(1)).toEqual([event([records[0], records[2]] as StoredRecord[])]);
    expect(b.heard[1]).toBe(a.heard[1]);
    expect(c.heard.slice(1)).toEqual([event(records)]);
    expect(all.heard.slice(1)).toEqual([event(records)]);
    expect(d.heard.slice(1)).toEqual([event([records[2]] as StoredRecord[])]);
    hub.publish('kpi_readings', [rec('r5', 'p2', 9)]);
    expect(a.heard).toHaveLength(2);
    expect(c.heard).toHaveLength(3);
  });

  it('[P9] a stream that fails to write is dropped and the others still hear the change', () => {
    const hub = new LiveHub();
    const ok = listen(hub, { plantIds: ['p1'] });
    let calls = 0;
    hub.connect({
      scope: { plantIds: ['p1'] },
      deviceId: 'device-2',
      send: () => {
        calls += 1;
        if (calls > 1) throw new Error('socket gone');
      },
      end: () => undefined,
    });
    expect(hub.size).toBe(2);
    hub.publish('kpi_readings', [rec('r1', 'p1', 1)]);
    expect(ok.heard).toHaveLength(2);
    expect(hub.size).toBe(1);
    ok.disconnect();
    expect(hub.size).toBe(0);
  });

  it('[P9] close ends every stream', () => {
    const hub = new LiveHub();
    let ended = 0;
    for (const plantIds of [['p1'], ['p1'], ['p2']]) hub.connect({ scope: { plantIds }, deviceId: 'device-1', send: () => undefined, end: () => (ended += 1) });
    hub.close();
    expect(ended).toBe(3);
    expect(hub.size).toBe(0);
  });

  it('[A4] a revoked device\'s streams end; other devices of the same plant keep listening', () => {
    const hub = new LiveHub();
    const revoked = [listen(hub, { plantIds: ['p1'] }, 'wall-1'), listen(hub, { plantIds: ['p1'] }, 'wall-1')];
    const other = listen(hub, { plantIds: ['p1'] }, 'tablet-1');
    hub.endDevice('wall-1');
    expect(revoked.map((r) => r.ended())).toEqual([true, true]);
    expect(other.ended()).toBe(false);
    hub.publish('kpi_readings', [rec('r1', 'p1', 1)]);
    expect(revoked.map((r) => r.heard.length)).toEqual([1, 1]);
    expect(other.heard).toHaveLength(2);
  });
});

describe('LiveHub and PIN hashes', () => {
  const person = (id: string, role: string, position: number): StoredRecord => ({
    collection: 'people',
    id,
    plantId: 'p1',
    data: { id, plantId: 'p1', name: id, badge: '1', role, pinHash: `pbkdf2-sha256$600000$${'a'.repeat(64)}`, pinSalt: 'b'.repeat(32), active: true },
    rev: 1,
    position,
    deleted: false,
    receivedAt: '2026-03-02T06:00:00.000Z',
  });

  it("[T3] a wall screen's stream carries no PIN hash; a tablet's only floor roles'; an upstream device's every one", () => {
    const hub = new LiveHub();
    const wall = listen(hub, { plantIds: ['p1'] });
    const tablet = (() => {
      const heard: string[] = [];
      hub.connect({ scope: { plantIds: ['p1'] }, pins: 'floor', deviceId: 'tablet', send: (t) => heard.push(t), end: () => undefined });
      return heard;
    })();
    const upstream = (() => {
      const heard: string[] = [];
      hub.connect({ scope: { plantIds: 'all' }, pins: 'all', deviceId: 'up', send: (t) => heard.push(t), end: () => undefined });
      return heard;
    })();
    hub.publish('people', [person('op', 'operator', 1), person('admin', 'plant_admin', 2)]);
    const docs = (heard: string[]) => (JSON.parse(heard[1] ?? '{}') as { documents: { id: string; pinHash: string; pinSalt: string }[] }).documents;
    expect(docs(wall.heard).map((d) => [d.id, d.pinHash, d.pinSalt])).toEqual([
      ['op', '', ''],
      ['admin', '', ''],
    ]);
    expect(docs(tablet).map((d) => [d.id, d.pinHash !== ''])).toEqual([
      ['op', true],
      ['admin', false],
    ]);
    expect(docs(upstream).every((d) => d.pinHash !== '')).toBe(true);
  });
});
