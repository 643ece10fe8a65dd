/**
 * Shift handover check-in: what the outgoing lead sees, what they hand over,
 * and what the incoming lead must acknowledge.
 *
 * The model, in the floor's terms:
 * - A check-in is the record of the handover at the END of a shift instance:
 *   its plant/line/shift/date are the outgoing shift's. The outgoing lead
 *   writes notes, safety items and the open items carried to the next shift
 *   (items carried in from the previous check-in keep their id and `since`,
 *   so an item's age shows; new ones get `since` = this production date).
 * - The incoming lead reviews them at the tablet, acknowledges each carried
 *   item (`acknowledgedItemIds`: for the incoming lead these are the previous
 *   shift's open items) and signs with their PIN (`incomingLeadId`).
 * - When nobody takes over in person (the next crew starts late, a weekend
 *   gap) the outgoing lead signs alone: `incomingLeadId` '' and nothing
 *   acknowledged. Check-ins are immutable, so the incoming lead acknowledges
 *   later with a second check-in for the same shift instance that repeats the
 *   content and adds their signature (acknowledgeHandover builds it).
 * - Until a check-in of that shift is fully acknowledged it shows on the next
 *   shift's start screen (pendingHandoverFor).
 */
import { englishText, refusal, type Refusal } from '../records/refusal.ts';
import { shiftInstanceKey } from '../shift/shift-calendar.ts';
import { currentReadings } from '../kpi/current-readings.ts';
import type { CarriedItem, HandoverCheckIn } from './handover-types.ts';
import type { KpiDefinition, KpiReading } from '../kpi/kpi-types.ts';
import type { ShiftInstance } from '../shift/shift-types.ts';

/** About a page: a handover is read standing at the line, not a report. */
export const HANDOVER_NOTES_MAX = 4_000;
/** Same as the schema's note length (records/json-schema.ts NOTE_MAX). */
export const HANDOVER_ITEM_MAX = 2_000;
/** Same as the schema's list limit (handover-schemas.ts MAX_HANDOVER_ITEMS). */
export const HANDOVER_ITEMS_MAX = 100;

export interface RecordedKpi {
  definition: KpiDefinition;
  reading: KpiReading;
}

export interface HandoverSummary {
  /** KPIs with a current reading, in the definitions' order. */
  recorded: RecordedKpi[];
  /** KPIs the floor types in that have no reading yet: per shift in this shift, daily on this production date. */
  missing: KpiDefinition[];
  /** KPI id -> value, for the check-in's readingsSnapshot. */
  readingsSnapshot: Record<string, number>;
  /** The previous check-in's open items: each is carried on or marked done by the outgoing lead. */
  carriedIn: CarriedItem[];
}

/**
 * What the outgoing lead sees. `definitions` are the line's KPI definitions;
 * `readings` at least all readings of the line on this production date (daily
 * KPIs count once per production date, whichever shift recorded them).
 * Computed KPIs (a formula) are never "missing": nobody types them in.
 */
export function handoverSummary(
  shift: ShiftInstance,
  definitions: readonly KpiDefinition[],
  readings: readonly KpiReading[],
  previous: HandoverCheckIn | null,
): HandoverSummary {
  const sameDay = readings.filter((r) => r.plantId === shift.plantId && r.lineId === shift.lineId && r.productionDate === shift.productionDate);
  const perShift = currentReadings(sameDay.filter((r) => r.shiftCode === shift.shiftCode));
  const daily = currentReadings(sameDay);
  const recorded: RecordedKpi[] = [];
  const missing: KpiDefinition[] = [];
  for (const definition of definitions) {
    if (!definition.active) continue;
    const reading = (definition.frequency === 'daily' ? daily : perShift).get(definition.id);
    if (reading) recorded.push({ definition, reading });
    else if (definition.formula === null) missing.push(definition);
  }
  const readingsSnapshot: Record<string, number> = {};
  for (const { definition, reading } of recorded) readingsSnapshot[definition.id] = reading.value;
  return { recorded, missing, readingsSnapshot, carriedIn: previous ? [...previous.openItems] : [] };
}

/**
 * The open items to carry to the next shift: the previous check-in's items
 * not marked done (unchanged, so their age shows), then the new ones.
 */
export function openItemsToCarry(
  previous: HandoverCheckIn | null,
  doneIds: readonly string[],
  newTexts: readonly string[],
  shift: Pick<ShiftInstance, 'productionDate'>,
  newId: () => string,
): CarriedItem[] {
  const done = new Set(doneIds);
  const carried = (previous?.openItems ?? []).filter((i) => !done.has(i.id));
  const added = newTexts.map((t) => t.trim()).filter((t) => t !== '').map((text) => ({ id: newId(), text, since: shift.productionDate }));
  return [...carried, ...added];
}

/** Signed by an incoming lead who acknowledged every carried item. */
export function isAcknowledged(checkIn: HandoverCheckIn): boolean {
  const acked = new Set(checkIn.acknowledgedItemIds);
  return checkIn.incomingLeadId !== '' && checkIn.openItems.every((i) => acked.has(i.id));
}

/** The English wording of every handover refusal (the server's and the logs' words). */
export const HANDOVER_REFUSAL_TEXT: Readonly<Record<string, string>> = {
  noOutgoingLead: 'The outgoing lead signs the handover.',
  sameLead: 'The incoming lead must be someone other than the outgoing lead.',
  notesTooLong: 'Notes are limited to {max} characters (now {length}).',
  tooManyItems: 'At most {max} safety items and {max} open items.',
  safetyItemEmpty: 'A safety item is empty.',
  safetyItemTooLong: 'A safety item is longer than {max} characters.',
  openItemEmpty: 'An open item is empty.',
  openItemTooLong: 'An open item is longer than {max} characters.',
  openItemTwice: 'Open item {id} is listed twice.',
  itemDateChanged: '"{text}" is open since {since}; its date cannot change when it is carried on.',
  newItemDate: 'New item "{text}" must be dated {date}.',
  previousOtherLine: 'The previous check-in is from another line.',
  ackWithoutIncomingLead: 'Only the incoming lead acknowledges items.',
  ackUnknownItem: 'Acknowledged item {id} is not among the items handed over.',
  notAcknowledged: 'The incoming lead has not acknowledged "{text}" yet.',
};

