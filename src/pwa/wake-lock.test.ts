import { describe, expect, it } from 'vitest';
import { keepScreenAwake, type WakeLockHost, type WakeLockLike } from './wake-lock.ts';

function fakeHost(supported = true) {
  let visibility: DocumentVisibilityState = 'visible';
  const visListeners = new Set<() => void>();
  const sentinels: { released: boolean; fire(): void; releaseCalls: number }[] = [];
  let requests = 0;
  const api: WakeLockLike = {
    request() {
      requests += 1;
      const listeners = new Set<() => void>();
      const s = {
        released: false,
        releaseCalls: 0,
        fire() {
          s.released = true;
          listeners.forEach((l) => l());
        },
        release() {
          s.releaseCalls += 1;
          s.released = true;
          return Promise.resolve();
        },
        addEventListener: (_: 'release', l: () => void) => listeners.add(l),
        removeEventListener: (_: 'release', l: () => void) => listeners.delete(l),
      };
      sentinels.push(s);
      return Promise.resolve(s);
    },
  };
  const host: WakeLockHost = {
    wakeLock: supported ? api : undefined,
    visibilityState: () => visibility,
    onVisibilityChange(l) {
      visListeners.add(l);
      return () => visListeners.delete(l);
    },
  };
  return {
    host,
    sentinels,
    requests: () => requests,
    listeners: () => visListeners.size,
    setVisible(v: DocumentVisibilityState) {
      visibility = v;
      visListeners.forEach((l) => l());
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('keepScreenAwake', () => {
  it('takes the lock, takes it again after the page was hidden and shown, and after a release while visible', async () => {
    const f = fakeHost();
    const lock = keepScreenAwake(f.host);
    await settle();
    expect(lock.held()).toBe(true);
    // Hidden: the browser releases the lock; nothing is asked while hidden.
    f.setVisible('hidden');
    f.sentinels[0]?.fire();
    await settle();
    expect(lock.held()).toBe(false);
    expect(f.requests()).toBe(1);
    f.setVisible('visible');
    await settle();
    expect(lock.held()).toBe(true);
    expect(f.requests()).toBe(2);
    // Released while visible (battery saver): asked again at once.
    f.sentinels[1]?.fire();
    await settle();
    expect(f.requests()).toBe(3);
    expect(lock.held()).toBe(true);
    lock.stop();
    expect(f.sentinels[2]?.releaseCalls).toBe(1);
    expect(f.listeners()).toBe(0);
  });

  it('is a no-op where the API does not exist', () => {
    const f = fakeHost(false);
    const lock = keepScreenAwake(f.host);
    expect(lock.held()).toBe(false);
    expect(f.listeners()).toBe(0);
    lock.stop();
  });
});
