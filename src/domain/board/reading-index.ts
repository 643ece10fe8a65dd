/**
 * The plant board's index over KPI readings: which reading counts for each
 * shift slot, and the SQDCP status counts per category and production date.
 *
 * A *slot* is (KPI, line, shift, production date): the place one reading
 * belongs. Readings are immutable and a correction supersedes an earlier
 * reading, so the reading that counts for a slot is the newest of the
 * readings nobody superseded ("newest" by the device time corrected with its
 * measured clock offset, i.e. server time; ties by id, which is time-sortable).
 * Two tablets that both entered the same shift offline leave two candidates;
 * the later tap wins, the other stays in `candidates` so nothing is dropped.
 *
 * Production dates come from the reading itself (`productionDate`, stamped by
 * the shift calendar in the plant's time zone), never from a UTC timestamp: a
 * night shift in Chicago that ends at 06:00 on the 1st is still the 31st's.
 *
 * Two ways in, one result (a property test holds them equal):
 * - buildBoardIndex: the batch pass used at start-up (supersede pointers first,
 *   then one grouping pass).
 * - indexReading: one reading arriving live, in any order (a correction may
 *   arrive before what it corrects after a sync). Touches one or two slots.
 *
 * The index is mutable on purpose: with 80,000 readings a copy per live
 * reading would cost more than the whole rest of the board. Whoever holds it
 * owns it (board-state.ts).
 *
 * Definitions are read when a slot is counted; after an admin edits a
 * definition's category or thresholds, rebuild the index (a rare event).
 */
import { kpiStatus, type KpiStatus } from '../kpi-status.ts';
import type { KpiDefinition, KpiReading, ProductionDate, SqdcpCategory } from '../types.ts';

export type DefinitionsById = ReadonlyMap<string, KpiDefinition>;

export interface StatusCounts {
  green: number;
  amber: number;
  red: number;
}

export interface ReadingSlot {
  readonly key: string;
  readonly kpiId: string;
  readonly productionDate: ProductionDate;
  /** Readings of this slot that no other reading supersedes; usually exactly one. */
  candidates: KpiReading[];
  /** The reading that counts, or null when every candidate was superseded. */
  winner: KpiReading | null;
  /** What this slot currently adds to the category counts (so it can be taken back). */
  counted: { category: SqdcpCategory; status: Exclude<KpiStatus, 'none'> } | null;
}

export interface BoardIndex {
  /** Readings of other plants are ignored; null takes every plant's (enterprise views). */
  readonly plantId: string | null;
  readonly slots: Map<string, ReadingSlot>;
  /** `kpiId|date` -> that KPI's slots on that production date (lines x shifts). */
  readonly kpiDays: Map<string, ReadingSlot[]>;
  /** `category|date` -> how many slots are green, amber, red. */
  readonly categoryDays: Map<string, StatusCounts>;
  /** Every reading id seen -> its slot, or null (superseded, unknown KPI). Makes re-sent readings harmless. */
  readonly slotOfReading: Map<string, ReadingSlot | null>;
  /** Ids some reading supersedes, including ids not seen yet. */
  readonly superseded: Set<string>;
}

export const NO_COUNTS: Readonly<StatusCounts> = Object.freeze({ green: 0, amber: 0, red: 0 });

export function slotKey(r: Pick<KpiReading, 'kpiId' | 'lineId' | 'shiftCode' | 'productionDate'>): string {
  return `${r.kpiId}|${r.lineId}|${r.shiftCode}|${r.productionDate}`;
}

export function kpiDayKey(kpiId: string, date: ProductionDate): string {
  return `${kpiId}|${date}`;
}

export function categoryDayKey(category: SqdcpCategory, date: ProductionDate): string {
  return `${category}|${date}`;
}

/** Server time of the tap: device time plus the offset measured when it was recorded. */
export function readingServerMs(r: Pick<KpiReading, 'recordedAt' | 'clockOffsetMs'>): number {
  const t = Date.parse(r.recordedAt);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t + (Number.isFinite(r.clockOffsetMs) ? r.clockOffsetMs : 0);
}

