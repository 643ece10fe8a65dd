/**
 * Keeps a wall screen awake with the Screen Wake Lock API.
 *
 * The browser releases a wake lock whenever the page is hidden (another tab,
 * the screen's OSD, a minimised kiosk window) and may release it on low
 * battery, so a lock taken once is not enough for a board that runs for
 * weeks: we ask again each time the page becomes visible and whenever the
 * lock reports `release` while the page is still visible.
 *
 * Feature-detected: where the API is missing (older Chromium, http:// pages
 * that are not localhost, happy-dom) this is a no-op, and a refused request
 * (no user activation yet, power saver) is ignored until the next chance.
 */

interface WakeLockSentinelLike {
  readonly released: boolean;
  release(): Promise<void>;
  addEventListener(type: 'release', listener: () => void): void;
  removeEventListener(type: 'release', listener: () => void): void;
}

export interface WakeLockLike {
  request(type: 'screen'): Promise<WakeLockSentinelLike>;
}

export interface WakeLockHost {
  /** `navigator.wakeLock`, or undefined where unsupported. */
  wakeLock: WakeLockLike | undefined;
  visibilityState(): DocumentVisibilityState;
  onVisibilityChange(listener: () => void): () => void;
}

export function browserWakeLockHost(): WakeLockHost {
  const nav = typeof navigator === 'undefined' ? undefined : (navigator as Navigator & { wakeLock?: WakeLockLike });
  return {
    wakeLock: nav?.wakeLock,
    visibilityState: () => (typeof document === 'undefined' ? 'visible' : document.visibilityState),
    onVisibilityChange(listener) {
      if (typeof document === 'undefined') return () => undefined;
      document.addEventListener('visibilitychange', listener);
      return () => document.removeEventListener('visibilitychange', listener);
    },
  };
}

export interface ScreenWakeLock {
  /** True while a lock is held. */
  held(): boolean;
  /** Releases the lock and stops re-acquiring it. */
  stop(): void;
}

/** Takes the screen wake lock now and keeps taking it again whenever it is lost. */
export function keepScreenAwake(host: WakeLockHost = browserWakeLockHost()): ScreenWakeLock {
  const api = host.wakeLock;
  if (!api || typeof api.request !== 'function') return { held: () => false, stop: () => undefined };
  let sentinel: WakeLockSentinelLike | null = null;
  let stopped = false;
  let pending = false;

  const onRelease = (): void => {
    sentinel?.removeEventListener('release', onRelease);
    sentinel = null;
    // Released while visible (battery saver, a system dialog): ask again at once.
    if (!stopped && host.visibilityState() === 'visible') acquire();
  };

  function acquire(): void {
    if (stopped || pending || (sentinel && !sentinel.released) || host.visibilityState() !== 'visible') return;
    pending = true;
    api?.request('screen').then(
      (s) => {
        pending = false;
        if (stopped) return void s.release().catch(() => undefined);
        sentinel = s;
        s.addEventListener('release', onRelease);
      },
      () => {
        // Refused (no user activation yet, power saver): the next visibility change tries again.
        pending = false;
      },
    );
  }

  const unsubscribe = host.onVisibilityChange(acquire);
  acquire();
  return {
    held: () => !!sentinel && !sentinel.released,
    stop() {
      stopped = true;
      unsubscribe();
      const s = sentinel;
      sentinel = null;
      if (s) {
        s.removeEventListener('release', onRelease);
        void s.release().catch(() => undefined);
      }
    },
  };
}
