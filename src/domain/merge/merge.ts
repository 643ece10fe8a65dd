/**
 * Field-by-field merge of mutable records (plants, definitions, objectives...).
 *
 * Each field carries the hybrid logical clock of the edit that last set it
 * (`fieldClocks`). Merging two copies takes, per field, the value with the
 * higher clock: last writer wins, decided without trusting any device clock.
 * The edit that lost is not thrown away: it goes to `conflicts`, where its
 * owner can see it and redo it (design: "nothing a user entered is ever
 * dropped silently").
 *
 * The conflict list is kept in one canonical form so that the merge is
 * commutative, associative and idempotent (replicas converge whatever order
 * they sync in):
 * - an entry whose value equals the field's current value is dropped (that
 *   value did not lose: it is on screen);
 * - one entry per (field, value): the latest edit that tried to set it;
 * - sorted newest first, at most MAX_CONFLICTS_PER_RECORD entries.
 *
 * The HLC node id of a stamp is the id of the device that made the edit
 * (hlc.ts), which is how a losing edit found by merging is attributed.
 */
import { compareHlc, maxHlc, parseHlc } from './hlc.ts';
import type { LosingEdit, MutableMeta } from '../records/record-types.ts';

/**
 * Cap on kept losing edits per record: 50. A record is synced whole, so an
 * unbounded list (two tablets fighting over one field for weeks) would grow
 * every pull and push of it. Fifty is far more than a person reviews on the
 * conflict screen; the oldest entries go first. Below the cap the merge laws
 * above hold exactly; past it, the newest 50 are kept on every replica.
 */
export const MAX_CONFLICTS_PER_RECORD = 50;

const META_FIELDS: ReadonlySet<string> = new Set(['hlc', 'fieldClocks', 'conflicts']);
/** Fields that identify the record and are never edited or merged. */
const KEY_FIELDS: ReadonlySet<string> = new Set(['id']);

/** JSON with sorted object keys, so equal values give equal strings. `undefined` gives ''. */
export function stableStringify(value: unknown): string {
  if (value === undefined) return '';
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }
    return v;
  });
}

function sameValue(a: unknown, b: unknown): boolean {
  return stableStringify(a) === stableStringify(b);
}

function dataFields(...records: object[]): string[] {
  const keys = new Set<string>();
  for (const r of records) for (const k of Object.keys(r)) if (!META_FIELDS.has(k) && !KEY_FIELDS.has(k)) keys.add(k);
  return [...keys].sort();
}

function deviceOf(stamp: string): string {
  return parseHlc(stamp).nodeId;
}

function compareEntries(a: LosingEdit, b: LosingEdit): number {
  return (
    -compareHlc(a.hlc, b.hlc) ||
    (a.field < b.field ? -1 : a.field > b.field ? 1 : 0) ||
    (a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : 0) ||
    stableStringify(a.value).localeCompare(stableStringify(b.value))
  );
}

/** Put a conflict list in canonical form against the record's current values. */
export function canonicalConflicts(record: Record<string, unknown>, entries: readonly LosingEdit[]): LosingEdit[] {
  const best = new Map<string, LosingEdit>();
  for (const e of entries) {
    if (sameValue(e.value, record[e.field])) continue;
    const key = `${e.field}\u0000${stableStringify(e.value)}`;
    const seen = best.get(key);
    if (!seen || compareEntries(e, seen) < 0) best.set(key, e);
  }
  return [...best.values()].sort(compareEntries).slice(0, MAX_CONFLICTS_PER_RECORD);
}

/**
 * Merge two copies of the same record. `base`, when known (RxDB's assumed
 * master state in a push conflict), is the copy both sides started from: a
 * losing value whose clock is still the base's was not edited by its side,
 * so it is no losing *edit* and is not kept. Without `base` every losing
 * value that differs from the winner is kept (the safe default).
 */
