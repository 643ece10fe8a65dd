/**
 * The escalation screens' reads and writes on the local RxDB database.
 * Headers and steps are immutable: written once with `insert`, never edited.
 * Writing the same record twice (a retry, a tier step two screens noticed
 * at once) is success, not an error.
 */
import { combineLatest } from 'rxjs';
import type { RxCollection } from 'rxdb';
import type { TierboardDatabase } from '../database.ts';
import type { Escalation, EscalationEvent } from '../../domain/escalation/escalation-types.ts';
import type { Line } from '../../domain/plant/plant-types.ts';
import type { Person } from '../../domain/people/people-types.ts';
import { syncStatusStore } from '../../sync/status.ts';
import { refusedRecordsFrom, type RefusedRecords } from '../refused-records.ts';
import { splitRefusedEscalations, type EscalationRecords, type RefusedEscalationRecords } from './counting-escalations.ts';

export interface PlantEscalations {
  /** The escalations that count: refused raises left out ([C-O6]). */
  escalations: Escalation[];
  /** The steps that count: refused ones (and those of refused raises) left out. */
  events: EscalationEvent[];
  /** This device's raises and steps the server refused, waiting for a person's decision: shown as refused. */
  refused: RefusedEscalationRecords;
}

/**
 * Every escalation of the plant with its steps, now and after each change of
 * them or of the refusals; returns unsubscribe. The whole plant's log is read:
 * the fold needs every step of an escalation, and the local store holds one
 * plant's (sync scope). `refused`: the records the server refused (by default
 * the app's sync status).
 */
export function watchPlantEscalations(
  db: TierboardDatabase,
  plantId: string,
  onChange: (data: PlantEscalations) => void,
  refused: RefusedRecords = refusedRecordsFrom(syncStatusStore),
): () => void {
  let latest: EscalationRecords | null = null;
  const show = () => latest && onChange(splitRefusedEscalations(latest, refused));
  const subscription = combineLatest([db.escalations.find({ selector: { plantId } }).$, db.escalation_events.find({ selector: { plantId } }).$]).subscribe(
    ([escalations, events]) => {
      latest = { escalations: escalations.map((d) => d.toMutableJSON()), events: events.map((d) => d.toMutableJSON()) };
      show();
    },
  );
  const unsubscribeRefused = refused.subscribe(show);
  return () => {
    subscription.unsubscribe();
    unsubscribeRefused();
  };
}

export function watchRoster(db: TierboardDatabase, plantId: string, onChange: (people: Person[]) => void): () => void {
  const s = db.people.find({ selector: { plantId } }).$.subscribe((docs) => onChange(docs.map((d) => d.toMutableJSON())));
  return () => s.unsubscribe();
}

export function watchLines(db: TierboardDatabase, plantId: string, onChange: (lines: Line[]) => void): () => void {
  const s = db.lines.find({ selector: { plantId } }).$.subscribe((docs) => onChange(docs.map((d) => d.toMutableJSON())));
  return () => s.unsubscribe();
}

/**
 * The plant's escalations and the steps that count, read once (the tier ladder's clock,
 * src/ui/escalations/auto-escalation.ts): a refused acknowledgement does not stop the ladder.
 */
export async function readPlantEscalations(
  db: TierboardDatabase,
  plantId: string,
  refused: RefusedRecords = refusedRecordsFrom(syncStatusStore),
): Promise<PlantEscalations> {
  const [escalations, events] = await Promise.all([
    db.escalations.find({ selector: { plantId } }).exec(),
    db.escalation_events.find({ selector: { plantId } }).exec(),
  ]);
  return splitRefusedEscalations({ escalations: escalations.map((d) => d.toMutableJSON()), events: events.map((d) => d.toMutableJSON()) }, refused);
}

/**
 * Inserts an immutable record; resolves true when this call wrote it, false
 * when the very id is already stored (a retry, or another screen or tab
 * wrote the same deterministic tier step first). Any other failure throws.
 */
export async function insertOnce<T extends { id: string }>(collection: RxCollection<T>, record: T): Promise<boolean> {
  try {
    await collection.insert(record);
    return true;
  } catch (err) {
    const existing = await collection
      .findOne(record.id)
      .exec()
      .catch(() => null);
    if (existing) return false;
    throw err;
  }
}

/** The header first: a step without its header shows nowhere, a header without its `raised` step still shows. */
export async function writeRaise(db: TierboardDatabase, header: Escalation, raised: EscalationEvent): Promise<void> {
  await insertOnce(db.escalations, header);
  await insertOnce(db.escalation_events, raised);
}

export async function writeStep(db: TierboardDatabase, event: EscalationEvent): Promise<void> {
  await insertStep(db, event);
}

/** Resolves true when this call wrote the step, false when it was already stored (see insertOnce). */
export function insertStep(db: TierboardDatabase, event: EscalationEvent): Promise<boolean> {
  return insertOnce(db.escalation_events, event);
}
