/**
 * Opening the board from the app shell: the `#board` route (a kiosk URL, the
 * "Plant board" button) and the screen that wires the app's stores into
 * PlantBoard. A kiosk URL may carry the board settings the Plant record does
 * not hold yet: `#board?dwell=30&stale=120&rows=6&cols=10&idle=120&layout=grid`
 * (seconds for times).
 *
 * The shell mounts it lazily, e.g. in src/app.tsx:
 *   const BoardRoute = lazyScreen(() => import('./ui/board/board-route.tsx').then((m) => m.BoardRoute));
 *   ...
 *   else if (plantId && isBoardHash(location.hash)) content = <BoardRoute db={db} session={session} ui={ui} clock={clock} />;
 */
import type { TierboardDatabase } from '../../db/database.ts';
import type { SessionStore } from '../../state/session-store.ts';
import type { UiStore } from '../../state/ui-store.ts';
import { useStore } from '../../state/use-store.ts';
import { syncStatusStore } from '../../sync/status.ts';
import type { BoardSettings } from './board-settings.ts';
import { PlantBoard, type BoardClock } from './plant-board.tsx';

/** `#board` or `#board?...`. Kept dependency-free so the shell can inline the same check. */
export function isBoardHash(hash: string): boolean {
  return /^#board(\?|$)/.test(hash);
}

export function boardSettingsFromHash(hash: string): Partial<BoardSettings> {
  const q = hash.indexOf('?');
  if (!isBoardHash(hash) || q < 0) return {};
  const params = new URLSearchParams(hash.slice(q + 1));
  const seconds = (name: string) => (params.has(name) ? Number(params.get(name)) * 1000 : undefined);
  const count = (name: string) => (params.has(name) ? Number(params.get(name)) : undefined);
  const out: Partial<BoardSettings> = {};
  const set = <K extends keyof BoardSettings>(k: K, v: BoardSettings[K] | undefined) => {
    if (v !== undefined && (typeof v !== 'number' || (Number.isFinite(v) && v > 0))) out[k] = v;
  };
  set('dwellMs', seconds('dwell'));
  set('staleAfterMs', seconds('stale'));
  set('meetingIdleMs', seconds('idle'));
  set('rowsPerPage', count('rows'));
  set('maxColumns', count('cols'));
  const layout = params.get('layout');
  if (layout === 'letters' || layout === 'grid') out.calendarLayout = layout;
  return out;
}

export interface BoardRouteProps {
  db: TierboardDatabase;
  session: SessionStore;
  ui: UiStore;
  clock: BoardClock;
  /** Defaults to the hash's settings. */
  settings?: Partial<BoardSettings>;
}

const secureRandom = (): number => {
  const buf = new Uint32Array(1);
  crypto.getRandomValues(buf);
  return (buf[0] ?? 0) / 2 ** 32;
};

export function BoardRoute({ db, session, ui, clock, settings }: BoardRouteProps) {
  const plantId = useStore(session, (s) => s.plantId);
  const deviceId = useStore(session, (s) => s.deviceId);
  const deviceKind = useStore(session, (s) => s.deviceKind);
  const personId = useStore(session, (s) => s.personId);
  const fromHash = typeof location === 'undefined' ? {} : boardSettingsFromHash(location.hash);
  return (
    <PlantBoard
      key={plantId}
      db={db}
      plantId={plantId}
      clock={clock}
      syncStatus={syncStatusStore}
      settings={settings ?? fromHash}
      deviceId={deviceId}
      random={secureRandom}
      ui={ui}
      deviceKind={deviceKind}
      signedInPersonId={personId}
    />
  );
}
