import { describe, expect, it } from 'vitest';
import { browserConnectivity, manualConnectivity } from './connectivity.ts';

describe('connectivity', () => {
  it('[C-O3] is offline when the browser says so or the last request failed', () => {
    const c = manualConnectivity(true);
    const seen: boolean[] = [];
    c.subscribe((v) => seen.push(v));
    c.reportRequest(false);
    expect(c.isOnline()).toBe(false);
    c.reportRequest(true);
    c.setBrowserOnline(false);
    c.reportRequest(true);
    expect(c.isOnline()).toBe(false);
    c.setBrowserOnline(true);
    expect(seen).toEqual([false, true, false, true]);
  });

  it('[C-B3] follows the window online and offline events', () => {
    const listeners = new Map<string, () => void>();
    const win = {
      navigator: { onLine: false },
      addEventListener: (t: 'online' | 'offline', l: () => void) => void listeners.set(t, l),
      removeEventListener: (t: 'online' | 'offline') => void listeners.delete(t),
    };
    const c = browserConnectivity(win);
    expect(c.isOnline()).toBe(false);
    listeners.get('online')?.();
    expect(c.isOnline()).toBe(true);
    listeners.get('offline')?.();
    expect(c.isOnline()).toBe(false);
    c.dispose();
    expect(listeners.size).toBe(0);
  });
});
