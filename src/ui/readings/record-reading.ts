/**
 * Building and saving one reading. The reading is immutable: a correction is
 * a new reading whose `supersedes` names the old one. If the write fails
 * (storage full, IndexedDB gone), the blocking storage screen takes over and
 * the reading stays in memory, in the retry closure, to be written again.
 */
import { newId } from '../../domain/records/ids.ts';
import type { KpiDefinition, KpiReading } from '../../domain/kpi/kpi-types.ts';
import type { ShiftInstance } from '../../domain/shift/shift-types.ts';
import type { UiStore } from '../../state/ui-store.ts';
import type { ReadingData } from '../../db/readings/reading-data.ts';
import { saveOrShowStorageScreen } from '../shell/save-or-show-storage-screen.ts';
import { markReadingDurable } from './readiness.ts';

export interface NewReading {
  def: KpiDefinition;
  shift: ShiftInstance;
  value: number;
  note: string;
  correctionReason: string;
  supersedes: string;
  personId: string;
  deviceId: string;
  clockOffsetMs: number;
  nowMs: number;
  random: () => number;
}

export function buildReading(r: NewReading): KpiReading {
  return {
    id: newId(r.nowMs, r.random),
    kpiId: r.def.id,
    plantId: r.shift.plantId,
    lineId: r.shift.lineId,
    shiftCode: r.shift.shiftCode,
    productionDate: r.shift.productionDate,
    value: r.value,
    personId: r.personId,
    deviceId: r.deviceId,
    recordedAt: new Date(r.nowMs).toISOString(),
    clockOffsetMs: r.clockOffsetMs,
    note: r.note,
    supersedes: r.supersedes,
    correctionReason: r.correctionReason,
    receivedAt: '',
  };
}

export interface SaveMessages {
  /** The entry as typed, kept on the storage-error screen (`87.5 % OEE`). */
  entry: string;
  /** The on-screen confirmation (`Saved · 87.5 % OEE · 14:32`). */
  confirmation: string;
}

/**
 * Writes the reading; on success confirms on screen, on failure blocks with the storage screen. Never throws.
 *
 * The write is handed to the database before anything else happens (the caller starts this from the
 * Save tap itself), and the messages are worked out only afterwards: formatting a clock time builds an
 * Intl formatter, a millisecond the write should not wait for. `onSettled` runs once the outcome is
 * known, in the same tick as the confirmation, so the screen updates once (pad closed, toast shown).
 */
export async function saveReading(
  data: ReadingData,
  ui: UiStore,
  reading: KpiReading,
  messages: () => SaveMessages,
  onSettled: () => void = () => undefined,
): Promise<boolean> {
  return saveOrShowStorageScreen(ui, {
    attempt: async () => {
      await data.writeReading(reading);
      markReadingDurable();
      onSettled();
      ui.getState().showToast('saved', messages().confirmation);
    },
    keptEntry: () => messages().entry,
    onFailure: onSettled,
  });
}

