/**
 * Timers as a port, as the clock is: code that waits takes them as a
 * parameter so tests drive time with fakes instead of sleeping.
 */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}
