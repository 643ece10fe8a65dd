/**
 * The tier ladder's clock on this device: an escalation nobody acknowledged
 * moves up when its tier's time comes, even with the network down for hours.
 *
 * Every device holding the plant's escalations runs this; each writes the
 * very same tier steps (deterministic ids and content, escalation-timers.ts),
 * so two tablets, or two screens of one tablet, that move the same step up
 * end with one record: locally the second insert finds it there, on the
 * server the identical copy is a harmless retry ([A10]).
 *
 * Run it on floor tablets only: a wall screen may not push, so its steps
 * would only be refused (the wall screen's board shows the tier due anyway).
 */
import { useEffect, useRef } from 'preact/hooks';
import type { TierboardDatabase } from '../../db/database.ts';
import { deriveEscalation } from '../../domain/escalation/escalation-state.ts';
import { autoEscalationEvents } from '../../domain/escalation/escalation-timers.ts';
import type { EscalationEvent } from '../../domain/escalation/escalation-types.ts';
import type { Plant } from '../../domain/plant/plant-types.ts';
import type { SessionStore } from '../../state/session-store.ts';
import type { Clock } from '../../domain/time/clock.ts';
import { sessionCorrectedNow } from '../../state/session-clock.ts';
import { insertStep, readPlantEscalations } from '../../db/escalations/escalation-db.ts';
import type { RefusedRecords } from '../../db/refused-records.ts';

/**
 * Tiers are minutes apart (30, 60, 240 by default): checking every 15 s moves
 * an escalation up at most 15 s late, and costs one read of the plant's open
 * log four times a minute.
 */
export const AUTO_ESCALATION_INTERVAL_MS = 15_000;

/**
 * Appends the tier steps that fell due by `nowMs` (server-corrected) for every
 * escalation of the plant; resolves with how many this call wrote.
 * Cost: reads the plant's escalations and steps (what this tablet holds).
 */
export async function runAutoEscalation(
  db: TierboardDatabase,
  plant: Pick<Plant, 'id' | 'tierLadder'>,
  nowMs: number,
  refused?: RefusedRecords,
): Promise<number> {
  // Refused steps left out ([C-O6]): a refused acknowledgement does not stop the ladder.
  const { escalations: headers, events } = await readPlantEscalations(db, plant.id, refused);
  const byEscalation = new Map<string, EscalationEvent[]>();
  for (const e of events) {
    const list = byEscalation.get(e.escalationId);
    if (list) list.push(e);
    else byEscalation.set(e.escalationId, [e]);
  }
  let written = 0;
  for (const header of headers) {
    const view = deriveEscalation(header, byEscalation.get(header.id) ?? [], plant.tierLadder);
    for (const step of autoEscalationEvents(view, plant.tierLadder, nowMs)) {
      if (await insertStep(db, step)) written += 1;
    }
  }
  return written;
}

export interface AutoEscalationOptions {
  /** Corrects the clock by the measured server offset; without it the clock is taken as corrected. */
  session?: SessionStore;
  intervalMs?: number;
  /** False on wall screens (they may not write). */
  enabled?: boolean;
  /** Told about a failed run (storage trouble); the next tick tries again. */
  onError?(err: unknown): void;
}

/** Runs `runAutoEscalation` now and every `intervalMs` while mounted. Mount once app-wide (the shell). */
export function useAutoEscalation(
  db: TierboardDatabase | null,
  plant: Pick<Plant, 'id' | 'tierLadder'> | null,
  clock: Clock,
  { session, intervalMs = AUTO_ESCALATION_INTERVAL_MS, enabled = true, onError }: AutoEscalationOptions = {},
): void {
  // The latest clock, session, plant and error handler, read at each tick: a shell that passes new
  // objects on every render must not restart the interval (and fire an extra run) each time.
  const latest = useRef({ clock, session, plant, onError });
  latest.current = { clock, session, plant, onError };
  // The interval restarts for another plant or ladder, compared by content (the plant object is read at each tick).
  const plantId = plant?.id;
  const ladderKey = plant ? JSON.stringify(plant.tierLadder) : '';
  useEffect(() => {
    if (!db || plantId === undefined || !enabled) return;
    let running = false;
    const tick = () => {
      // A slow run (a big log on an old tablet) is never overlapped by the next.
      const current = latest.current;
      // [A13] No tier step from a clock nobody has checked: an enrolled tablet waits until it has
      // measured its offset to the server (the board still shows the tier due; steps follow).
      if (running || !current.plant || (current.session && !current.session.getState().clockTrusted)) return;
      running = true;
      const now = current.session ? sessionCorrectedNow(current.clock, current.session) : current.clock.now();
      runAutoEscalation(db, current.plant, now)
        .catch((err: unknown) => current.onError?.(err))
        .finally(() => {
          running = false;
        });
    };
    tick();
    const timer = setInterval(tick, intervalMs);
    return () => clearInterval(timer);
  }, [db, plantId, ladderKey, intervalMs, enabled]);
}
