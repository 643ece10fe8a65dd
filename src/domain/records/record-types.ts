/**
 * The records Tierboard keeps, in the floor's own words.
 *
 * Every record has a string `id` (a ULID-like, time-sortable id made on the
 * device that created it) so that devices can create records offline without
 * asking anyone. Times are ISO-8601 strings in UTC; production dates are
 * plain `yyyy-MM-dd` strings in the plant's own calendar.
 *
 * Two kinds of record (see collections.ts):
 * - immutable: written once, never edited (readings, check-ins, events).
 *   A correction is a new record that points at the one it supersedes.
 * - mutable: configuration and plans (plants, definitions, objectives...).
 *   They carry a hybrid logical clock per field so that edits from several
 *   devices merge field by field, last writer wins, and the loser is kept.
 */

export type Iso = string;

/** `yyyy-MM-dd` in the plant's own calendar. */
export type ProductionDate = string;

/** Fields every mutable record carries for the field-by-field merge. */
export interface MutableMeta {
  /** Highest hybrid logical clock of any field: the record's version. */
  hlc: string;
  /** Field name -> HLC of the edit that last set it. */
  fieldClocks: Record<string, string>;
  /**
   * Edits that lost a merge, kept so their owner can see and redo them.
   * Never silently dropped (design: "a losing edit is kept where its owner can see it").
   */
  conflicts: LosingEdit[];
}

export interface LosingEdit {
  field: string;
  value: unknown;
  hlc: string;
  /** Device that made the losing edit. */
  deviceId: string;
}
