/**
 * A big digit pad for a PIN (masked: only dots show) or a badge number
 * (shown). Keys are at least 64 px for gloves; Clear, Delete and the submit key
 * sit beside the digits. A hardware keypad works too: digits, Backspace, Enter.
 */
import { useEffect } from 'preact/hooks';
import { PIN_MAX_LENGTH, PIN_MIN_LENGTH } from '../../domain/people/pin.ts';
import { tp } from './people-messages.ts';
import './people.css';

export interface PinPadProps {
  value: string;
  onChange(value: string): void;
  onSubmit(): void;
  submitLabel: string;
  /** Accessible name of the display ("PIN", "Badge number"). */
  label: string;
  /** Dots instead of digits (a PIN); false for a badge number. Default true. */
  masked?: boolean;
  /** Submit is enabled from this many digits. Default PIN_MIN_LENGTH. */
  minLength?: number;
  maxLength?: number;
  /** Checking, or waiting after wrong PINs: keys do nothing. */
  disabled?: boolean;
  /** Prefix of the keys' test ids: `${testId}-key-7`, `${testId}-submit`... Default 'pin'. */
  testId?: string;
}

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

export function PinPad({
  value,
  onChange,
  onSubmit,
  submitLabel,
  label,
  masked = true,
  minLength = PIN_MIN_LENGTH,
  maxLength = PIN_MAX_LENGTH,
  disabled = false,
  testId = 'pin',
}: PinPadProps) {
  const canSubmit = !disabled && value.length >= minLength;
  const type = (d: string) => {
    if (!disabled && value.length < maxLength) onChange(value + d);
  };
  const back = () => !disabled && onChange(value.slice(0, -1));
  const clear = () => !disabled && onChange('');
  const submit = () => canSubmit && onSubmit();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target;
      if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) return;
      if (/^[0-9]$/.test(e.key)) type(e.key);
      else if (e.key === 'Backspace') back();
      else if (e.key === 'Enter') submit();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  // Masked: as many slots as a PIN needs at least, filled as digits are typed; the digits never reach the DOM.
  const slots = Math.max(minLength, value.length);
  return (
    <div class="pin-pad" data-testid={`${testId}-pad`}>
      <output
        class={`pin-display${masked ? ' pin-masked' : ''}`}
        data-testid={`${testId}-display`}
        data-count={value.length}
        aria-label={masked ? (value.length === 1 ? tp('pin.displayOne') : tp('pin.display', { count: value.length })) : label}
        aria-live="polite"
      >
        {masked
          ? Array.from({ length: slots }, (_, i) => <span key={i} class={`pin-dot${i < value.length ? ' pin-dot-on' : ''}`} aria-hidden="true" />)
          : value || '\u00a0'}
      </output>
      <div class="pin-keys">
        {DIGITS.map((d) => (
          <button type="button" key={d} class="key" data-testid={`${testId}-key-${d}`} disabled={disabled} onClick={() => type(d)}>
            {d}
          </button>
        ))}
        <button type="button" class="key key-fn" data-testid={`${testId}-clear`} disabled={disabled} onClick={clear}>
          {tp('pin.clear')}
        </button>
        <button type="button" class="key" data-testid={`${testId}-key-0`} disabled={disabled} onClick={() => type('0')}>
          0
        </button>
        <button type="button" class="key key-fn" data-testid={`${testId}-back`} aria-label={tp('pin.back')} disabled={disabled} onClick={back}>
          ⌫
        </button>
      </div>
      <button type="button" class="key key-save pin-submit" data-testid={`${testId}-submit`} disabled={!canSubmit} onClick={submit}>
        {submitLabel}
      </button>
    </div>
  );
}
