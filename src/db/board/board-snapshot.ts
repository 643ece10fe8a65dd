/**
 * What the plant board shows, as one immutable snapshot replaced on every
 * change, and the listeners told of it. Listeners are told at most once per
 * microtask: a build or a burst of query answers is one re-render, not ten.
 */
import type { BoardState } from '../../domain/board/board-state.ts';
import type { Escalation, EscalationEvent } from '../../domain/escalation/escalation-types.ts';
import type { KpiDefinition } from '../../domain/kpi/kpi-types.ts';
import type { Person } from '../../domain/people/people-types.ts';
import type { Line, Plant } from '../../domain/plant/plant-types.ts';

export interface BoardSnapshot {
  plant: Plant | null;
  /** Active lines, by area then code. */
  lines: Line[];
  people: ReadonlyMap<string, Person>;
  defsById: ReadonlyMap<string, KpiDefinition>;
  /** null until the readings are loaded. */
  board: BoardState | null;
  escalations: Escalation[];
  events: EscalationEvent[];
  /** Ids of KPIs whose tile changed in the last live update (for the bench and tests). */
  lastUpdatedTiles: readonly string[];
  error: string;
}

/** The snapshot before any query has answered. */
export const emptyBoardSnapshot = (): BoardSnapshot => ({
  plant: null,
  lines: [],
  people: new Map(),
  defsById: new Map(),
  board: null,
  escalations: [],
  events: [],
  lastUpdatedTiles: [],
  error: '',
});

export interface SnapshotCell {
  get(): BoardSnapshot;
  /** Replaces the named fields and tells the listeners (on the next microtask). */
  set(patch: Partial<BoardSnapshot>): void;
  subscribe(listener: () => void): () => void;
  /** No listener is told anything after this. */
  stop(): void;
}

export function createSnapshotCell(): SnapshotCell {
  let snap = emptyBoardSnapshot();
  const listeners = new Set<() => void>();
  let stopped = false;
  let notifyQueued = false;

  const notify = (): void => {
    if (notifyQueued || stopped) return;
    notifyQueued = true;
    queueMicrotask(() => {
      notifyQueued = false;
      if (!stopped) for (const l of listeners) l();
    });
  };

  return {
    get: () => snap,
    set(patch) {
      snap = { ...snap, ...patch };
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      stopped = true;
      listeners.clear();
    },
  };
}
