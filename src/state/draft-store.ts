/**
 * Text a person is typing and has not saved yet, kept on the device as it is
 * typed: a handover's notes and items, an escalation step's text, a
 * correction. A lead who goes to another tab, is signed out for idleness or
 * whose tablet restarts finds it again when they come back.
 *
 * Each draft belongs to one person at one plant and line, and to what it is a
 * draft of (`subject`): on a shared tablet the next person signed in sees
 * their own drafts, never someone else's. A draft goes once its entry is saved
 * or the person cancels it, and any left over goes after DRAFT_KEEP_DAYS.
 *
 * All drafts are one JSON item of the key-value storage (localStorage, like
 * the session): a few short texts, written on each keystroke, synchronously,
 * so nothing typed before a tab change is lost to a write still in flight.
 */
import type { KeyValueStorage } from './key-value-storage.ts';

export const DRAFTS_KEY = 'tierboard.drafts.v1';

/**
 * A draft nobody came back to in a week is a shift long gone (a handover, a correction of a
 * reading in an old shift): a week covers a weekend and a few days off, then it goes.
 */
export const DRAFT_KEEP_DAYS = 7;

export interface DraftKey {
  personId: string;
  plantId: string;
  lineId: string;
  /** What it is a draft of: `handover:<shift>`, `escalation:<id>:<step>`, `correction:<reading id>`. */
  subject: string;
}

/** One draft's place in the store, bound to its key. */
export interface DraftSlot {
  /** Same key, same id: a screen uses it to tell one draft from another. */
  readonly id: string;
  /** What was typed, as saved; null when there is none. The caller checks its shape. */
  load(): unknown;
  save(value: unknown): void;
  clear(): void;
}

export interface DraftStore {
  /** The slot of `key`; null while there is no person (nobody to keep it for). */
  slot(key: DraftKey): DraftSlot | null;
}

interface Saved {
  savedAtMs: number;
  value: unknown;
}

export function draftId(key: DraftKey): string {
  return JSON.stringify([key.personId, key.plantId, key.lineId, key.subject]);
}

export function createDraftStore(storage: KeyValueStorage, now: () => number): DraftStore {
  const read = (): Record<string, Saved> => {
    try {
      const raw = storage.getItem(DRAFTS_KEY);
      const all: unknown = raw ? JSON.parse(raw) : {};
      return all && typeof all === 'object' && !Array.isArray(all) ? (all as Record<string, Saved>) : {};
    } catch {
      return {};
    }
  };
  const write = (all: Record<string, Saved>): void => {
    try {
      if (Object.keys(all).length === 0) storage.removeItem(DRAFTS_KEY);
      else storage.setItem(DRAFTS_KEY, JSON.stringify(all));
    } catch {
      // A full or blocked localStorage costs the draft, not the screen: what is on it stays.
    }
  };
  const fresh = (all: Record<string, Saved>, nowMs: number): Record<string, Saved> => {
    const keep = DRAFT_KEEP_DAYS * 24 * 3_600_000;
    return Object.fromEntries(Object.entries(all).filter(([, d]) => typeof d?.savedAtMs === 'number' && nowMs - d.savedAtMs <= keep));
  };

  return {
    slot(key) {
      if (!key.personId) return null;
      const id = draftId(key);
      return {
        id,
        load: () => {
          const d = fresh(read(), now())[id];
          return d ? d.value : null;
        },
        save: (value) => {
          const nowMs = now();
          write({ ...fresh(read(), nowMs), [id]: { savedAtMs: nowMs, value } });
        },
        clear: () => {
          const all = fresh(read(), now());
          delete all[id];
          write(all);
        },
      };
    },
  };
}
