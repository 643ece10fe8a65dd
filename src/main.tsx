/**
 * Entry point: the local database starts opening first (IndexedDB works while
 * the shell renders), then the stores, the app, and after first paint the
 * service worker and the request to keep storage.
 */
import { render } from 'preact';
import { App } from './app.tsx';
import { openFloorDatabase } from './db/database.ts';
import { registerServiceWorker } from './pwa/register-service-worker.ts';
import { requestPersistentStorage } from './pwa/storage-persistence.ts';
import { browserStorage } from './state/key-value-storage.ts';
import { createSessionStore } from './state/session-store.ts';
import { createUiStore } from './state/ui-store.ts';
import './ui/styles.css';

const opening = openFloorDatabase({});
// The app handles a failure (storage error screen); until it has subscribed, this keeps the browser
// from reporting the rejection as unhandled.
opening.catch(() => undefined);

/** Ids need randomness that two tablets cannot share: the platform's CSPRNG, not Math.random. */
function secureRandom(): number {
  const buf = new Uint32Array(1);
  crypto.getRandomValues(buf);
  return (buf[0] ?? 0) / 2 ** 32;
}

const clock = { now: () => Date.now() };
const session = createSessionStore({ storage: browserStorage(), nowMs: clock.now(), random: secureRandom });
const ui = createUiStore();

const root = document.getElementById('app');
if (root) render(<App session={session} ui={ui} openDb={() => opening} clock={clock} random={secureRandom} />, root);

void requestPersistentStorage();
// After the first screen is up: registration fetches and caches every chunk.
window.addEventListener('load', () => void registerServiceWorker(ui));
