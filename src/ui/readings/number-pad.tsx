/**
 * The large touch number pad for one KPI reading. Keys are at least 64 px,
 * keys that would make an impossible value do nothing (see pad-input.ts),
 * and a value outside the plausible range is shown big with "are you sure?"
 * before it is saved. A correction also needs a reason before it can be saved;
 * it starts from the old value, shown beside the new one ("was 2"), and the
 * first key replaces it (pad-input.ts, typeOnPad).
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { KpiDefinition } from '../../domain/kpi/kpi-types.ts';
import type { DraftSlot } from '../../state/draft-store.ts';
import { decimalSeparator, formatNumber, formatValue } from '../format.ts';
import { t } from '../i18n/t.ts';
import type { MessageKey } from '../i18n/app-messages-en.ts';
import { correctionEntry, isPlausible, padDisplay, padLimitsFor, padValue, typeOnPad, type PadEntry, type PadKey } from './pad-input.ts';
import { padText } from './pad-messages.ts';

export const CORRECTION_REASONS = ['typo', 'wrongKpi', 'recount', 'lateData', 'other'] as const;
export type CorrectionReasonCode = (typeof CORRECTION_REASONS)[number];

export interface PadResult {
  value: number;
  note: string;
  /** '' for a first reading. */
  correctionReason: string;
}

export interface NumberPadProps {
  def: KpiDefinition;
  locale: string;
  /** Pre-filled value: set when correcting an earlier reading. */
  correcting?: { value: number } | null;
  /**
   * A correction's draft: what was typed is kept here as it is typed and is there again when the
   * pad reopens for the same reading; the screen clears it once the correction is saved or cancelled.
   */
  draft?: DraftSlot | null;
  onSave(result: PadResult): void;
  onCancel(): void;
}

interface CorrectionDraft {
  entry: PadEntry;
  note: string;
  reason: CorrectionReasonCode | null;
  reasonText: string;
}

function restoreCorrection(saved: unknown): CorrectionDraft | null {
  if (!saved || typeof saved !== 'object') return null;
  const d = saved as Partial<Record<keyof CorrectionDraft, unknown>>;
  const entry = d.entry as Partial<PadEntry> | null | undefined;
  if (!entry || typeof entry.text !== 'string' || typeof entry.prefilled !== 'boolean') return null;
  const reason = CORRECTION_REASONS.find((r) => r === d.reason) ?? null;
  return {
    entry: { text: entry.text, prefilled: entry.prefilled },
    note: typeof d.note === 'string' ? d.note : '',
    reason,
    reasonText: typeof d.reasonText === 'string' ? d.reasonText : '',
  };
}

const DIGIT_ROWS: PadKey[][] = [
  ['7', '8', '9'],
  ['4', '5', '6'],
  ['1', '2', '3'],
];

