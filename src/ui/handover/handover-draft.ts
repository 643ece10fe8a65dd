/**
 * The glue between the handover screens and the domain's handover rules
 * (src/domain/handover/handover-rules.ts): which shift is handed over, which earlier
 * check-in its open items come from, and the check-in record itself, frozen
 * when the outgoing lead taps "Hand over" (so the items the incoming lead
 * acknowledges keep their ids) and signed when the PIN is right.
 */
import { openItemsToCarry } from '../../domain/handover/handover-rules.ts';
import { newId } from '../../domain/records/ids.ts';
import { can, type ActingDevice } from '../../domain/people/permissions.ts';
import { addProductionDays, shiftInstanceKey } from '../../domain/shift/shift-calendar.ts';
import type { HandoverCheckIn } from '../../domain/handover/handover-types.ts';
import type { Person } from '../../domain/people/people-types.ts';
import type { ShiftInstance } from '../../domain/shift/shift-types.ts';

/**
 * A lead who opens the handover in the first hour of a shift, while the shift
 * before has no check-in yet, is handing over the shift that just ended: the
 * talk at the line runs past the bell. An hour covers a late relief and a
 * long talk; after that it is this shift's own handover.
 */
export const HANDOVER_GRACE_MINUTES = 60;

/**
 * How far back the screens look for check-ins: a handover signed alone before
 * a long weekend or a plant shutdown week is still waiting when work resumes.
 */
export const HANDOVER_LOOKBACK_DAYS = 10;

export function lookbackFrom(shift: Pick<ShiftInstance, 'productionDate'>): string {
  return addProductionDays(shift.productionDate, -HANDOVER_LOOKBACK_DAYS);
}

/**
 * May this person sign a handover at this plant on this device (the domain's rule book, `sign_handover`,
 * asked as the server asks it: with the device that will push the check-in).
 */
export function maySignHandover(person: Person, plantId: string, device?: ActingDevice): boolean {
  return person.active && can({ role: person.role, plantId: person.plantId }, 'sign_handover', { plantId }, device);
}

type ShiftKeyed = Pick<ShiftInstance, 'plantId' | 'lineId' | 'shiftCode' | 'productionDate'>;

const bySignedAt = (a: HandoverCheckIn, b: HandoverCheckIn): number =>
  Date.parse(a.signedAt) - Date.parse(b.signedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The check-ins of one shift instance, oldest first (one, or two when it was signed alone and acknowledged later). */
export function checkInsOf(shift: ShiftKeyed, checkIns: readonly HandoverCheckIn[]): HandoverCheckIn[] {
  const key = shiftInstanceKey(shift);
  return checkIns.filter((c) => shiftInstanceKey(c) === key).sort(bySignedAt);
}

export function shiftToHandOver(current: ShiftInstance, before: ShiftInstance, nowMs: number, checkIns: readonly HandoverCheckIn[]): ShiftInstance {
  const inGrace = nowMs - Date.parse(current.startsAt) < HANDOVER_GRACE_MINUTES * 60_000;
  return inGrace && checkInsOf(before, checkIns).length === 0 ? before : current;
}

/**
 * The check-in whose open items this shift carries on: the latest of an
 * earlier shift of the line, signed before `beforeMs` (the same choice
 * pendingHandoverFor makes for the start screen).
 */
export function previousCheckIn(shift: ShiftKeyed, checkIns: readonly HandoverCheckIn[], beforeMs: number): HandoverCheckIn | null {
  const own = shiftInstanceKey(shift);
  const earlier = checkIns
    .filter((c) => c.plantId === shift.plantId && c.lineId === shift.lineId && shiftInstanceKey(c) !== own)
    .filter((c) => c.productionDate <= shift.productionDate && Date.parse(c.signedAt) < beforeMs)
    .sort(bySignedAt);
  return earlier[earlier.length - 1] ?? null;
}

export interface HandoverDraft {
  notes: string;
  safetyItems: string[];
  /** Texts of new open items. */
  newItems: string[];
  /** Ids of carried-in items the outgoing lead marked done. */
  doneIds: string[];
  /** A safety item and an open item typed but not added yet ("Hand over" adds them). */
  pendingSafety: string;
  pendingItem: string;
}

export const EMPTY_DRAFT: HandoverDraft = { notes: '', safetyItems: [], newItems: [], doneIds: [], pendingSafety: '', pendingItem: '' };

/** What the draft store is asked for: the outgoing lead's draft of this shift's handover. */
export function handoverDraftSubject(shift: Pick<ShiftInstance, 'shiftCode' | 'productionDate'>): string {
  return `handover:${shift.shiftCode}:${shift.productionDate}`;
}

/** A kept draft read back (src/state/draft-store.ts); null when it is not one. */
export function restoreHandoverDraft(saved: unknown): HandoverDraft | null {
  if (!saved || typeof saved !== 'object') return null;
  const d = saved as Partial<Record<keyof HandoverDraft, unknown>>;
  const text = (v: unknown): string => (typeof v === 'string' ? v : '');
  const lines = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return {
    notes: text(d.notes),
    safetyItems: lines(d.safetyItems),
    newItems: lines(d.newItems),
    doneIds: lines(d.doneIds),
    pendingSafety: text(d.pendingSafety),
    pendingItem: text(d.pendingItem),
  };
}

export interface FreezeArgs {
  shift: ShiftInstance;
  previous: HandoverCheckIn | null;
  draft: HandoverDraft;
  readingsSnapshot: Record<string, number>;
  outgoingLeadId: string;
  deviceId: string;
  /** Clock-corrected time of the "Hand over" tap: new items' ids. */
  nowMs: number;
  random: () => number;
}

/** The handover as the outgoing lead hands it over: not signed by anyone yet (id, incoming lead and time come at signing). */
export function freezeHandover(a: FreezeArgs): HandoverCheckIn {
  return {
    id: '',
    plantId: a.shift.plantId,
    lineId: a.shift.lineId,
    shiftCode: a.shift.shiftCode,
    productionDate: a.shift.productionDate,
    outgoingLeadId: a.outgoingLeadId,
    incomingLeadId: '',
    notes: a.draft.notes.trim(),
    safetyItems: a.draft.safetyItems.map((s) => s.trim()).filter((s) => s !== ''),
    openItems: openItemsToCarry(a.previous, a.draft.doneIds, a.draft.newItems, a.shift, () => newId(a.nowMs, a.random)),
    acknowledgedItemIds: [],
    readingsSnapshot: { ...a.readingsSnapshot },
    deviceId: a.deviceId,
    signedAt: '',
    receivedAt: '',
  };
}

export interface Signature {
  /** '' when the outgoing lead signs alone. */
  incomingLeadId: string;
  acknowledgedItemIds: readonly string[];
  /** Clock-corrected time of the signing tap (device time + measured offset). */
  signedAtMs: number;
  deviceId: string;
  random: () => number;
}

/** The one immutable record written at signing. Acknowledged ids follow the items' order. */
export function signHandover(frozen: HandoverCheckIn, s: Signature): HandoverCheckIn {
  const acked = new Set(s.acknowledgedItemIds);
  return {
    ...frozen,
    id: newId(s.signedAtMs, s.random),
    incomingLeadId: s.incomingLeadId,
    acknowledgedItemIds: frozen.openItems.filter((i) => acked.has(i.id)).map((i) => i.id),
    deviceId: s.deviceId,
    signedAt: new Date(s.signedAtMs).toISOString(),
    receivedAt: '',
  };
}
