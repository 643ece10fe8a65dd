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

export interface PlantEscalations {
  escalations: Escalation[];
  events: EscalationEvent[];
}

/**
 * Every escalation of the plant with its steps, now and after each change;
 * returns unsubscribe. The whole plant's log is read: the fold needs every
 * step of an escalation, and the local store holds one plant's (sync scope).
 */
export function watchPlantEscalations(db: TierboardDatabase, plantId: string, onChange: (data: PlantEscalations) => void): () => void {
  const subscription = combineLatest([db.escalations.find({ selector: { plantId } }).$, db.escalation_events.find({ selector: { plantId } }).$]).subscribe(
    ([escalations, events]) => onChange({ escalations: escalations.map((d) => d.toMutableJSON()), events: events.map((d) => d.toMutableJSON()) }),
  );
  return () => subscription.unsubscribe();
}

export function watchRoster(db: TierboardDatabase, plantId: string, onChange: (people: Person[]) => void): () => void {
  const s = db.people.find({ selector: { plantId } }).$.subscribe((docs) => onChange(docs.map((d) => d.toMutableJSON())));
  return () => s.unsubscribe();
}

export function watchLines(db: TierboardDatabase, plantId: string, onChange: (lines: Line[]) => void): () => void {
  const s = db.lines.find({ selector: { plantId } }).$.subscribe((docs) => onChange(docs.map((d) => d.toMutableJSON())));
  return () => s.unsubscribe();
}

/** The plant's escalations and all their steps, read once (the tier ladder's clock, src/ui/escalations/auto-escalation.ts). */
export async function readPlantEscalations(db: TierboardDatabase, plantId: string): Promise<PlantEscalations> {
  const [escalations, events] = await Promise.all([
    db.escalations.find({ selector: { plantId } }).exec(),
    db.escalation_events.find({ selector: { plantId } }).exec(),
  ]);
  return { escalations: escalations.map((d) => d.toMutableJSON()), events: events.map((d) => d.toMutableJSON()) };
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
