/**
 * The plant board's small collections as live queries: plant, lines, roster,
 * KPI definitions, shift patterns, escalations and their steps. Each is a
 * handful to a few hundred records, so a change simply re-emits the whole
 * list; the readings, far too many for that, come another way
 * (board-readings.ts).
 */
import type { Subscription } from 'rxjs';
import type { Escalation, EscalationEvent } from '../../domain/escalation/escalation-types.ts';
import type { KpiDefinition } from '../../domain/kpi/kpi-types.ts';
import type { Person } from '../../domain/people/people-types.ts';
import type { Line, Plant } from '../../domain/plant/plant-types.ts';
import type { ShiftPattern } from '../../domain/shift/shift-types.ts';
import type { TierboardDatabase } from '../database.ts';

/** Called with each query's current answer, first at once and then after every change. */
export interface BoardRecordListeners {
  plant(plant: Plant | null): void;
  /** Active lines, by area then code. */
  lines(lines: Line[]): void;
  people(people: Person[]): void;
  /** The plant's definitions and the enterprise-wide ones (plantId ''). */
  definitions(defs: KpiDefinition[]): void;
  /** Every shift pattern the device holds. */
  patterns(patterns: ShiftPattern[]): void;
  escalations(escalations: Escalation[]): void;
  events(events: EscalationEvent[]): void;
  error(err: unknown): void;
}

/** Subscribes the seven queries, in this order; returns their subscriptions. */
export function watchBoardRecords(db: TierboardDatabase, plantId: string, on: BoardRecordListeners): Subscription[] {
  const error = (err: unknown): void => on.error(err);
  return [
    db.plants.findOne(plantId).$.subscribe({
      next: (doc) => on.plant(doc ? (doc.toJSON() as Plant) : null),
      error,
    }),
    db.lines.find({ selector: { plantId } }).$.subscribe({
      next: (docs) => {
        const lines = docs.map((d) => d.toJSON() as Line).filter((l) => l.active);
        lines.sort((a, b) => a.area.localeCompare(b.area) || a.code.localeCompare(b.code));
        on.lines(lines);
      },
      error,
    }),
    db.people.find({ selector: { plantId } }).$.subscribe({
      next: (docs) => on.people(docs.map((d) => d.toJSON() as Person)),
      error,
    }),
    // Enterprise-wide definitions (plantId '') count for every plant; boardDefinitions keeps the plant's and those.
    db.kpi_definitions.find({ selector: { plantId: { $in: [plantId, ''] } } }).$.subscribe({
      next: (docs) => on.definitions(docs.map((d) => d.toJSON() as KpiDefinition)),
      error,
    }),
    // All of them (a handful), picked by the plant's shiftPatternId as the reading screen does, whoever's plantId they carry.
    db.shift_patterns.find().$.subscribe({
      next: (docs) => on.patterns(docs.map((d) => d.toJSON() as ShiftPattern)),
      error,
    }),
    db.escalations.find({ selector: { plantId } }).$.subscribe({
      next: (docs) => on.escalations(docs.map((d) => d.toJSON() as Escalation)),
      error,
    }),
    db.escalation_events.find({ selector: { plantId } }).$.subscribe({
      next: (docs) => on.events(docs.map((d) => d.toJSON() as EscalationEvent)),
      error,
    }),
  ];
}
