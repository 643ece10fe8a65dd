/**
 * What the setup screen lists, live: sync may bring the plants and lines
 * while the screen is open (after enrollment, the plant is chosen before its
 * lines have arrived). Each call back comes at once and after every change;
 * each `watch` returns unsubscribe.
 */
import type { Line, Plant } from '../../domain/plant/plant-types.ts';
import type { TierboardDatabase } from '../database.ts';

/** Every plant on the device, by name (setup: plants pulled after enrollment appear by themselves). */
export function watchPlants(db: TierboardDatabase, onChange: (plants: Plant[]) => void, onError: (err: unknown) => void): () => void {
  const sub = db.plants.find().$.subscribe({
    next: (docs) => onChange(docs.map((d) => d.toMutableJSON()).sort((a, b) => a.name.localeCompare(b.name))),
    error: onError,
  });
  return () => sub.unsubscribe();
}

/** The plant's active lines, by area then code (setup: lines may arrive by sync after the plant is chosen). */
export function watchActiveLines(db: TierboardDatabase, plantId: string, onChange: (lines: Line[]) => void, onError: (err: unknown) => void): () => void {
  const sub = db.lines.find({ selector: { plantId } }).$.subscribe({
    next: (docs) => {
      const active = docs.map((d) => d.toMutableJSON()).filter((l) => l.active);
      onChange(active.sort((a, b) => a.area.localeCompare(b.area) || a.code.localeCompare(b.code)));
    },
    error: onError,
  });
  return () => sub.unsubscribe();
}
