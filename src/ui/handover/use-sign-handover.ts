/**
 * Signing a handover, the same from both places that sign: the handover
 * screen (the incoming lead in person, or the outgoing lead alone) and the
 * pending-handover banner (the next shift acknowledging). The check-in is
 * checked with the very rules the server applies, then written once: a second
 * tap while it is being written does nothing. If the write fails (storage full,
 * IndexedDB gone) the blocking storage screen takes over with the check-in kept
 * for its Retry, as for readings.
 */
import { useState } from 'preact/hooks';
import { handoverRefusal } from '../../domain/handover/handover-rules.ts';
import type { HandoverCheckIn } from '../../domain/handover/handover-types.ts';
import type { Plant } from '../../domain/plant/plant-types.ts';
import type { UiStore } from '../../state/ui-store.ts';
import { formatClock, formatProductionDate } from '../format.ts';
import type { HandoverData } from '../../db/handover/handover-data.ts';
import { saveOrShowStorageScreen } from '../shell/save-or-show-storage-screen.ts';
import { explainProblem } from './handover-problem.ts';
import { th } from './handover-messages.ts';

export interface SignHandoverOptions {
  data: HandoverData;
  ui: UiStore;
  plant: Plant;
  /** The line's check-in before this one: the rules compare against it. */
  previous: HandoverCheckIn | null;
  /** Told why the check-in cannot be signed ("Cannot sign yet: …"). */
  onProblem(why: string): void;
}

export interface SignHandover {
  /** Why the check-in cannot be signed as it stands, or '' when nothing is wrong. */
  check(candidate: HandoverCheckIn): string;
  /**
   * Builds the signed check-in, checks it and writes it; `confirmation` words the toast from the
   * signing time, `onSaved` runs once it is durable. Nothing happens while a signing is being written.
   */
  sign(build: () => HandoverCheckIn, confirmation: (time: string) => string, onSaved: (signed: HandoverCheckIn) => void): void;
}

export function useSignHandover({ data, ui, plant, previous, onProblem }: SignHandoverOptions): SignHandover {
  const [saving, setSaving] = useState(false);
  const check = (candidate: HandoverCheckIn) => explainProblem(handoverRefusal(candidate, previous));
  const sign = (build: () => HandoverCheckIn, confirmation: (time: string) => string, onSaved: (signed: HandoverCheckIn) => void) => {
    if (saving) return;
    const record = build();
    const why = check(record);
    if (why) {
      onProblem(why);
      return;
    }
    setSaving(true);
    const time = formatClock(new Date(Date.parse(record.signedAt)), plant.locale, plant.timeZone);
    // Writing the same check-in again is harmless (same id), so the storage screen's Retry may simply repeat it.
    void saveOrShowStorageScreen(ui, {
      attempt: async () => {
        await data.writeHandover(record);
        onSaved(record);
        ui.getState().showToast('saved', confirmation(time));
      },
      keptEntry: () => th('signed.entry', { code: record.shiftCode, date: formatProductionDate(record.productionDate, plant.locale) }),
    }).finally(() => setSaving(false));
  };
  return { check, sign };
}
