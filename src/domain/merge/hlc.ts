/**
 * Hybrid logical clock (Kulkarni et al., "Logical Physical Clocks", 2014):
 * orders edits made on several devices without trusting any device's clock.
 *
 * A stamp is wall time (ms) + a counter + the node (device) id. The string form
 *
 *     000001790000000:000000:device-id
 *
 * compares correctly as a plain string: 15 digits of wall ms (enough until the
 * year 33658) and 6 digits of counter, so merge code, SQL `ORDER BY` and
 * IndexedDB indexes can all order stamps without parsing them.
 *
 * Why 6 counter digits: the counter only counts events inside one millisecond
 * of the clock (or while the local clock trails a remote stamp). A million per
 * ms is far beyond any tablet on the line; should it ever overflow, the clock
 * borrows the next millisecond (wall + 1, counter 0) so stamps stay fixed-width
 * and strictly increasing.
 *
 * Pure: `nowMs` is always passed in; the caller owns the real clock.
 * The node id of a device's clock is its device id (merge.ts relies on this to
 * say which device made a losing edit).
 */

export interface HlcState {
  readonly nodeId: string;
  /** Highest wall time this clock has seen, local or remote (ms since epoch). */
  readonly wallMs: number;
  readonly counter: number;
}

export interface ParsedHlc {
  wallMs: number;
  counter: number;
  nodeId: string;
}

/** Field widths of the string form; the header says why 15 and 6. */
const WALL_DIGITS = 15;
const COUNTER_DIGITS = 6;
export const MAX_HLC_WALL = 10 ** WALL_DIGITS - 1;
export const MAX_HLC_COUNTER = 10 ** COUNTER_DIGITS - 1;

/**
 * How far ahead of our own clock a remote stamp may be before we refuse to
 * adopt its wall time: 5 minutes. Quartz clocks drift about 20 ppm, roughly
 * 12 s over a week offline, and devices sync their offset on every reconnect,
 * so honest stamps land far inside this. A stamp beyond it comes from a device
 * whose clock is wrong (set to next year by hand, dead RTC battery). Adopting
 * it would drag every clock in the enterprise into that future and let the one
 * bad tablet win every later merge; refusing the record would drop what a user
 * entered. So: the record keeps its stamp, but our clock does not jump with it
 * (`receive` reports `skewed` so the sync layer can flag that device's clock).
 */
export const MAX_DRIFT_MS = 5 * 60_000;

/** The smallest stamp: sorts before every real stamp. Fields never edited carry no clock at all. */
export const HLC_ZERO = formatHlc({ wallMs: 0, counter: 0, nodeId: '' });

export function createHlc(nodeId: string): HlcState {
  if (nodeId.length === 0) throw new TypeError('createHlc: nodeId must not be empty');
  return { nodeId, wallMs: 0, counter: 0 };
}

export function formatHlc(p: ParsedHlc): string {
  return `${String(p.wallMs).padStart(WALL_DIGITS, '0')}:${String(p.counter).padStart(COUNTER_DIGITS, '0')}:${p.nodeId}`;
}

const HLC_PATTERN = /^(\d{15}):(\d{6}):(.*)$/s;

/** Parse a stamp; throws on anything that is not one (a corrupt record must not be ordered silently). */
export function parseHlc(stamp: string): ParsedHlc {
  const m = HLC_PATTERN.exec(stamp);
  if (!m) throw new TypeError(`parseHlc: not a hybrid logical clock stamp: ${JSON.stringify(stamp)}`);
  return { wallMs: Number(m[1]), counter: Number(m[2]), nodeId: m[3] ?? '' };
}

export function isHlc(value: unknown): value is string {
  return typeof value === 'string' && HLC_PATTERN.test(value);
}

/** Total order: wall, then counter, then node id. Plain string order gives the same answer. */
export function compareHlc(a: string, b: string): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxHlc(a: string, b: string): string {
  return a >= b ? a : b;
}

/** The state's own current stamp (the last one it issued or absorbed). */
export function currentStamp(state: HlcState): string {
  return formatHlc(state);
}

function checkNow(nowMs: number): void {
  if (!Number.isFinite(nowMs) || nowMs < 0 || nowMs > MAX_HLC_WALL) {
    throw new RangeError(`hlc: now must be a finite ms time, got ${nowMs}`);
  }
}

/** Step to (wallMs, counter), borrowing the next ms if the counter overflows. */
function settle(nodeId: string, wallMs: number, counter: number): HlcState {
  if (counter > MAX_HLC_COUNTER) return { nodeId, wallMs: wallMs + 1, counter: 0 };
  return { nodeId, wallMs, counter };
}

/** A local event (an edit on this device): a stamp greater than every stamp this clock has issued or seen. */
export function tick(state: HlcState, nowMs: number): { state: HlcState; stamp: string } {
  checkNow(nowMs);
  const now = Math.floor(nowMs);
  const next = now > state.wallMs ? settle(state.nodeId, now, 0) : settle(state.nodeId, state.wallMs, state.counter + 1);
  return { state: next, stamp: formatHlc(next) };
}

/**
 * Absorb a stamp that arrived from another device, so that our next stamp
 * orders after it. Returns the new state and its stamp (greater than both the
 * old local state and, unless `skewed`, the remote stamp).
 */
export function receive(
  state: HlcState,
  remoteStamp: string,
  nowMs: number,
): { state: HlcState; stamp: string; skewed: boolean } {
  checkNow(nowMs);
  const now = Math.floor(nowMs);
  const remote = parseHlc(remoteStamp);
  if (remote.wallMs > now + MAX_DRIFT_MS) {
    // See MAX_DRIFT_MS: keep our clock honest, still move forward.
    return { ...tick(state, now), skewed: true };
  }
  const wall = Math.max(state.wallMs, remote.wallMs, now);
  let counter: number;
  if (wall === state.wallMs && wall === remote.wallMs) counter = Math.max(state.counter, remote.counter) + 1;
  else if (wall === state.wallMs) counter = state.counter + 1;
  else if (wall === remote.wallMs) counter = remote.counter + 1;
  else counter = 0;
  const next = settle(state.nodeId, wall, counter);
  return { state: next, stamp: formatHlc(next), skewed: false };
}
