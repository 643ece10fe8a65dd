/**
 * The app shell: opens the local database, then shows first-start setup
 * (lazy) or the reading screen (main chunk), with the update banner, the
 * confirmations, the About/Device panel (lazy) and the blocking storage
 * screen on top. On a tablet already set up, the reading screen shows at once
 * from the snapshot of what it showed last time, while RxDB loads and opens
 * (see reading-snapshot.ts); without a snapshot it waits for the database.
 */
import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import type { FloorDatabase, TierboardDatabase } from './db/database.ts';
import { storageFailure } from './db/storage-errors.ts';
import { createDraftStore, type DraftStore } from './state/draft-store.ts';
import { memoryStorage } from './state/key-value-storage.ts';
import type { SessionStore } from './state/session-store.ts';
import type { UiStore } from './state/ui-store.ts';
import { useStore } from './state/use-store.ts';
import { t } from './ui/i18n/t.ts';
import type { LineSetup } from './db/readings/reading-data.ts';
import { afterInteractive } from './ui/readings/readiness.ts';
import type { Clock } from './domain/time/clock.ts';
import { ReadingScreen } from './ui/readings/reading-screen.tsx';
import { deferredReadingData, retryableOpen } from './db/readings/deferred-reading-data.ts';
import type { ReadingData } from './db/readings/reading-data.ts';
import type { ReadingSnapshot, ReadingSnapshots } from './ui/readings/reading-snapshot.ts';
import { lazyScreen } from './ui/shell/lazy.tsx';
import { Toasts } from './ui/shell/toasts.tsx';
import { UpdateBanner } from './ui/shell/update-banner.tsx';
import { languageStore } from './ui/i18n/language.ts';
import type { FloorView } from './ui/floor/floor-screens.tsx';
import { fm } from './ui/floor/floor-messages.ts';

const SetupScreen = lazyScreen(() => import('./ui/setup/setup-screen.tsx').then((m) => m.SetupScreen));
const AboutPanel = lazyScreen(() => import('./ui/about/about-panel.tsx').then((m) => m.AboutPanel));
// The floor's other screens (problems, handover), its navigation and the plant board load after the reading screen is up.
const FloorNav = lazyScreen(() => import('./ui/floor/floor-screens.tsx').then((m) => m.FloorNav), { quiet: true });
const FloorScreen = lazyScreen(() => import('./ui/floor/floor-screens.tsx').then((m) => m.FloorScreen));
const BoardRoute = lazyScreen(() => import('./ui/board/board-route.tsx').then((m) => m.BoardRoute));
/** `#board` opens the plant board (a kiosk URL for a screen set up with the demo data, or the tablet's "Plant board"). */
const boardRequested = (): boolean => typeof location !== 'undefined' && /^#board(\?|$)/.test(location.hash);
const leaveBoard = (): void => {
  history.replaceState(null, '', location.pathname + location.search);
  location.reload();
};
// Sync loads after the local database is open and renders nothing until it is ready:
// the floor never waits on it, and its code stays out of the first chunk.
const loadSyncDock = () => import('./ui/sync/sync-dock.tsx').then((m) => m.SyncDock);
// Out of the first screen's chunk, and fetched as soon as that screen is up (below), so it is in
// memory before a full disk could make anything else hard to load.
const loadStorageErrorScreen = () => import('./ui/shell/storage-error-screen.tsx').then((m) => m.StorageErrorScreen);
const StorageErrorScreen = lazyScreen(loadStorageErrorScreen, { quiet: true });
// The screen's RxDB queries live with RxDB, in the chunk main.tsx starts loading first.
const liveReadingData = (db: FloorDatabase): Promise<ReadingData> =>
  import('./ui/readings/reading-database.ts').then((m) => m.rxReadingData(db));

