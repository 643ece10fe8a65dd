/**
 * The app shell: opens the local database, then shows first-start setup
 * (lazy) or the reading screen (main chunk), with the update banner, the
 * confirmations, the About/Device panel (lazy) and the blocking storage
 * screen on top.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { TierboardDatabase } from './db/database.ts';
import { classifyStorageError } from './db/storage-errors.ts';
import type { SessionStore } from './state/session-store.ts';
import type { UiStore } from './state/ui-store.ts';
import { useStore } from './state/use-store.ts';
import { t } from './ui/i18n/t.ts';
import type { LineSetup } from './ui/readings/reading-data.ts';
import { ReadingScreen, type Clock } from './ui/readings/reading-screen.tsx';
import { describeError } from './ui/readings/record-reading.ts';
import { rxReadingData } from './ui/readings/rx-reading-data.ts';
import { lazyScreen } from './ui/shell/lazy.tsx';
import { StorageErrorScreen } from './ui/shell/storage-error-screen.tsx';
import { Toasts } from './ui/shell/toasts.tsx';
import { UpdateBanner } from './ui/shell/update-banner.tsx';

const SetupScreen = lazyScreen(() => import('./ui/setup/setup-screen.tsx').then((m) => m.SetupScreen));
const AboutPanel = lazyScreen(() => import('./ui/about/about-panel.tsx').then((m) => m.AboutPanel));
// Sync loads after the local database is open and renders nothing until it is ready:
// the floor never waits on it, and its code stays out of the first chunk.
const loadSyncDock = () => import('./ui/sync/sync-dock.tsx').then((m) => m.SyncDock);

export interface AppProps {
  session: SessionStore;
  ui: UiStore;
  openDb(): Promise<TierboardDatabase>;
  clock: Clock;
  random: () => number;
  /** Component tests of the floor screens run without the sync client. */
  withSync?: boolean;
}

export function App({ session, ui, openDb, clock, random, withSync = true }: AppProps) {
  const [db, setDb] = useState<TierboardDatabase | null>(null);
  const [aboutOpen, setAboutOpen] = useState(false);
  const plantId = useStore(session, (s) => s.plantId);
  const lineId = useStore(session, (s) => s.lineId);
  const problem = useStore(ui, (s) => s.storageProblem);
  const [SyncDock, setSyncDock] = useState<Awaited<ReturnType<typeof loadSyncDock>> | null>(null);

  useEffect(() => {
    if (!db || !withSync) return;
    let alive = true;
    loadSyncDock().then(
      (c) => alive && setSyncDock(() => c),
      (err: unknown) => ui.getState().showToast('error', String(err)),
    );
    return () => {
      alive = false;
    };
  }, [db]);

  useEffect(() => {
    let alive = true;
    openDb().then(
      (opened) => alive && setDb(opened),
      (err: unknown) =>
        ui.getState().reportStorageProblem({ kind: classifyStorageError(err), detail: describeError(err), keptEntry: '', retry: null }),
    );
    return () => {
      alive = false;
    };
  }, []);

  let content;
  if (!db) content = <p class="loading" aria-busy="true">{t('app.loading')}</p>;
  else if (!plantId || !lineId) content = <SetupScreen db={db} session={session} ui={ui} />;
  else content = <LineScreen key={`${plantId}/${lineId}`} db={db} session={session} ui={ui} clock={clock} random={random} onAbout={() => setAboutOpen(true)} />;

  return (
    <div class="app">
      <UpdateBanner ui={ui} />
      {content}
      {aboutOpen && db && <AboutPanel db={db} session={session} ui={ui} onClose={() => setAboutOpen(false)} />}
      {SyncDock && db && <SyncDock db={db} session={session} ui={ui} />}
      <Toasts ui={ui} />
      {problem && (
        <StorageErrorScreen
          problem={problem}
          onRetried={() => ui.getState().clearStorageProblem()}
          onReload={() => window.location.reload()}
        />
      )}
    </div>
  );
}

interface LineScreenProps {
  db: TierboardDatabase;
  session: SessionStore;
  ui: UiStore;
  clock: Clock;
  random: () => number;
  onAbout(): void;
}

function LineScreen({ db, session, ui, clock, random, onAbout }: LineScreenProps) {
  const data = useMemo(() => rxReadingData(db), [db]);
  const [setup, setSetup] = useState<LineSetup | null>(null);
  useEffect(() => {
    const { plantId, lineId } = session.getState();
    let alive = true;
    data.loadLineSetup(plantId, lineId).then(
      (loaded) => {
        if (!alive) return;
        // The chosen plant or line is not in this tablet's data (storage cleared, line removed): set up again.
        if (!loaded) session.getState().choosePlant('');
        else setSetup(loaded);
      },
      (err: unknown) =>
        ui.getState().reportStorageProblem({ kind: classifyStorageError(err), detail: describeError(err), keptEntry: '', retry: null }),
    );
    return () => {
      alive = false;
    };
  }, [data]);
  if (!setup) return <p class="loading" aria-busy="true">{t('app.loading')}</p>;
  return <ReadingScreen setup={setup} data={data} session={session} ui={ui} clock={clock} random={random} onAbout={onAbout} />;
}
