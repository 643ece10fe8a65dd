/**
 * The one way an entry is saved: write it, and if local storage fails (device
 * full, IndexedDB gone) hand it to the ui store, whose blocking storage screen
 * keeps it in memory and writes it again on Retry, in order with the others.
 * Small on purpose: the reading screen loads it with the first screen.
 */
import { storageFailure } from '../../db/storage-errors.ts';
import type { UiStore } from '../../state/ui-store.ts';

export interface SaveAttempt {
  /** Writes the entry and does what follows a durable write (confirmation, screen update); Retry runs it again. */
  attempt: () => Promise<void>;
  /** The entry in words, kept on the storage screen ("87.5 % OEE"); worked out only when the write failed. */
  keptEntry: () => string;
  /** Runs when the write failed, before the storage screen shows (a busy flag, a pad to close). */
  onFailure?: () => void;
}

/** Resolves true once the attempt went through, false when the storage screen took the entry over. Never throws. */
export async function saveOrShowStorageScreen(ui: UiStore, { attempt, keptEntry, onFailure }: SaveAttempt): Promise<boolean> {
  try {
    await attempt();
    return true;
  } catch (err) {
    onFailure?.();
    ui.getState().reportStorageProblem({ ...storageFailure(err), keptEntry: keptEntry(), retry: attempt });
    return false;
  }
}