export interface AppProps {
  session: SessionStore;
  ui: UiStore;
  /**
   * The reading screen's collections first; the others open once that screen is up (or setup needs them).
   * Asked again only after a failed open (the storage screen's "Try again"): it must then open anew.
   */
  openDb(): Promise<FloorDatabase>;
  clock: Clock;
  random: () => number;
  /** Component tests of the floor screens run without the sync client. */
  withSync?: boolean;
  /** What the reading screen showed last time; without it every start waits for the database. */
  snapshots?: ReadingSnapshots;
  /** Unsaved typing (handover, escalation steps, corrections) kept per person; in memory without it. */
  drafts?: DraftStore;
}

export function App({ session, ui, openDb, clock, random, withSync = true, snapshots, drafts: given }: AppProps) {
  const [drafts] = useState(() => given ?? createDraftStore(memoryStorage(), clock.now));
  // Asked once while it opens or is open (main.tsx started it before the first render); a failed open is
  // asked again by the next request, so "Try again" on the storage screen can still write what waited.
  const [database] = useState(() => {
    const open = retryableOpen(openDb);
    open().catch(() => undefined); // reported by the layout effect below
    return open;
  });
  // Read once, for the plant and line the tablet starts at; a line chosen later waits for the database.
  const [start] = useState<ReadingSnapshot | null>(() => {
    const { plantId, lineId } = session.getState();
    return snapshots && plantId && lineId ? snapshots.read(plantId, lineId, clock.now()) : null;
  });
  const [db, setDb] = useState<FloorDatabase | null>(null);
  const [fullDb, setFullDb] = useState<TierboardDatabase | null>(null);
  const [aboutOpen, setAboutOpen] = useState(false);
  const plantId = useStore(session, (s) => s.plantId);
  const lineId = useStore(session, (s) => s.lineId);
  const problem = useStore(ui, (s) => s.storageProblem);
  const deviceKind = useStore(session, (s) => s.deviceKind);
  // Every screen re-renders in place on a language switch: nothing is remounted, so no input is lost.
  useStore(languageStore, (s) => s.language);
  const [SyncDock, setSyncDock] = useState<Awaited<ReturnType<typeof loadSyncDock>> | null>(null);
  const lineChosen = Boolean(plantId && lineId);
  // A wall screen shows the plant board; so does a tablet opened at #board (its "Plant board" tab).
  const showBoard = Boolean(plantId) && (deviceKind === 'wall_screen' || boardRequested());

  // The other collections (setup, About, sync) open after the reading screen is up, so they never
  // delay it; setup needs them at once.
  useEffect(() => {
    if (!db) return;
    let alive = true;
    const reportProblem = (err: unknown) =>
      ui.getState().reportStorageProblem({ ...storageFailure(err), keptEntry: '', retry: null });
    const openRest = () => {
      void loadStorageErrorScreen();
      return db.allCollections().then((all) => alive && setFullDb(all), reportProblem);
    };
    // The board and setup need every collection at once; only the reading screen goes first.
    const cancel = lineChosen && !showBoard ? afterInteractive(() => void openRest()) : (void openRest(), () => undefined);
    return () => {
      alive = false;
      cancel();
    };
  }, [db, lineChosen, showBoard, ui]);

  useEffect(() => {
    if (!fullDb || !withSync) return;
    let alive = true;
    loadSyncDock().then(
      (c) => alive && setSyncDock(() => c),
      (err: unknown) => ui.getState().showToast('error', String(err)),
    );
    return () => {
      alive = false;
    };
  }, [fullDb, withSync, ui]);

  // A layout effect: the database is usually opening already (main.tsx starts it before the first
  // render); waiting for the first paint here would only add a frame to the start.
  useLayoutEffect(() => {
    let alive = true;
    const open = () => database().then((opened) => void (alive && setDb(opened)));
    open().catch((err: unknown) => ui.getState().reportStorageProblem({ ...storageFailure(err), keptEntry: '', retry: open }));
    return () => {
      alive = false;
    };
    // database never changes (a state without setter) and ui is the app's one store: this runs once.
  }, [database, ui]);

  // The snapshot serves only the start, until the database is open (a line chosen again later waits for it).
  const startHere = !db && start && start.setup.plant.id === plantId && start.setup.line.id === lineId ? start : null;
  let content;
  if (showBoard) {
    content = (
      <>
        {fullDb ? <BoardRoute db={fullDb} session={session} ui={ui} clock={clock} /> : <p class="loading" aria-busy="true">{t('app.loading')}</p>}
        {deviceKind !== 'wall_screen' && lineChosen && (
          <button type="button" class="btn board-back" data-testid="board-back" onClick={leaveBoard}>
            {fm('nav.back')}
          </button>
        )}
      </>
    );
  } else if (!lineChosen) content = fullDb ? <SetupScreen db={fullDb} session={session} ui={ui} /> : <p class="loading" aria-busy="true">{t('app.loading')}</p>;
  else if (!db && !startHere) content = <p class="loading" aria-busy="true">{t('app.loading')}</p>;
  else
    content = (
      <LineScreen
        key={`${plantId}/${lineId}`}
        database={database}
        start={startHere}
        snapshots={snapshots}
        drafts={drafts}
        session={session}
        ui={ui}
        clock={clock}
        random={random}
        onAbout={() => setAboutOpen(true)}
        fullDb={fullDb}
      />
    );

  return (
    <div class="app">
      <UpdateBanner ui={ui} />
      {content}
      {aboutOpen && fullDb && <AboutPanel db={fullDb} session={session} ui={ui} onClose={() => setAboutOpen(false)} />}
      {SyncDock && fullDb && <SyncDock db={fullDb} session={session} ui={ui} />}
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
  database: () => Promise<FloorDatabase>;
  /** Shown until the database answers; null: wait for it. */
  start: ReadingSnapshot | null;
  snapshots: ReadingSnapshots | undefined;
  drafts: DraftStore;
  session: SessionStore;
  ui: UiStore;
  clock: Clock;
  random: () => number;
  onAbout(): void;
  /** All collections, once open: the floor's other screens need them. */
  fullDb: TierboardDatabase | null;
}

function LineScreen({ database, start, snapshots, drafts, session, ui, clock, random, onAbout, fullDb }: LineScreenProps) {
  const [view, setView] = useState<FloorView>('readings');
  const deviceKind = useStore(session, (s) => s.deviceKind);
  // One data object for the screen's whole life: it serves the snapshot first and the live database
  // once open, so the screen is never remounted (an open pad keeps what was typed).
  const data = useMemo(() => deferredReadingData(() => database().then(liveReadingData)), [database]);
  const [setup, setSetup] = useState<LineSetup | null>(() => start?.setup ?? null);
  useLayoutEffect(() => {
    const { plantId, lineId } = session.getState();
    let alive = true;
    const load = () =>
      data.loadLineSetup(plantId, lineId).then((loaded) => {
        if (!alive) return;
        // The chosen plant or line is not in this tablet's data (storage cleared, line removed): set up again.
        if (!loaded) session.getState().choosePlant('');
        else setSetup(loaded);
      });
    load().catch((err: unknown) => ui.getState().reportStorageProblem({ ...storageFailure(err), keptEntry: '', retry: load }));
    return () => {
      alive = false;
    };
  }, [data, session, ui]);
  if (!setup) return <p class="loading" aria-busy="true">{t('app.loading')}</p>;
  const floor = fullDb ? { db: fullDb, setup, session, ui, clock, random, deviceKind, drafts } : null;
  const openBoard = (): void => {
    const go = () => {
      location.hash = '#board';
      location.reload();
    };
    // A reading still being written (or a pad still open) would be lost to the reload: go once it is finished.
    if (!ui.getState().entryInProgress) return go();
    const stop = ui.subscribe((s) => {
      if (s.entryInProgress) return;
      stop();
      go();
    });
  };
  return (
    <>
      {floor && <FloorNav {...floor} view={view} onView={setView} onBoard={openBoard} />}
      {view !== 'readings' && floor ? (
        <FloorScreen {...floor} view={view} onDone={() => setView('readings')} />
      ) : (
        <ReadingScreen
          setup={setup}
          data={data}
          session={session}
          ui={ui}
          clock={clock}
          random={random}
          onAbout={onAbout}
          drafts={drafts}
          initial={start}
          onShown={snapshots?.record}
        />
      )}
    </>
  );
}