export function mergeMutable<T extends MutableMeta>(local: T, incoming: T, base?: T): T {
  const l = local as unknown as Record<string, unknown>;
  const r = incoming as unknown as Record<string, unknown>;
  if (l.id !== r.id) throw new TypeError(`mergeMutable: different records ${String(l.id)} and ${String(r.id)}`);

  const out: Record<string, unknown> = {};
  if ('id' in l) out.id = l.id;
  const fieldClocks: Record<string, string> = {};
  const losers: LosingEdit[] = [];

  for (const field of dataFields(l, r)) {
    const lc = local.fieldClocks[field];
    const rc = incoming.fieldClocks[field];
    const lv = l[field];
    const rv = r[field];
    // Higher clock wins; a field without a clock was never edited and loses to any edit.
    // Equal clocks mean the same edit, unless the data is corrupt: then the larger
    // value wins, so both replicas still pick the same one.
    const order = compareHlc(lc ?? '', rc ?? '') || (stableStringify(lv) >= stableStringify(rv) ? 1 : -1);
    const [winValue, winClock, loseValue, loseClock] = order > 0 ? [lv, lc, rv, rc] : [rv, rc, lv, lc];
    if (winValue !== undefined) out[field] = winValue;
    if (winClock !== undefined) fieldClocks[field] = winClock;
    const editedSinceBase = base === undefined || base.fieldClocks[field] !== loseClock;
    if (loseClock !== undefined && loseClock !== winClock && editedSinceBase && !sameValue(loseValue, winValue)) {
      losers.push({ field, value: loseValue, hlc: loseClock, deviceId: deviceOf(loseClock) });
    }
  }

  out.fieldClocks = fieldClocks;
  out.hlc = maxHlc(local.hlc, incoming.hlc);
  out.conflicts = canonicalConflicts(out, [...local.conflicts, ...incoming.conflicts, ...losers]);
  return out as unknown as T;
}

export type DataFields<T extends MutableMeta> = Omit<T, keyof MutableMeta | 'id'>;

/**
 * Apply a local edit: each changed field takes `hlcStamp` as its clock.
 * Fields whose value does not change keep their clock (re-saving a form must
 * not make it win merges it has no business winning). If a field already
 * holds a later edit (only possible after a clock-skewed remote edit, see
 * hlc.ts MAX_DRIFT_MS), this edit loses at once and is kept in `conflicts`,
 * exactly as a merge would decide.
 */
export function stampEdit<T extends MutableMeta>(
  record: T,
  changes: Partial<DataFields<T>>,
  hlcStamp: string,
  deviceId: string,
): T {
  if (deviceOf(hlcStamp) !== deviceId) {
    throw new TypeError(`stampEdit: stamp ${hlcStamp} was not issued by device ${deviceId}'s clock`);
  }
  const out: Record<string, unknown> = { ...(record as unknown as Record<string, unknown>) };
  const fieldClocks = { ...record.fieldClocks };
  const losers: LosingEdit[] = [];
  for (const [field, value] of Object.entries(changes as Record<string, unknown>)) {
    if (META_FIELDS.has(field) || KEY_FIELDS.has(field)) throw new TypeError(`stampEdit: ${field} cannot be edited`);
    if (sameValue(value, out[field])) continue;
    const current = fieldClocks[field];
    if (current === undefined || compareHlc(hlcStamp, current) > 0) {
      out[field] = value;
      fieldClocks[field] = hlcStamp;
    } else {
      losers.push({ field, value, hlc: hlcStamp, deviceId });
    }
  }
  out.fieldClocks = fieldClocks;
  out.hlc = maxHlc(record.hlc, hlcStamp);
  out.conflicts = canonicalConflicts(out, [...record.conflicts, ...losers]);
  return out as unknown as T;
}

/** A new record made on this device: every field stamped with the creating edit's clock. */
export function createMutable<T extends MutableMeta>(fields: Omit<T, keyof MutableMeta>, hlcStamp: string): T {
  const fieldClocks: Record<string, string> = {};
  for (const k of Object.keys(fields)) if (!KEY_FIELDS.has(k)) fieldClocks[k] = hlcStamp;
  return { ...fields, hlc: hlcStamp, fieldClocks, conflicts: [] } as unknown as T;
}

/** Losing edits of one field, newest first, for the "your edit was overwritten" screen. */
export function conflictsOf(record: MutableMeta, field: string): LosingEdit[] {
  return record.conflicts.filter((c) => c.field === field);
}
