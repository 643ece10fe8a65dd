/**
 * What each kind of device keeps ([R1]-[R4] in sync-server/SPEC.md, [C-D1]-[C-D3] for the
 * client): one place, so the server's pull and the device's purge agree on the same window.
 *
 * A device keeps a window of production days of the records that pile up with every shift
 * (readings, handover check-ins), plus everything open or unsent whatever its age. After two
 * years a plant has close to 100,000 readings per tablet's scope (the demo's Bochum plant: about
 * 130 a day); the screens of a tablet show at most a month of them.
 *
 * Pure: the caller passes the moment; nothing here reads a clock.
 */
import type { CollectionName } from './collections.ts';
import type { ProductionDate } from './record-types.ts';
import type { DeviceKind } from '../people/people-types.ts';

/**
 * `office`: a desk's device for OKRs, plant comparison and admin. No such device kind is
 * enrolled yet (DeviceKind is tablet or wall screen); its window is here so that the
 * screens being built for it read their history from the server's reports beyond it.
 */
export type RetentionKind = DeviceKind | 'office';

/** Days of production dates a device keeps, per windowed collection. */
export type RetentionWindow = Readonly<Record<WindowedCollection, number>>;

/**
 * The collections a window applies to, and the field that dates a record: its production
 * date, which a correction shares with the reading it corrects, so a correction and its
 * original leave together. Immutable and dated by the shift, they are also what grows.
 * Not windowed: configuration (plants, lines, people, KPI definitions: needed whole), OKRs
 * (few, and open for a cycle), and escalations with their events, whose openness the server
 * cannot tell from the header: they are sent and kept whole (a few a day per plant).
 */
export const WINDOWED_COLLECTIONS = ['kpi_readings', 'handovers'] as const;
export type WindowedCollection = (typeof WINDOWED_COLLECTIONS)[number];
export const WINDOW_DATE_FIELD = 'productionDate';

/**
 * The board's deepest look back: the tiles' 30 days (kpi-tile.ts TILE_WINDOW_DAYS) or the
 * calendar's month from its first day (board-state.ts boardWindow), whichever is earlier:
 * 31 days on the 31st. Every kind that shows the board keeps at least this much
 * (retention.test.ts checks it against boardWindow), so a purge never takes a reading the
 * board or its digest still counts.
 */
export const BOARD_LOOK_BACK_DAYS = 31;

/**
 * Zones: a production date is the plant's local date, the cut-off is worked out from the
 * UTC date. A day of slack on each side keeps every zone's window whole.
 */
const ZONE_SLACK_DAYS = 1;

export const RETENTION: Readonly<Record<RetentionKind, RetentionWindow>> = {
  /**
   * The reading screen needs the current shift, the handover the previous one; the tablet
   * also opens its plant's board (BOARD_LOOK_BACK_DAYS). 35: the board's month plus a
   * few days for a tablet that was off over a long weekend.
   */
  tablet: { kpi_readings: 35, handovers: 35 },
  /**
   * The wall screen's pages: tiles with 30-day trends, the KPI history (30 days), the SQDCP
   * calendar of this month, open escalations. 35 as the tablet; the previous month's
   * calendar is the office's.
   */
  wall_screen: { kpi_readings: 35, handovers: 35 },
  /**
   * OKR screens and plant comparison look back a quarter and compare it with the one
   * before: 190 days (two quarters and slack). Older history comes from the server's
   * report endpoints, not from the device's copy.
   */
  office: { kpi_readings: 190, handovers: 190 },
};

export function isWindowed(collection: CollectionName): collection is WindowedCollection {
  return (WINDOWED_COLLECTIONS as readonly string[]).includes(collection);
}

export function retentionOf(kind: RetentionKind): RetentionWindow {
  return RETENTION[kind];
}

/**
 * The first production date a device of `kind` keeps of `collection` at `now`, or null
 * when the collection is kept whole. Records dated before it are outside the window.
 */
export function retentionCutoff(kind: RetentionKind, collection: CollectionName, now: Date): ProductionDate | null {
  if (!isWindowed(collection)) return null;
  const days = retentionOf(kind)[collection] + ZONE_SLACK_DAYS;
  const utcToday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(utcToday - (days - 1) * 86_400_000).toISOString().slice(0, 10);
}

/** A dated record inside the window (a record with no date is never outside one). */
export function insideWindow(record: { productionDate?: unknown }, cutoff: ProductionDate | null): boolean {
  if (cutoff === null) return true;
  const date = record.productionDate;
  return typeof date !== 'string' || date >= cutoff;
}