/**
 * Why this check-in cannot be signed, as a code the screen words in its
 * language, or null. `previous` is the check-in of the shift before (null when none).
 */
export function handoverRefusal(checkIn: HandoverCheckIn, previous: HandoverCheckIn | null): Refusal | null {
  return checkInRefusal(checkIn, previous, true);
}

/**
 * The same rules for a check-in whose previous check-in is not at hand: the
 * sync server's check of a pushed handover ([A12]). The server has no query
 * by line to find the shift before, so the two rules that compare with it
 * (a carried item keeps its date, a new item is dated today; the previous
 * check-in is of this line) stay the signing tablet's, which had it.
 */
export function handoverRecordRefusal(checkIn: HandoverCheckIn): Refusal | null {
  return checkInRefusal(checkIn, null, false);
}

function checkInRefusal(checkIn: HandoverCheckIn, previous: HandoverCheckIn | null, previousKnown: boolean): Refusal | null {
  if (checkIn.outgoingLeadId === '') return refusal('noOutgoingLead');
  if (checkIn.incomingLeadId === checkIn.outgoingLeadId) return refusal('sameLead');
  if (checkIn.notes.length > HANDOVER_NOTES_MAX) return refusal('notesTooLong', { max: HANDOVER_NOTES_MAX, length: checkIn.notes.length });
  if (checkIn.safetyItems.length > HANDOVER_ITEMS_MAX || checkIn.openItems.length > HANDOVER_ITEMS_MAX) return refusal('tooManyItems', { max: HANDOVER_ITEMS_MAX });
  for (const s of checkIn.safetyItems) {
    if (s.trim() === '') return refusal('safetyItemEmpty');
    if (s.length > HANDOVER_ITEM_MAX) return refusal('safetyItemTooLong', { max: HANDOVER_ITEM_MAX });
  }
  const ids = new Set<string>();
  const before = new Map((previous?.openItems ?? []).map((i) => [i.id, i]));
  for (const item of checkIn.openItems) {
    if (item.text.trim() === '') return refusal('openItemEmpty');
    if (item.text.length > HANDOVER_ITEM_MAX) return refusal('openItemTooLong', { max: HANDOVER_ITEM_MAX });
    if (ids.has(item.id)) return refusal('openItemTwice', { id: item.id });
    ids.add(item.id);
    if (!previousKnown) continue;
    const old = before.get(item.id);
    if (old && old.since !== item.since) return refusal('itemDateChanged', { text: item.text, since: old.since });
    if (!old && item.since !== checkIn.productionDate) return refusal('newItemDate', { text: item.text, date: checkIn.productionDate });
  }
  if (previous && (previous.plantId !== checkIn.plantId || previous.lineId !== checkIn.lineId)) return refusal('previousOtherLine');
  if (checkIn.incomingLeadId === '') {
    return checkIn.acknowledgedItemIds.length > 0 ? refusal('ackWithoutIncomingLead') : null;
  }
  const unknown = checkIn.acknowledgedItemIds.find((id) => !ids.has(id));
  if (unknown !== undefined) return refusal('ackUnknownItem', { id: unknown });
  const acked = new Set(checkIn.acknowledgedItemIds);
  const open = checkIn.openItems.find((i) => !acked.has(i.id));
  if (open) return refusal('notAcknowledged', { text: open.text });
  return null;
}

/** Why this check-in cannot be signed, in English words, or null (the server's refusal text). */
export function validateHandover(checkIn: HandoverCheckIn, previous: HandoverCheckIn | null): string | null {
  const r = handoverRefusal(checkIn, previous);
  return r ? englishText(r, HANDOVER_REFUSAL_TEXT) : null;
}

export interface Acknowledgement {
  id: string;
  incomingLeadId: string;
  acknowledgedItemIds: string[];
  deviceId: string;
  signedAt: string;
}

/** The incoming lead's later acknowledgement of a check-in signed alone: the same handover, now countersigned. */
export function acknowledgeHandover(pending: HandoverCheckIn, ack: Acknowledgement): HandoverCheckIn {
  return { ...pending, ...ack, openItems: [...pending.openItems], safetyItems: [...pending.safetyItems], receivedAt: '' };
}

/**
 * The check-in to show on this shift's start screen: the latest handover of
 * an earlier shift on this line, while none of that shift's check-ins is
 * acknowledged. Null when there is nothing to acknowledge.
 */
export function pendingHandoverFor(shift: ShiftInstance, checkIns: readonly HandoverCheckIn[]): HandoverCheckIn | null {
  const own = shiftInstanceKey(shift);
  const endsMs = Date.parse(shift.endsAt);
  const earlier = checkIns
    .filter((c) => c.plantId === shift.plantId && c.lineId === shift.lineId && shiftInstanceKey(c) !== own)
    .filter((c) => c.productionDate <= shift.productionDate && Date.parse(c.signedAt) < endsMs)
    .sort((a, b) => Date.parse(a.signedAt) - Date.parse(b.signedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const latest = earlier[earlier.length - 1];
  if (!latest) return null;
  const key = shiftInstanceKey(latest);
  const sameShift = earlier.filter((c) => shiftInstanceKey(c) === key);
  if (sameShift.some(isAcknowledged)) return null;
  return latest;
}
