/**
 * The tier meeting's "Note action" form: what, who (from the plant's roster)
 * and by when, noted by the person who signed for it (note-action-sign-in.tsx,
 * or the person signed in on a tablet). Saving writes an improvement action
 * (note-action.ts) and says so on screen; the form stays open with the error
 * if the write failed.
 */
import { useState } from 'preact/hooks';
import { addProductionDays, plantLocalDate } from '../../domain/shift/shift-calendar.ts';
import type { Person } from '../../domain/people/people-types.ts';
import type { ProductionDate } from '../../domain/records/record-types.ts';
import { bm } from './board-messages.ts';

export interface NoteActionFormProps {
  people: readonly Person[];
  timeZone: string;
  nowMs: number;
  /** Context shown above the fields: the KPI or escalation the action is about. */
  about: string;
  /** Name of the person noting the action. */
  notedByName: string;
  onSave(input: { title: string; ownerId: string; due: ProductionDate }): Promise<void>;
  onCancel(): void;
}

/** A week: the usual rhythm of a tier review, so the default due date is the next one. */
const DEFAULT_DUE_DAYS = 7;

export function NoteActionForm({ people, timeZone, nowMs, about, notedByName, onSave, onCancel }: NoteActionFormProps) {
  const [title, setTitle] = useState(about);
  const [ownerId, setOwnerId] = useState('');
  const [due, setDue] = useState(() => addProductionDays(plantLocalDate(timeZone, new Date(nowMs)), DEFAULT_DUE_DAYS));
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = (e: Event): void => {
    e.preventDefault();
    if (!title.trim() || !ownerId || !/^\d{4}-\d{2}-\d{2}$/.test(due)) {
      setProblem(bm('action.missing'));
      return;
    }
    setBusy(true);
    onSave({ title: title.trim(), ownerId, due }).then(
      () => setBusy(false),
      (err: unknown) => {
        setBusy(false);
        setProblem(bm('action.failed', { error: err instanceof Error ? err.message : String(err) }));
      },
    );
  };

  return (
    <div class="board-overlay" role="dialog" aria-modal="true" aria-label={bm('action.title')} data-testid="note-action">
      <form class="board-panel action-panel" onSubmit={submit}>
        <h2>{bm('action.title')}</h2>
        <p class="hint" data-testid="action-noted-by">
          {bm('action.notedBy', { name: notedByName })}
        </p>
        <label class="field">
          {bm('action.what')}
          <input data-testid="action-title" value={title} maxLength={200} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />
        </label>
        <label class="field">
          {bm('action.owner')}
          <select data-testid="action-owner" class="board-select" value={ownerId} onInput={(e) => setOwnerId((e.target as HTMLSelectElement).value)} onChange={(e) => setOwnerId((e.target as HTMLSelectElement).value)}>
            <option value="">—</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          {bm('action.due')}
          <input type="date" data-testid="action-due" value={due} onInput={(e) => setDue((e.target as HTMLInputElement).value)} />
        </label>
        {problem && (
          <p class="hint hint-error" role="alert" data-testid="action-problem">
            {problem}
          </p>
        )}
        <div class="board-panel-buttons">
          <button type="submit" class="btn btn-primary btn-big" data-testid="action-save" disabled={busy}>
            {bm('action.save')}
          </button>
          <button type="button" class="btn btn-big" data-testid="action-cancel" onClick={onCancel}>
            {bm('action.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
