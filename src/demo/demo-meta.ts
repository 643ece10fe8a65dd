import type { MutableMeta } from '../domain/records/record-types.ts';

/**
 * The clock stamp every demo record carries. All zeros sorts before any
 * real edit, so the first real change on any device wins over the demo
 * value in the field-by-field merge, as it should.
 */
export const DEMO_HLC = '000000000000000:000000:demo';

/** A fresh meta block per record, so callers may mutate records freely. */
export function demoMeta(): MutableMeta {
  return { hlc: DEMO_HLC, fieldClocks: {}, conflicts: [] };
}

/** When the demo devices were enrolled (fixed: the demo has no clock). */
export const DEMO_ENROLLED_AT = '2026-01-05T08:00:00.000Z';
