/**
 * How a plant runs its wall screen. The Plant record has no board fields
 * (yet), so these live here with defaults; a kiosk URL can override them
 * (`#board?dwell=30&stale=120`, see board-route.tsx) until plant admin
 * screens store them per plant.
 */
export interface BoardSettings {
  /** How long each page stays up while rotating. */
  dwellMs: number;
  /** No contact with the sync server for longer than this: the board says so. */
  staleAfterMs: number;
  /** Tile rows per KPI page (a line with more KPIs than columns takes two rows). */
  rowsPerPage: number;
  /** Most tiles side by side in one row. */
  maxColumns: number;
  /** Tier meeting mode hands the board back to rotation after this much idle time. */
  meetingIdleMs: number;
  /** Escalations listed on one page (the rest are counted: "+3 more"). */
  escalationsPerPage: number;
  /** The SQDCP calendar as letters or as plain month grids. */
  calendarLayout: 'letters' | 'grid';
}

export const DEFAULT_BOARD_SETTINGS: Readonly<BoardSettings> = Object.freeze({
  // 20 s: long enough to read a page of 60 tiles on the walk past, short enough that a full
  // round of a 30-line plant (7 pages) comes back within about 2.5 minutes.
  dwellMs: 20_000,
  // 2 minutes: the live stream's heartbeat is 15 s, so this is 8 missed beats, well past a
  // Wi-Fi roam or a server restart, and short enough that a stand-up is not held on old numbers.
  staleAfterMs: 120_000,
  // 6 rows of tiles: 6 lines of up to 10 KPIs fill 1080 lines with tiles about 150 px tall.
  rowsPerPage: 6,
  maxColumns: 10,
  // 2 minutes without a key or touch: the meeting is over.
  meetingIdleMs: 120_000,
  // 8 escalations: the rows stay large enough to read across the hall on a 1080-line screen.
  escalationsPerPage: 8,
  calendarLayout: 'letters',
});

export function boardSettings(over: Partial<BoardSettings> = {}): BoardSettings {
  const out: BoardSettings = { ...DEFAULT_BOARD_SETTINGS };
  for (const [k, v] of Object.entries(over) as [keyof BoardSettings, unknown][]) {
    if (v === undefined) continue;
    if (k === 'calendarLayout') {
      if (v === 'letters' || v === 'grid') out.calendarLayout = v;
    } else if (typeof v === 'number' && Number.isFinite(v) && v > 0) out[k] = v;
  }
  return out;
}