export function NumberPad({ def, locale, correcting, draft = null, onSave, onCancel }: NumberPadProps) {
  const limits = useMemo(() => padLimitsFor(def), [def]);
  const separator = useMemo(() => decimalSeparator(locale), [locale]);
  const [kept] = useState(() => (correcting ? restoreCorrection(draft?.load()) : null));
  const [entry, setEntry] = useState<PadEntry>(
    () => kept?.entry ?? (correcting ? correctionEntry(correcting.value, def.decimals) : { text: '', prefilled: false }),
  );
  const text = entry.text;
  const [note, setNote] = useState(kept?.note ?? '');
  const [reason, setReason] = useState<CorrectionReasonCode | null>(kept?.reason ?? null);
  const [reasonText, setReasonText] = useState(kept?.reasonText ?? '');
  // Kept as it is typed (not on mount: opening a correction is not a draft yet). The slot is read
  // through a ref: its owner builds it anew each render, and a save per render would be for nothing.
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const opened = useRef(true);
  useEffect(() => {
    if (opened.current) {
      opened.current = false;
      return;
    }
    draftRef.current?.save({ entry, note, reason, reasonText } satisfies CorrectionDraft);
  }, [entry, note, reason, reasonText]);
  const [confirming, setConfirming] = useState(false);
  const sent = useRef(false);

  const value = padValue(text);
  const isCorrection = Boolean(correcting);
  const reasonOk = !isCorrection || reason !== null;
  const canSave = value !== null && reasonOk;
  const fmt = (v: number) => formatNumber(v, locale, def.decimals);

  const press = (key: PadKey) => setEntry((current) => typeOnPad(current, key, limits));

  const finish = () => {
    // The pad stays up until the write is durable (a few ms): a second tap must not save twice.
    if (value === null || sent.current) return;
    sent.current = true;
    const reasonLabel = reason ? t(`reason.${reason}`) : '';
    const correctionReason = isCorrection ? [reasonLabel, reasonText.trim()].filter(Boolean).join(': ') : '';
    onSave({ value, note: note.trim(), correctionReason });
  };

  const save = () => {
    if (!canSave || value === null) return;
    if (!isPlausible(value, def)) {
      setConfirming(true);
      return;
    }
    finish();
  };

  // A hardware keyboard (desktop, USB keypad at the line) works too.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement) return;
      const k = e.key;
      if (/^[0-9]$/.test(k)) press(k as PadKey);
      else if (k === '.' || k === ',') press('dot');
      else if (k === 'Backspace') press('back');
      else if (k === '-') press('sign');
      else if (k === 'Escape') onCancel();
      else if (k === 'Enter') {
        if (confirming) finish();
        else save();
      } else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const title = padText(isCorrection ? 'pad.titleCorrect' : 'pad.titleRecord', { name: def.name });
  const range = padText('pad.range', { min: fmt(def.plausibleMin), max: fmt(def.plausibleMax) });

  if (confirming && value !== null) {
    return (
      <div class="overlay">
        <div class="pad pad-confirm" role="dialog" aria-modal="true" aria-label={padText('pad.confirmTitle')}>
          <h2>{padText('pad.confirmTitle')}</h2>
          <p class="confirm-value" data-testid="pad-confirm-value">
            {fmt(value)} <span class="unit">{def.unit}</span>
          </p>
          <p class="confirm-name">{def.name}</p>
          <p>{padText('pad.confirmText', { min: fmt(def.plausibleMin), max: fmt(def.plausibleMax) })}</p>
          <div class="row-buttons">
            <button type="button" class="btn btn-secondary btn-big" data-testid="pad-confirm-no" onClick={() => setConfirming(false)}>
              {padText('pad.confirmNo')}
            </button>
            <button type="button" class="btn btn-primary btn-big" data-testid="pad-confirm" onClick={finish}>
              {padText('pad.confirmYes')}
            </button>
          </div>
        </div>
      </div>
    );
  }

  return (
    <div class="overlay">
      <div class="pad" role="dialog" aria-modal="true" aria-label={title}>
        <div class="pad-head">
          <h2>{title}</h2>
          <button type="button" class="btn btn-secondary" data-testid="pad-cancel" onClick={onCancel}>
            {padText('pad.cancel')}
          </button>
        </div>

        {isCorrection && (
          <fieldset class="reasons">
            <legend>{padText('pad.reasonTitle')}</legend>
            <div class="chips">
              {CORRECTION_REASONS.map((code) => (
                <button
                  type="button"
                  key={code}
                  class={`chip${reason === code ? ' chip-on' : ''}`}
                  aria-pressed={reason === code}
                  data-testid={`reason-${code}`}
                  onClick={() => setReason(code)}
                >
                  {t(`reason.${code}` as MessageKey)}
                </button>
              ))}
            </div>
            <label class="field">
              <span>{padText('pad.reasonText')}</span>
              <input type="text" data-testid="reason-text" value={reasonText} onInput={(e) => setReasonText(e.currentTarget.value)} />
            </label>
          </fieldset>
        )}

        <div class="pad-display-row">
          {correcting && (
            <p class="pad-was" data-testid="pad-was">
              {padText('pad.was', { value: formatValue(correcting.value, def.unit, locale, def.decimals) })}
            </p>
          )}
          <output class={`pad-display${entry.prefilled ? ' pad-display-old' : ''}`} data-testid="pad-display" aria-live="polite">
            {text ? padDisplay(text, separator) : <span class="placeholder">{padText('pad.empty')}</span>}
            <span class="unit">{def.unit}</span>
          </output>
        </div>
        <p class="pad-range">{range}</p>

        <div class="pad-body">
          <div class="pad-keys">
            {DIGIT_ROWS.flat().map((k) => (
              <button type="button" key={k} class="key" data-testid={`pad-${k}`} onClick={() => press(k)}>
                {k}
              </button>
            ))}
            {limits.allowNegative ? (
              <button type="button" class="key" data-testid="pad-sign" aria-label={padText('pad.sign')} onClick={() => press('sign')}>
                ±
              </button>
            ) : (
              <span class="key key-blank" aria-hidden="true" />
            )}
            <button type="button" class="key" data-testid="pad-0" onClick={() => press('0')}>
              0
            </button>
            <button
              type="button"
              class="key"
              data-testid="pad-dot"
              aria-label={padText('pad.decimal')}
              disabled={limits.decimals === 0}
              onClick={() => press('dot')}
            >
              {separator}
            </button>
          </div>
          <div class="pad-side">
            <button type="button" class="key key-fn" data-testid="pad-back" aria-label={t('pad.back')} onClick={() => press('back')}>
              ⌫
            </button>
            <button type="button" class="key key-fn" data-testid="pad-clear" onClick={() => press('clear')}>
              {padText('pad.clear')}
            </button>
            <button type="button" class="key key-save" data-testid="pad-save" disabled={!canSave} onClick={save}>
              {padText('pad.save')}
            </button>
          </div>
        </div>
        {isCorrection && !reasonOk && <p class="hint">{padText('pad.reasonNeeded')}</p>}
        <label class="field">
          <span>{padText('pad.note')}</span>
          <input type="text" data-testid="pad-note" value={note} maxLength={500} onInput={(e) => setNote(e.currentTarget.value)} />
        </label>
      </div>
    </div>
  );
}
