/**
 * What the screen shows on top of the data: confirmations, the blocking
 * storage error (with the entry that could not be written, kept for retry),
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
  /** Writes the kept entry again; absent when nothing was being written (database did not open). */
  retry: (() => Promise<void>) | null;
}

export interface UiState {
  toasts: Toast[];
  storageProblem: StorageProblem | null;
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
  reportStorageProblem(problem: StorageProblem): void;
  clearStorageProblem(): void;
  offerUpdate(apply: () => void): void;
  setEntryInProgress(busy: boolean): void;
}

export type UiStore = StoreApi<UiState>;

export function createUiStore(): UiStore {
  let nextId = 1;
  return createStore<UiState>()((set) => ({
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
    reportStorageProblem: (storageProblem) => set({ storageProblem }),
    clearStorageProblem: () => set({ storageProblem: null }),
    offerUpdate: (applyUpdate) => set({ updateAvailable: true, applyUpdate }),
    setEntryInProgress: (entryInProgress) => set({ entryInProgress }),
  }));
}
