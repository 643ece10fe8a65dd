/**
 * Is the server reachable? Two witnesses, and the worse one wins:
 * - the browser's `navigator.onLine` and its online/offline events (cheap, but
 *   a tablet on plant Wi-Fi with a dead WAN link still says "online");
 * - the result of the last request to the sync server (the truth, but only
 *   as fresh as the last request).
 * Passed in (like TanStack Query's onlineManager) so tests decide.
 */

export interface Connectivity {
  /** True when both the browser and the last request say the server is reachable. */
  isOnline(): boolean;
  /** The browser's own view (navigator.onLine): false means no network at all, not just no server. */
  isBrowserOnline(): boolean;
  /** Called with the new value whenever `isOnline()` changes. Returns an unsubscribe. */
  subscribe(listener: (online: boolean) => void): () => void;
  /** The sync client reports each request: reached the server (any HTTP answer) or not. */
  reportRequest(reached: boolean): void;
}

interface BrowserLike {
  navigator: { onLine: boolean };
  addEventListener(type: 'online' | 'offline', listener: () => void): void;
  removeEventListener(type: 'online' | 'offline', listener: () => void): void;
}

function createConnectivity(initialBrowserOnline: boolean): Connectivity & { setBrowserOnline(v: boolean): void } {
  let browserOnline = initialBrowserOnline;
  // Optimistic until a request fails: the first sync attempt finds out.
  let lastRequestReached = true;
  const listeners = new Set<(online: boolean) => void>();
  const current = () => browserOnline && lastRequestReached;
  const change = (fn: () => void) => {
    const before = current();
    fn();
    const after = current();
    if (after !== before) listeners.forEach((l) => l(after));
  };
  return {
    isOnline: current,
    isBrowserOnline: () => browserOnline,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    reportRequest(reached) {
      change(() => {
        lastRequestReached = reached;
      });
    },
    setBrowserOnline(v) {
      change(() => {
        browserOnline = v;
        // A fresh "online" from the browser earns a new chance: the next request decides.
        if (v) lastRequestReached = true;
      });
    },
  };
}

/** Real connectivity from `window` (or any object with the same shape). */
export function browserConnectivity(win: BrowserLike = window): Connectivity & { dispose(): void } {
  const c = createConnectivity(win.navigator.onLine);
  const online = () => c.setBrowserOnline(true);
  const offline = () => c.setBrowserOnline(false);
  win.addEventListener('online', online);
  win.addEventListener('offline', offline);
  return {
    ...c,
    dispose() {
      win.removeEventListener('online', online);
      win.removeEventListener('offline', offline);
    },
  };
}

/** Connectivity a test switches by hand. */
export function manualConnectivity(initiallyOnline = true): Connectivity & { setBrowserOnline(v: boolean): void } {
  return createConnectivity(initiallyOnline);
}
