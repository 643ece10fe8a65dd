/**
 * The inputs some steps need: a note (comment, containment, reopen reason),
 * a person (reassign), and the guided 5 Whys for a resolution. Each form
 * hands its fields to the detail, which builds the step, checks it with the
 * shared rules and shows their answer here if it is refused. What is typed is
 * kept in the form's draft slot as it is typed (src/state/draft-store.ts), so
 * it is there again when the person comes back to the step.
 */
import { useState } from 'preact/hooks';
import { MAX_ESCALATION_TEXT, MAX_WHYS } from '../../domain/escalation/escalation-state.ts';
import type { Person } from '../../domain/people/people-types.ts';
import type { DraftSlot } from '../../state/draft-store.ts';
import { isString, isStringArray, useDraft } from '../../state/use-draft.ts';
import { et } from './escalation-messages.ts';

function Refusal({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <p class="hint hint-error" role="alert" data-testid="step-problem">
      <span aria-hidden="true">⚠ </span>
      {text}
    </p>
  );
}

/** A form's two buttons: its own submit and the shared Cancel. */
function SubmitOrCancel({ label, onSubmit, onCancel }: { label: string; onSubmit(): void; onCancel(): void }) {
  return (
    <div class="row-buttons">
      <button type="button" class="btn btn-primary" data-testid="step-submit" onClick={onSubmit}>
        {label}
      </button>
      <button type="button" class="btn btn-secondary" data-testid="step-cancel" onClick={onCancel}>
        {et('form.cancel')}
      </button>
    </div>
  );
}

export interface NoteFormProps {
  label: string;
  /** Containment and reopening say what and why; an empty one is refused here with a plain sentence. */
  required: boolean;
  submitLabel: string;
  problem: string | null;
  onSubmit(text: string): void;
  onCancel(): void;
  /** Where the text is kept as it is typed; the detail clears it once the step is saved or cancelled. */
  draft?: DraftSlot | null;
}

const restoreText = (saved: unknown): string | null => (isString(saved) ? saved : null);

export function NoteForm({ label, required, submitLabel, problem, onSubmit, onCancel, draft = null }: NoteFormProps) {
  const [text, setText] = useDraft(draft, '', restoreText);
  const [missing, setMissing] = useState(false);
  const submit = () => {
    if (required && text.trim() === '') {
      setMissing(true);
      return;
    }
    onSubmit(text);
  };
  return (
    <div class="step-form" data-testid="step-form">
      <label class="field">
        {label}
        <textarea data-testid="step-note" rows={3} maxLength={MAX_ESCALATION_TEXT} aria-required={required} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </label>
      <Refusal text={missing ? et('form.required') : problem} />
      <SubmitOrCancel label={submitLabel} onSubmit={submit} onCancel={onCancel} />
    </div>
  );
}

export interface ReassignPickerProps {
  people: Person[];
  problem: string | null;
  onPick(person: Person): void;
  onCancel(): void;
}

export function ReassignPicker({ people, problem, onPick, onCancel }: ReassignPickerProps) {
  return (
    <div class="step-form" data-testid="step-form">
      <h3 id="reassign-label">{et('form.reassignTo')}</h3>
      {people.length === 0 && <p class="empty">{et('form.noOne')}</p>}
      <div class="name-grid" role="group" aria-labelledby="reassign-label">
        {people.map((p) => (
          <button type="button" class="btn btn-name" data-testid={`reassign-${p.id}`} onClick={() => onPick(p)}>
            {p.name}
          </button>
        ))}
      </div>
      <Refusal text={problem} />
      <div class="row-buttons">
        <button type="button" class="btn btn-secondary" data-testid="step-cancel" onClick={onCancel}>
          {et('form.cancel')}
        </button>
      </div>
    </div>
  );
}

export interface Resolution {
  whys: string[];
  rootCause: string;
  action: string;
}

/** The answered whys, in order, up to the first one left empty. */
export function answeredWhys(whys: readonly string[]): string[] {
  const out: string[] = [];
  for (const w of whys) {
    if (w.trim() === '') break;
    out.push(w);
  }
  return out;
}

export interface ResolveFormProps {
  problem: string | null;
  onSubmit(r: Resolution): void;
  onCancel(): void;
  /** Where the whys, root cause and action are kept as they are typed (see NoteForm). */
  draft?: DraftSlot | null;
}

const EMPTY_RESOLUTION: Resolution = { whys: Array.from({ length: MAX_WHYS }, () => ''), rootCause: '', action: '' };

function restoreResolution(saved: unknown): Resolution | null {
  if (!saved || typeof saved !== 'object') return null;
  const r = saved as Partial<Record<keyof Resolution, unknown>>;
  const whys = r.whys;
  if (!isStringArray(whys) || !isString(r.rootCause) || !isString(r.action)) return null;
  return { whys: EMPTY_RESOLUTION.whys.map((empty, i) => whys[i] ?? empty), rootCause: r.rootCause, action: r.action };
}

/** 5 Whys, one question at a time: each answer opens the next "Why?", up to five. */
export function ResolveForm({ problem, onSubmit, onCancel, draft = null }: ResolveFormProps) {
  const [resolution, setResolution] = useDraft(draft, EMPTY_RESOLUTION, restoreResolution);
  const { whys, rootCause, action } = resolution;
  const setRootCause = (text: string) => setResolution({ ...resolution, rootCause: text });
  const setAction = (text: string) => setResolution({ ...resolution, action: text });
  const shown = Math.min(MAX_WHYS, answeredWhys(whys).length + 1);
  const setWhy = (i: number, text: string) => setResolution({ ...resolution, whys: whys.map((old, j) => (j === i ? text : old)) });
  return (
    <div class="step-form resolve-form" data-testid="step-form">
      <h3>{et('resolve.title')}</h3>
      <p class="hint">{et('resolve.intro')}</p>
      <ol class="whys">
        {whys.slice(0, shown).map((w, i) => (
          <li>
            <label class="field">
              {et('resolve.why', { n: i + 1 })}
              <input data-testid={`why-${i + 1}`} maxLength={MAX_ESCALATION_TEXT} aria-required={i === 0} value={w} onInput={(e) => setWhy(i, e.currentTarget.value)} />
            </label>
          </li>
        ))}
      </ol>
      <label class="field">
        {et('resolve.rootCause')}
        <input data-testid="root-cause" maxLength={MAX_ESCALATION_TEXT} aria-required="true" value={rootCause} onInput={(e) => setRootCause(e.currentTarget.value)} />
      </label>
      <label class="field">
        {et('resolve.action')}
        <textarea data-testid="action-taken" rows={2} maxLength={MAX_ESCALATION_TEXT} aria-required="true" value={action} onInput={(e) => setAction(e.currentTarget.value)} />
      </label>
      <Refusal text={problem} />
      <SubmitOrCancel label={et('resolve.submit')} onSubmit={() => onSubmit({ whys: answeredWhys(whys), rootCause, action })} onCancel={onCancel} />
    </div>
  );
}