/** Positive when `a` is newer than `b`. */
export function compareReadings(a: KpiReading, b: KpiReading): number {
  const d = readingServerMs(a) - readingServerMs(b);
  if (d !== 0 && !Number.isNaN(d)) return d;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function newest(candidates: readonly KpiReading[]): KpiReading | null {
  let best: KpiReading | null = null;
  for (const c of candidates) if (best === null || compareReadings(c, best) > 0) best = c;
  return best;
}

function emptyIndex(plantId: string | null): BoardIndex {
  return { plantId, slots: new Map(), kpiDays: new Map(), categoryDays: new Map(), slotOfReading: new Map(), superseded: new Set() };
}

function uncount(index: BoardIndex, slot: ReadingSlot): void {
  if (!slot.counted) return;
  const counts = index.categoryDays.get(categoryDayKey(slot.counted.category, slot.productionDate));
  if (counts) counts[slot.counted.status] -= 1;
  slot.counted = null;
}

function count(index: BoardIndex, slot: ReadingSlot, def: KpiDefinition | undefined): void {
  slot.counted = null;
  if (!slot.winner || !def) return;
  const status = kpiStatus(def, slot.winner.value);
  if (status === 'none') return;
  const key = categoryDayKey(def.category, slot.productionDate);
  let counts = index.categoryDays.get(key);
  if (!counts) index.categoryDays.set(key, (counts = { green: 0, amber: 0, red: 0 }));
  counts[status] += 1;
  slot.counted = { category: def.category, status };
}

function slotFor(index: BoardIndex, r: KpiReading): ReadingSlot {
  const key = slotKey(r);
  let slot = index.slots.get(key);
  if (!slot) {
    slot = { key, kpiId: r.kpiId, productionDate: r.productionDate, candidates: [], winner: null, counted: null };
    index.slots.set(key, slot);
    const dayKey = kpiDayKey(r.kpiId, r.productionDate);
    const day = index.kpiDays.get(dayKey);
    if (day) day.push(slot);
    else index.kpiDays.set(dayKey, [slot]);
  }
  return slot;
}

function inPlant(index: BoardIndex, r: KpiReading): boolean {
  return index.plantId === null || r.plantId === index.plantId;
}

/** The batch pass: supersede pointers first, then every reading into its slot, then the counts. */
export function buildBoardIndex(readings: readonly KpiReading[], defsById: DefinitionsById, plantId: string | null): BoardIndex {
  const index = emptyIndex(plantId);
  for (const r of readings) if (r.supersedes && inPlant(index, r)) index.superseded.add(r.supersedes);
  for (const r of readings) {
    if (!inPlant(index, r) || index.slotOfReading.has(r.id)) continue;
    if (index.superseded.has(r.id) || !defsById.has(r.kpiId)) {
      index.slotOfReading.set(r.id, null);
      continue;
    }
    const slot = slotFor(index, r);
    slot.candidates.push(r);
    if (slot.winner === null || compareReadings(r, slot.winner) > 0) slot.winner = r;
    index.slotOfReading.set(r.id, slot);
  }
  for (const slot of index.slots.values()) count(index, slot, defsById.get(slot.kpiId));
  return index;
}

function recount(index: BoardIndex, slot: ReadingSlot, defsById: DefinitionsById): void {
  uncount(index, slot);
  slot.winner = newest(slot.candidates);
  count(index, slot, defsById.get(slot.kpiId));
}

/**
 * One reading arriving live. Returns the slots whose winner may have changed
 * (none for a re-sent reading; two when a correction lands in another slot
 * than the reading it corrects). Cost: the size of those slots, not the index.
 */
export function indexReading(index: BoardIndex, r: KpiReading, defsById: DefinitionsById): ReadingSlot[] {
  if (!inPlant(index, r) || index.slotOfReading.has(r.id)) return [];
  const changed: ReadingSlot[] = [];
  if (r.supersedes && !index.superseded.has(r.supersedes)) {
    index.superseded.add(r.supersedes);
    const old = index.slotOfReading.get(r.supersedes);
    if (old) {
      old.candidates = old.candidates.filter((c) => c.id !== r.supersedes);
      index.slotOfReading.set(r.supersedes, null);
      recount(index, old, defsById);
      changed.push(old);
    }
  }
  if (index.superseded.has(r.id) || !defsById.has(r.kpiId)) {
    index.slotOfReading.set(r.id, null);
    return changed;
  }
  const slot = slotFor(index, r);
  slot.candidates.push(r);
  index.slotOfReading.set(r.id, slot);
  recount(index, slot, defsById);
  if (!changed.includes(slot)) changed.push(slot);
  return changed;
}

/** The readings that count for one KPI on one production date (one per line and shift). */
export function winnersOn(index: BoardIndex, kpiId: string, date: ProductionDate): KpiReading[] {
  const out: KpiReading[] = [];
  for (const slot of index.kpiDays.get(kpiDayKey(kpiId, date)) ?? []) if (slot.winner) out.push(slot.winner);
  return out;
}

export function categoryCounts(index: BoardIndex, category: SqdcpCategory, date: ProductionDate): Readonly<StatusCounts> {
  return index.categoryDays.get(categoryDayKey(category, date)) ?? NO_COUNTS;
}

/** Definitions by id, keeping only active ones of the plant (plus enterprise-wide ones, plantId ''). */
export function boardDefinitions(definitions: readonly KpiDefinition[], plantId: string | null): Map<string, KpiDefinition> {
  const out = new Map<string, KpiDefinition>();
  for (const d of definitions) {
    if (d.active && (plantId === null || d.plantId === plantId || d.plantId === '')) out.set(d.id, d);
  }
  return out;
}
