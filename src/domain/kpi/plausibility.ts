/**
 * Is a typed KPI value possible, and is it plausible? The one rule for the
 * number pad, imports and the server.
 *
 * - impossible: the value cannot be right and is refused: not a number, more
 *   decimals than the KPI records, or negative for a unit that is never
 *   negative (a count, a time, a mass, a share) when the KPI's plausible range
 *   does not go below zero either.
 * - implausible: possible but outside [plausibleMin, plausibleMax]. The pad
 *   shows it big and asks "are you sure?"; a confirmed value is recorded.
 *   A negative value on a unit not known to be never-negative (°C, €...) is
 *   only implausible: a false "impossible" would refuse a true reading, a
 *   false "implausible" only costs a second tap.
 *
 * Typed text is the pad's canonical form: optional minus (also U+2212, as
 * the pad displays it), digits, one decimal point (a comma is accepted too,
 * for keyboards of plants that write 3,5). Trailing zeros after the point do
 * not count as decimals: 12.50 is 12.5.
 */
import type { KpiDefinition } from './kpi-types.ts';

export type PlausibilityDef = Pick<KpiDefinition, 'decimals' | 'plausibleMin' | 'plausibleMax' | 'unit'>;

export type ValueProblem = 'not_a_number' | 'too_many_decimals' | 'negative' | 'below_range' | 'above_range';

export type ValueCheck =
  | { ok: true; value: number }
  | { ok: false; kind: 'impossible'; code: 'not_a_number' | 'too_many_decimals' | 'negative'; message: string }
  | { ok: false; kind: 'implausible'; code: 'below_range' | 'above_range'; value: number; message: string };

/**
 * Units that can never be negative (lower case, as plants type them). A
 * count, duration, mass, length, volume, energy or share below zero is a
 * typing slip, not a reading.
 */
const NEVER_NEGATIVE_UNITS: ReadonlySet<string> = new Set([
  '%', 'percent', 'ppm', 'pcs', 'pc', 'parts', 'units', 'count', '#', 'incidents', 'defects', 'stops', 'people',
  's', 'sec', 'min', 'h', 'hr', 'hrs', 'hours', 'days',
  'g', 'kg', 't', 'lb', 'mm', 'cm', 'm', 'km', 'l', 'ml', 'm3', 'm³', 'kwh', 'mwh',
]);

export function unitCanBeNegative(unit: string): boolean {
  return !NEVER_NEGATIVE_UNITS.has(unit.trim().toLowerCase());
}

const NUMBER_TEXT = /^-?(\d+(\.\d*)?|\.\d+)$/;

function decimalsOfText(text: string): number {
  const frac = text.split('.')[1] ?? '';
  return frac.replace(/0+$/, '').length;
}

/** Decimals a number needs, for numbers passed as numbers (an import, a formula). */
function decimalsOfNumber(value: number, max: number): number {
  for (let d = 0; d <= max; d++) {
    const scaled = value * 10 ** d;
    // Relative tolerance: 0.1 + 0.2 is 0.30000000000000004 and still has one decimal.
    if (Math.abs(scaled - Math.round(scaled)) <= 1e-9 * Math.max(1, Math.abs(scaled))) return d;
  }
  return max + 1;
}

function fmt(n: number): string {
  return String(n);
}

export function checkValue(def: PlausibilityDef, raw: string | number): ValueCheck {
  let value: number;
  let decimals: number;
  const allowed = Math.max(0, Math.floor(def.decimals));
  if (typeof raw === 'number') {
    value = raw;
    if (!Number.isFinite(value)) return { ok: false, kind: 'impossible', code: 'not_a_number', message: 'That is not a number.' };
    decimals = decimalsOfNumber(value, allowed);
  } else {
    const text = raw.trim().replace('\u2212', '-').replace(',', '.');
    if (!NUMBER_TEXT.test(text)) return { ok: false, kind: 'impossible', code: 'not_a_number', message: `"${raw}" is not a number.` };
    value = Number(text);
    if (!Number.isFinite(value)) return { ok: false, kind: 'impossible', code: 'not_a_number', message: `"${raw}" is not a number.` };
    decimals = decimalsOfText(text);
  }
  if (Object.is(value, -0)) value = 0;
  if (decimals > allowed) {
    const message = allowed === 0 ? 'This KPI is recorded in whole numbers.' : `This KPI is recorded with at most ${allowed} decimal${allowed === 1 ? '' : 's'}.`;
    return { ok: false, kind: 'impossible', code: 'too_many_decimals', message };
  }
  const min = Math.min(def.plausibleMin, def.plausibleMax);
  const max = Math.max(def.plausibleMin, def.plausibleMax);
  if (value < 0 && min >= 0 && !unitCanBeNegative(def.unit)) {
    return { ok: false, kind: 'impossible', code: 'negative', message: `A value in ${def.unit} cannot be negative.` };
  }
  const unit = def.unit ? ` ${def.unit}` : '';
  if (value < min) {
    return { ok: false, kind: 'implausible', code: 'below_range', value, message: `${fmt(value)}${unit} is below the usual ${fmt(min)} to ${fmt(max)}${unit}. Is it right?` };
  }
  if (value > max) {
    return { ok: false, kind: 'implausible', code: 'above_range', value, message: `${fmt(value)}${unit} is above the usual ${fmt(min)} to ${fmt(max)}${unit}. Is it right?` };
  }
  return { ok: true, value };
}
