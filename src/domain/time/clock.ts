/**
 * Time as the rules see it: a port, never the device's clock itself, so every
 * caller passes a clock in and tests move it (the domain has no clock of its own).
 */

/** Device wall-clock time in ms; passed in so tests control time. */
export interface Clock {
  now(): number;
}

/**
 * The device's time (`deviceNowMs`, from a Clock) corrected by the measured
 * offset (server minus device, in ms): the time every record a person makes
 * is stamped with, and anything placed on the server's timeline, so that a
 * tablet whose clock runs ahead does not sort its steps before others'.
 * Rounded to whole ms: the offset is a median of whole-ms samples, but a
 * clock may hand out fractions.
 */
export function correctedNow(deviceNowMs: number, offsetMs: number): number {
  return Math.round(deviceNowMs + offsetMs);
}
