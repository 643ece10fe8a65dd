/**
 * A form's typed value, kept in its draft slot (draft-store.ts) as it is
 * typed and read back when the form opens again, for the same person and the
 * same subject. A new slot (another person signed in, another shift) shows
 * that slot's draft, or `empty`.
 */
import { useReducer, useRef } from 'preact/hooks';
import type { DraftSlot } from './draft-store.ts';

/**
 * `restore` checks the shape of what was saved (a draft from an older version of the app, or
 * edited by hand) and returns null when it does not fit; `empty` is shown then.
 */
export function useDraft<T>(slot: DraftSlot | null, empty: T, restore: (saved: unknown) => T | null): [T, (next: T) => void, () => void] {
  const id = slot?.id ?? '';
  const shown = useRef<{ id: string; value: T } | null>(null);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  // Read once per slot, not on every render: the owner builds the slot anew each render.
  if (shown.current?.id !== id) {
    const saved = slot?.load();
    shown.current = { id, value: (saved === null || saved === undefined ? null : restore(saved)) ?? empty };
  }
  const set = (next: T): void => {
    shown.current = { id, value: next };
    slot?.save(next);
    rerender(0);
  };
  /** The entry was saved (or given up): the form starts empty and the draft goes. */
  const clear = (): void => {
    shown.current = { id, value: empty };
    slot?.clear();
    rerender(0);
  };
  return [shown.current.value, set, clear];
}

export const isString = (v: unknown): v is string => typeof v === 'string';
export const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
