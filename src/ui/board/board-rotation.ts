/**
 * Which page is up, and who decides: the rotation (each page for the plant's
 * dwell time) or a supervisor running a tier meeting (any key of a
 * presentation remote, or a touch, takes over; two minutes without input hands
 * the board back). Pure: time is passed in, so tests and the board's one
 * 1-second tick drive it alike.
 */
export interface RotationState {
  index: number;
  /** When the current page came up (ms). */
  shownAtMs: number;
  meeting: boolean;
  /** Last key or touch in meeting mode (ms). */
  lastInputMs: number;
}

export function startRotation(nowMs: number): RotationState {
  return { index: 0, shownAtMs: nowMs, meeting: false, lastInputMs: 0 };
}

function wrap(index: number, pages: number): number {
  return pages <= 0 ? 0 : ((index % pages) + pages) % pages;
}

/** The clock moved on: turn the page when its time is up, leave meeting mode when idle. */
export function rotationTick(s: RotationState, nowMs: number, pages: number, dwellMs: number, meetingIdleMs: number): RotationState {
  let next = s.index >= pages ? { ...s, index: wrap(s.index, pages) } : s;
  if (next.meeting) {
    if (nowMs - next.lastInputMs < meetingIdleMs) return next;
    next = { ...next, meeting: false, shownAtMs: nowMs };
  }
  if (nowMs - next.shownAtMs >= dwellMs && pages > 1) return { ...next, index: wrap(next.index + 1, pages), shownAtMs: nowMs };
  return next;
}

/** A key or touch: meeting mode on (rotation pauses), optionally stepping by `step` pages. */
export function takeOver(s: RotationState, nowMs: number, pages: number, step: -1 | 0 | 1 = 0): RotationState {
  return { index: wrap(s.index + step, pages), shownAtMs: nowMs, meeting: true, lastInputMs: nowMs };
}

/** Back to rotating at once (Esc, or the Resume button). */
export function resumeRotation(s: RotationState, nowMs: number): RotationState {
  return { ...s, meeting: false, shownAtMs: nowMs };
}

/** Keys a presentation remote or keyboard sends, as page steps. */
export function keyStep(key: string): -1 | 1 | 0 | null {
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
    case 'PageDown':
      return 1;
    case 'ArrowLeft':
    case 'ArrowUp':
    case 'PageUp':
      return -1;
    case 'Escape':
      return null;
    default:
      return 0;
  }
}
