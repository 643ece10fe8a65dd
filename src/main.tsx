/**
 * Entry point. The first chunk carries Preact, the stores and the reading
 * screen, nothing of RxDB: its chunk is requested first thing (the import
 * below comes before every other module is evaluated) and the database opens
 * as soon as it has loaded. Meanwhile a tablet already set up shows the
 * reading screen from the snapshot of what it showed last time. After first
 * paint: the service worker and the request to keep storage.
 */
import { readingDatabase } from './ui/readings/start-reading-database.ts';
import { render } from 'preact';
import { App } from './app.tsx';
import { registerServiceWorker } from './pwa/register-service-worker.ts';
import { requestPersistentStorage } from './pwa/storage-persistence.ts';
import { browserStorage } from './state/key-value-storage.ts';
import { createDraftStore } from './state/draft-store.ts';
import { createSessionStore } from './state/session-store.ts';
import { createUiStore } from './state/ui-store.ts';
import { readingSnapshots } from './ui/readings/reading-snapshot.ts';
import './ui/styles.css';

const openFloorDatabase = () => readingDatabase.then((m) => m.openFloorDatabase({}));
let opening: ReturnType<typeof openFloorDatabase> | null = openFloorDatabase();
// The app handles a failure (storage error screen); until it has subscribed, this keeps the browser
// from reporting the rejection as unhandled.
opening.catch(() => undefined);

/**
 * The app's first ask gets the open started above; it asks again only after that failed ("Try
 * again" on the storage screen, storage freed), and then the database is opened afresh: handing
 * back the same failed promise would fail every retry and lose what the screen keeps.
 */
function openDb(): ReturnType<typeof openFloorDatabase> {
  const first = opening;
  opening = null;
  return first ?? openFloorDatabase();
}

/** Ids need randomness that two tablets cannot share: the platform's CSPRNG, not Math.random. */
function secureRandom(): number {
  const buf = new Uint32Array(1);
  crypto.getRandomValues(buf);
  return (buf[0] ?? 0) / 2 ** 32;
}

const clock = { now: () => Date.now() };
const storage = browserStorage();
const session = createSessionStore({ storage, nowMs: clock.now(), random: secureRandom });
const ui = createUiStore();
const snapshots = readingSnapshots(storage);
const drafts = createDraftStore(storage, clock.now);
// A tablet switched off or a tab closed within the snapshot's write delay still keeps it.
window.addEventListener('pagehide', () => snapshots.flush());
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') snapshots.flush();
});

const root = document.getElementById('app');
if (root) render(<App session={session} ui={ui} openDb={openDb} clock={clock} random={secureRandom} snapshots={snapshots} drafts={drafts} />, root);

void requestPersistentStorage();
// After the first screen is up: registration fetches and caches every chunk.
window.addEventListener('load', () => void registerServiceWorker(ui));
