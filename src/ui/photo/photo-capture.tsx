/**
 * The photo field: the tablet's own camera through a plain file input
 * (`capture="environment"` opens the rear camera; no custom camera UI to fight
 * with gloves), then the photo is checked and shrunk on the tablet before it
 * goes anywhere. A photo that cannot be used says why, in words.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatBytes } from '../format.ts';
import { photoText } from './photo-messages.ts';
import { dataUrlBytes, MAX_INPUT_BYTES, type PhotoProblem } from './photo-rules.ts';
import { canvasDecoder, preparePhoto, type PhotoDecoder } from './photo-shrink.ts';
import './photo.css';

export interface PhotoCaptureProps {
  /** The shrunk photo as a JPEG data URL, or '' for none. */
  value: string;
  onChange(dataUrl: string): void;
  /** For sizes in the messages. */
  locale: string;
  /** Tests pass a fake; the app uses the canvas. */
  decoder?: PhotoDecoder;
  /** True while a photo is being prepared, so the form can hold its submit button. */
  onBusy?(busy: boolean): void;
}

export function problemText(problem: PhotoProblem, locale: string): string {
  switch (problem.kind) {
    case 'wrong_type':
      return photoText('photo.wrongType', { type: problem.type });
    case 'too_large':
      return photoText('photo.tooLarge', { size: formatBytes(problem.bytes, locale), max: formatBytes(MAX_INPUT_BYTES, locale) });
    case 'unreadable':
      return photoText('photo.unreadable');
    case 'cannot_shrink':
      return photoText('photo.cannotShrink');
  }
}

export function PhotoCapture({ value, onChange, locale, decoder = canvasDecoder, onBusy }: PhotoCaptureProps) {
  const [problem, setProblem] = useState<PhotoProblem | null>(null);
  const [busy, setBusy] = useState(false);
  // Only the latest pick counts: a second photo taken while the first is shrinking replaces it.
  const latest = useRef(0);
  useEffect(() => () => {
    latest.current = -1;
  }, []);

  const onPick = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    // Clear, so taking the same photo again fires a change.
    input.value = '';
    if (!file) return;
    const mine = ++latest.current;
    setProblem(null);
    setBusy(true);
    onBusy?.(true);
    const result = await preparePhoto(file, decoder);
    if (mine !== latest.current) return;
    setBusy(false);
    onBusy?.(false);
    if (result.ok) onChange(result.dataUrl);
    else setProblem(result.problem);
  };

  const input = (
    <input
      class="visually-hidden"
      type="file"
      accept="image/*"
      capture="environment"
      data-testid="photo-input"
      onChange={(e) => void onPick(e)}
    />
  );

  return (
    <div class="photo-field">
      {value ? (
        <div class="photo-preview">
          <img src={value} alt={photoText('photo.alt')} data-testid="photo-preview" />
          <div class="photo-preview-side">
            <p class="photo-ready">{photoText('photo.ready', { size: formatBytes(dataUrlBytes(value), locale) })}</p>
            <label class="btn btn-secondary photo-button">
              {input}
              <span aria-hidden="true">📷</span> {photoText('photo.retake')}
            </label>
            <button type="button" class="btn btn-secondary" data-testid="photo-remove" onClick={() => onChange('')}>
              {photoText('photo.remove')}
            </button>
          </div>
        </div>
      ) : (
        <label class="btn btn-secondary btn-big photo-button">
          {input}
          <span aria-hidden="true">📷</span> {photoText('photo.take')}
        </label>
      )}
      {busy && (
        <p class="hint" role="status" data-testid="photo-busy">
          {photoText('photo.working')}
        </p>
      )}
      {problem && (
        <p class="hint hint-error photo-problem" role="alert" data-testid="photo-problem">
          <span aria-hidden="true">⚠ </span>
          {problemText(problem, locale)}
        </p>
      )}
    </div>
  );
}
