/**
 * What the screen shows on top of the data: confirmations, the blocking
 * storage error (with every entry that could not be written, kept for retry),
 * and whether a new app version waits.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { StorageErrorKind } from '../db/storage-errors.ts';

export interface Toast {
  id: number;
  kind: 'saved' | 'info' | 'error';
  text: string;
}

export interface StorageProblem {
  kind: StorageErrorKind;
  /** Technical detail for the admin; shown small. */
  detail: string;
  /** The entry that could not be written, as the person typed it (`87.5 % OEE`); '' if none. */
  keptEntry: string;
  /** Writes the kept entry again (or opens the database again); null when only a reload helps. */
  retry: (() => Promise<void>) | null;
}

/** What the blocking storage screen shows: one screen for every problem not yet solved. */
export interface StorageBlock {
  kind: StorageErrorKind;
  detail: string;
  /** Every entry still kept, oldest first, as typed. */
  keptEntries: string[];
  /** Retries all kept writes in order, dropping each that goes through; null when only a reload helps. */
  retry: (() => Promise<void>) | null;
}

export interface UiState {
  toasts: Toast[];
  storageProblem: StorageBlock | null;
  updateAvailable: boolean;
  /** Set by the PWA layer: activates the waiting version and reloads. */
  applyUpdate: (() => void) | null;
  /** Number pad open or unsaved input: an update must wait. */
  entryInProgress: boolean;
  /** The enrollment screen (connect this device to its plant server) is open. */
  enrollOpen: boolean;
  setEnrollOpen(open: boolean): void;
  showToast(kind: Toast['kind'], text: string): number;
  dismissToast(id: number): void;
  /** Queues the problem: a kept entry is never dropped by a later problem, whatever it is. */
  reportStorageProblem(problem: StorageProblem): void;
  /** After a retry went through: shows what is still unsolved, if anything. */
  clearStorageProblem(): void;
  offerUpdate(apply: () => void): void;
  /**
   * Says whether `holder` (the reading screen, the raise-escalation form...) has an entry under way.
   * The flag is set while any holder has one: one screen finishing must not clear another's.
   */
  setEntryInProgress(holder: string, busy: boolean): void;
}

export type UiStore = StoreApi<UiState>;

export function createUiStore(): UiStore {
  let nextId = 1;
  const entryHolders = new Set<string>();
  return createStore<UiState>()((set) => {
    // The only copy of what a person typed and could not store lives here until it is written.
    const waiting: StorageProblem[] = [];
    let reloadOnly: StorageProblem | null = null;
    const block = (): StorageBlock | null => {
      const shown = waiting[waiting.length - 1] ?? reloadOnly;
      if (!shown) return null;
      const keptEntries = waiting.map((p) => p.keptEntry).filter(Boolean);
      return { kind: shown.kind, detail: shown.detail, keptEntries, retry: waiting.length ? retryAll : null };
    };
    // In order, so a correction is never written before the reading it corrects; the first failure stops.
    const retryAll = async () => {
      for (let first = waiting[0]; first; first = waiting[0]) {
        await first.retry?.();
        waiting.splice(waiting.indexOf(first), 1);
        set({ storageProblem: block() });
      }
    };
    return {
      toasts: [],
      storageProblem: null,
      updateAvailable: false,
      applyUpdate: null,
      entryInProgress: false,
      enrollOpen: false,
      setEnrollOpen: (enrollOpen) => set({ enrollOpen }),
      showToast: (kind, text) => {
        const id = nextId++;
        // The newest confirmation replaces the previous one of its kind: a tablet is glanced at for
        // ten seconds, and two "Saved" lines would leave the person wondering which one is theirs.
        set((s) => ({ toasts: [...s.toasts.filter((t) => t.kind !== kind), { id, kind, text }] }));
        return id;
      },
      dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
      reportStorageProblem: (problem) => {
        if (problem.retry) waiting.push(problem);
        else reloadOnly = problem;
        set({ storageProblem: block() });
      },
      clearStorageProblem: () => set({ storageProblem: block() }),
      offerUpdate: (applyUpdate) => set({ updateAvailable: true, applyUpdate }),
      setEntryInProgress: (holder, busy) => {
        if (busy) entryHolders.add(holder);
        else entryHolders.delete(holder);
        set({ entryInProgress: entryHolders.size > 0 });
      },
    };
  });
}
