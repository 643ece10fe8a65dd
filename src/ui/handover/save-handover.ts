/**
 * Writing the one immutable check-in. On failure (storage full, IndexedDB
 * gone) the blocking storage screen takes over with the check-in kept in the
 * retry closure, as for readings; writing it again is harmless (same id).
 */
import type { HandoverCheckIn } from '../../domain/handover/handover-types.ts';
import type { UiStore } from '../../state/ui-store.ts';
import type { HandoverData } from '../../db/handover/handover-data.ts';
import { saveOrShowStorageScreen } from '../shell/save-or-show-storage-screen.ts';

export interface HandoverSaveMessages {
  /** Kept on the storage-error screen ("Handover of shift E, Fri 20 Nov 2026"). */
  entry: string;
  /** The on-screen confirmation. */
  confirmation: string;
}

/** Writes the check-in; confirms on screen once durable, or blocks with the storage screen. Never throws. */
export async function saveHandover(
  data: HandoverData,
  ui: UiStore,
  checkIn: HandoverCheckIn,
  messages: () => HandoverSaveMessages,
  onSaved: () => void,
): Promise<boolean> {
  return saveOrShowStorageScreen(ui, {
    attempt: async () => {
      await data.writeHandover(checkIn);
      onSaved();
      ui.getState().showToast('saved', messages().confirmation);
    },
    keptEntry: () => messages().entry,
  });
}
