/**
 * The benchmark's baseline: the smallest Preact page, served by the same
 * vite-plugin-pwa service worker setup as the app, plus a raw Dexie table to
 * time a plain `put` of the same reading record the app saves.
 */
import { render } from 'preact';
import { Dexie, type Table } from 'dexie';
import { Workbox } from 'workbox-window';

const db = new Dexie('baseline-raw');
db.version(1).stores({ readings: 'id' });
const readings = (db as unknown as { readings: Table<{ id: string }, string> }).readings;

declare global {
  interface Window {
    rawPut: (record: { id: string }) => Promise<number>;
    nextRecord: { id: string } | null;
  }
}

// Time to durable: Dexie's put resolves after the IndexedDB transaction completed.
window.rawPut = async (record) => {
  const start = performance.now();
  await readings.put(record);
  return performance.now() - start;
};

// The same tap the app gets: a real click on a Save button, durable when the put resolves,
// marked with the same performance mark the app sets.
window.nextRecord = null;
function save(): void {
  const record = window.nextRecord;
  if (!record) return;
  void readings.put(record).then(() => performance.mark('tb-reading-durable'));
}

function Page() {
  return (
    <button type="button" data-testid="pad-save" onClick={save}>
      Save
    </button>
  );
}

render(<Page />, document.getElementById('app') as HTMLElement);
performance.mark('tb-interactive');
if ('serviceWorker' in navigator) void new Workbox('/sw.js').register();
