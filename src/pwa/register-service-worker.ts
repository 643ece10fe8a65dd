/**
 * Service worker registration and the update offer. The app never reloads
 * itself: a new version is *offered* (ui store `offerUpdate`) and applied only
 * when the person taps Reload (the banner withholds that button mid-entry).
 *
 * A new build is announced two ways by workbox-window, and both are offered:
 * - `waiting`: the page is controlled by the old worker, the new one waits.
 * - `installed` from an *external* worker (a deploy found after this page
 *   registered): on a first visit the page is not controlled yet, so the new
 *   worker activates at once and never waits; a plain reload then loads it.
 */
import type { UiStore } from '../state/ui-store.ts';

export async function registerServiceWorker(ui: UiStore): Promise<void> {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  // Loaded after the reading screen is up: not part of the first paint.
  const { Workbox } = await import('workbox-window');
  const wb = new Workbox(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL });
  const offer = () => ui.getState().offerUpdate(() => void applyUpdate());
  wb.addEventListener('waiting', offer);
  wb.addEventListener('installed', (event) => {
    if (event.isExternal || event.isUpdate) offer();
  });
  await wb.register();
}

/** Activates a waiting worker (if any) and reloads once it has taken over; called only from the Reload tap. */
export async function applyUpdate(): Promise<void> {
  const registration = await navigator.serviceWorker.getRegistration();
  const waiting = registration?.waiting;
  if (!waiting) {
    window.location.reload();
    return;
  }
  let reloaded = false;
  const reloadOnce = () => {
    if (reloaded) return;
    reloaded = true;
    window.location.reload();
  };
  // A controlled page hears controllerchange; an uncontrolled one only sees the worker activate.
  navigator.serviceWorker.addEventListener('controllerchange', reloadOnce, { once: true });
  waiting.addEventListener('statechange', () => {
    if (waiting.state === 'activated') reloadOnce();
  });
  waiting.postMessage({ type: 'SKIP_WAITING' });
}
