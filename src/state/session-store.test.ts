import { describe, expect, it } from 'vitest';
import { memoryStorage } from './key-value-storage.ts';
import { createSessionStore, SESSION_KEY } from './session-store.ts';

const random = () => 0.25;

describe('session store', () => {
  it('makes a device id once and keeps it, with plant and line, across restarts', () => {
    const storage = memoryStorage();
    const first = createSessionStore({ storage, nowMs: 1_700_000_000_000, random });
    const deviceId = first.getState().deviceId;
    expect(deviceId).toMatch(/^[0-9A-Z]{26}$/);
    first.getState().choosePlant('plant-a');
    first.getState().chooseLine('line-1');

    const again = createSessionStore({ storage, nowMs: 1_800_000_000_000, random: () => 0.75 });
    expect(again.getState()).toMatchObject({ deviceId, plantId: 'plant-a', lineId: 'line-1' });
  });

  it('does not keep the person across a restart: a shared tablet asks again', () => {
    const storage = memoryStorage();
    const s = createSessionStore({ storage, nowMs: 0, random });
    s.getState().chooseLine('line-1');
    s.getState().signIn('person-ana', 1000);
    expect(JSON.parse(storage.getItem(SESSION_KEY) ?? '{}')).not.toHaveProperty('personId');
    expect(createSessionStore({ storage, nowMs: 0, random }).getState().personId).toBe('');
  });

  it('choosing another plant or changing line starts over and signs out', () => {
    const s = createSessionStore({ storage: memoryStorage(), nowMs: 0, random });
    s.getState().choosePlant('plant-a');
    s.getState().chooseLine('line-1');
    s.getState().signIn('person-ana', 0);
    s.getState().changeLine();
    expect(s.getState()).toMatchObject({ plantId: 'plant-a', lineId: '', personId: '' });
    s.getState().chooseLine('line-2');
    s.getState().choosePlant('plant-b');
    expect(s.getState()).toMatchObject({ plantId: 'plant-b', lineId: '' });
  });

  it('signs out a person idle longer than the plant allows, counted from the last tap', () => {
    const s = createSessionStore({ storage: memoryStorage(), nowMs: 0, random });
    s.getState().signIn('person-ana', 0);
    s.getState().touch(20 * 60_000);
    expect(s.getState().expireIdle(45 * 60_000, 30)).toBe(false);
    expect(s.getState().personId).toBe('person-ana');
    expect(s.getState().expireIdle(50 * 60_000 + 1, 30)).toBe(true);
    expect(s.getState().personId).toBe('');
  });

  it('survives a localStorage that refuses writes', () => {
    const broken = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); }, removeItem: () => {} };
    const s = createSessionStore({ storage: broken, nowMs: 0, random });
    s.getState().choosePlant('plant-a');
    expect(s.getState().plantId).toBe('plant-a');
  });
});
