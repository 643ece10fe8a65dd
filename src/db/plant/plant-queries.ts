/**
 * The plant and line a tablet stands at, read once (the about panel names them).
 * Its own module: a module shared by several lazy screens becomes a chunk of
 * its own that the first screen's preload list names.
 */
import type { Line, Plant } from '../../domain/plant/plant-types.ts';
import type { TierboardDatabase } from '../database.ts';

/** The plant and the line by id, each null when the device does not hold it. */
export async function findPlantAndLine(db: TierboardDatabase, plantId: string, lineId: string): Promise<{ plant: Plant | null; line: Line | null }> {
  const [plant, line] = await Promise.all([db.plants.findOne(plantId).exec(), db.lines.findOne(lineId).exec()]);
  return { plant: plant ? plant.toMutableJSON() : null, line: line ? line.toMutableJSON() : null };
}
