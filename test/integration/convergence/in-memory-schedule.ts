/**
 * The in-memory convergence tier's schedule (in-memory-run.ts): the floor it plays on (three
 * devices in two plants, the objectives they edit) and the operations of a run, drawn from the
 * seed alone, so the same seed plays the same schedule and a failure can be replayed.
 */
import { createPrng, type Prng } from '../../../src/domain/records/prng.ts';

export const DEVICES = [
  { who: 'berlin-a', plantId: 'plant-berlin' },
  { who: 'berlin-b', plantId: 'plant-berlin' },
  { who: 'lyon', plantId: 'plant-lyon' },
] as const;
export type Who = (typeof DEVICES)[number]['who'];

/** Objectives every device of a plant edits: few, so edits of one record by two devices meet often. */
export const OBJECTIVES: Record<string, string[]> = { 'plant-berlin': ['obj-berlin-1', 'obj-berlin-2'], 'plant-lyon': ['obj-lyon-1'] };

export type Op =
  | { op: 'write'; who: Who; count: number }
  | { op: 'edit'; who: Who; objectiveId: string }
  | { op: 'offline'; who: Who }
  | { op: 'online'; who: Who }
  | { op: 'lose-answer'; who: Who }
  | { op: 'reload'; who: Who }
  | { op: 'revoke'; who: Who }
  | { op: 'reenroll'; who: Who }
  | { op: 'waits-over'; who: Who }
  | { op: 'drop-streams' }
  | { op: 'silent-streams' }
  | { op: 'remote-reading'; plantId: string }
  | { op: 'let-run'; turns: number };

/** The run's operations, from the seed alone: the same seed plays the same schedule. */
export function scheduleOf(seed: number, steps: number): Op[] {
  const rng: Prng = createPrng(seed);
  const who = (): Who => rng.pick(DEVICES).who;
  const ops: Op[] = [];
  for (let i = 0; i < steps; i++) {
    const r = rng.next();
    if (r < 0.3) ops.push({ op: 'write', who: who(), count: rng.int(1, 3) });
    else if (r < 0.45) {
      const d = rng.pick(DEVICES);
      ops.push({ op: 'edit', who: d.who, objectiveId: rng.pick(OBJECTIVES[d.plantId] ?? []) });
    } else if (r < 0.53) ops.push({ op: 'offline', who: who() });
    else if (r < 0.63) ops.push({ op: 'online', who: who() });
    else if (r < 0.68) ops.push({ op: 'lose-answer', who: who() });
    else if (r < 0.7) ops.push({ op: 'reload', who: who() });
    else if (r < 0.71) ops.push({ op: 'revoke', who: who() });
    else if (r < 0.73) ops.push({ op: 'reenroll', who: who() });
    else if (r < 0.76) ops.push({ op: 'waits-over', who: who() });
    else if (r < 0.79) ops.push({ op: 'drop-streams' });
    else if (r < 0.81) ops.push({ op: 'silent-streams' });
    else if (r < 0.86) ops.push({ op: 'remote-reading', plantId: rng.pick(DEVICES).plantId });
    else ops.push({ op: 'let-run', turns: rng.int(1, 20) });
  }
  return ops;
}
