/**
 * What the number pad lets a gloved finger type. The typed text is kept in a
 * canonical form (`-`, digits, `.`), shown with the plant's decimal separator.
 * Keys that would make an impossible value are ignored rather than shown as
 * errors: too many decimals, a minus on a KPI that cannot be negative, a
 * second decimal point, or more digits than the KPI can ever need.
 */
import { unitCanBeNegative } from '../../domain/kpi/plausibility.ts';

export type PadKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | 'dot' | 'back' | 'clear' | 'sign';

export interface PadLimits {
  decimals: number;
  allowNegative: boolean;
  /** Most digits before the decimal point. */
  maxIntegerDigits: number;
}

/**
 * Digits before the point: one more than the larger plausible bound needs.
 * The plausible range is soft (values outside it are asked about, not
 * refused), so the pad leaves room for ten times the bound; it only stops
 * runaway typing, such as a glove resting on a key.
 */
export function padLimitsFor(def: { decimals: number; plausibleMin: number; plausibleMax: number; unit: string }): PadLimits {
  const biggest = Math.max(Math.abs(def.plausibleMin), Math.abs(def.plausibleMax), 1);
  const digits = Math.floor(Math.log10(biggest)) + 1;
  return {
    decimals: Math.max(0, Math.floor(def.decimals)),
    // The shared rule (src/domain/kpi/plausibility.ts) refuses a negative only when the range starts at 0 or
    // above AND the unit can never be negative; −2 °C on a 0–40 °C KPI is merely implausible ("are you
    // sure?"), so the pad must let it be typed.
    allowNegative: def.plausibleMin < 0 || unitCanBeNegative(def.unit),
    // 12 digits: far beyond any shop-floor count, well inside a double's exact integers.
    maxIntegerDigits: Math.min(digits + 1, 12),
  };
}

export function applyPadKey(text: string, key: PadKey, limits: PadLimits): string {
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  const [intPart = '', fracPart] = body.split('.');
  switch (key) {
    case 'clear':
      return '';
    case 'back':
      return text.slice(0, -1);
    case 'sign':
      if (!limits.allowNegative) return text;
      return negative ? body : `-${body}`;
    case 'dot':
      if (limits.decimals === 0 || fracPart !== undefined) return text;
      return `${negative ? '-' : ''}${intPart === '' ? '0' : intPart}.`;
    default: {
      if (fracPart !== undefined) {
        if (fracPart.length >= limits.decimals) return text;
        return text + key;
      }
      // A leading zero is replaced, never followed: `07` is not a number anyone means.
      if (intPart === '0') return `${negative ? '-' : ''}${key}`;
      if (intPart.length >= limits.maxIntegerDigits) return text;
      return text + key;
    }
  }
}

/** The typed value, or null while it is not a number yet (empty, `-`). */
export function padValue(text: string): number | null {
  if (text === '' || text === '-') return null;
  const v = Number(text.endsWith('.') ? text.slice(0, -1) : text);
  return Number.isFinite(v) ? v : null;
}

/** The typed text as shown, with the plant's decimal separator. */
export function padDisplay(text: string, separator: string): string {
  return text.replace('.', separator).replace('-', '\u2212');
}

/**
 * What the pad shows: the typed text, and whether it is still the old value a
 * correction started from. The old value is shown so the person sees what they
 * correct, but it is not theirs to type on: "2" then "3" over an old 2 must be
 * 23, not 223. So the first key of any kind starts a new value (backspace too:
 * "78." left over from 78.5 is not a value anyone meant).
 */
export interface PadEntry {
  text: string;
  prefilled: boolean;
}

/** A correction's starting entry: the old value, to be replaced by the first key. */
export function correctionEntry(value: number, decimals: number): PadEntry {
  return { text: padTextFor(value, decimals), prefilled: true };
}

export function typeOnPad(entry: PadEntry, key: PadKey, limits: PadLimits): PadEntry {
  if (entry.prefilled) return { text: key === 'back' ? '' : applyPadKey('', key, limits), prefilled: false };
  return { text: applyPadKey(entry.text, key, limits), prefilled: false };
}

/** Canonical pad text for an existing value (pre-filling a correction). */
export function padTextFor(value: number, decimals: number): string {
  const fixed = value.toFixed(Math.max(0, decimals));
  // Drop trailing zeros after the point so backspace removes real digits first.
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}

export function isPlausible(value: number, def: { plausibleMin: number; plausibleMax: number }): boolean {
  return value >= def.plausibleMin && value <= def.plausibleMax;
}
