/** Device wall-clock time in ms; passed in so tests control time (same shape as the reading screen's Clock). */
export interface Clock {
  now(): number;
}

export const deviceClock: Clock = { now: () => Date.now() };
