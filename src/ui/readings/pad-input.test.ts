import { describe, expect, it } from 'vitest';
import { applyPadKey, correctionEntry, padDisplay, padLimitsFor, padTextFor, padValue, typeOnPad, type PadKey } from './pad-input.ts';

const type = (keys: PadKey[], limits = padLimitsFor({ decimals: 1, plausibleMin: 0, plausibleMax: 100, unit: '%' })) =>
  keys.reduce((text, k) => applyPadKey(text, k, limits), '');

describe('pad input', () => {
  it('limits decimals to the definition', () => {
    expect(type(['8', '7', 'dot', '5', '4'])).toBe('87.5');
    expect(type(['1', 'dot', '2', '3', '4'], padLimitsFor({ decimals: 2, plausibleMin: 0, plausibleMax: 10, unit: 'kg' }))).toBe('1.23');
  });

  it('refuses a decimal point on whole-number KPIs and a second point anywhere', () => {
    expect(type(['4', 'dot', '2'], padLimitsFor({ decimals: 0, plausibleMin: 0, plausibleMax: 30, unit: 'pcs' }))).toBe('42');
    expect(type(['4', 'dot', 'dot', '2'])).toBe('4.2');
  });

  it('refuses a minus only where the shared rule calls a negative impossible: never-negative unit and range from 0', () => {
    expect(type(['sign', '5'])).toBe('5');
    // °C can be negative: −2 on a 0..40 range is implausible ("are you sure?"), not impossible.
    const celsius = padLimitsFor({ decimals: 1, plausibleMin: 0, plausibleMax: 40, unit: '°C' });
    expect(type(['2', 'sign'], celsius)).toBe('-2');
    expect(padLimitsFor({ decimals: 0, plausibleMin: 0, plausibleMax: 40, unit: ' PCS ' }).allowNegative).toBe(false);
    const signed = padLimitsFor({ decimals: 1, plausibleMin: -20, plausibleMax: 20, unit: '%' });
    expect(type(['5', 'sign'], signed)).toBe('-5');
    expect(type(['5', 'sign', 'sign'], signed)).toBe('5');
  });

  it('caps the length at one digit more than the plausible bound needs', () => {
    // 0..100 needs 3 digits; 4 are allowed (a soft range), the fifth is not.
    expect(type(['9', '9', '9', '9', '9'])).toBe('9999');
    expect(padLimitsFor({ decimals: 0, plausibleMin: 0, plausibleMax: 30, unit: 'pcs' }).maxIntegerDigits).toBe(3);
  });

  it('replaces a lone leading zero and starts "." as "0."', () => {
    expect(type(['0', '0', '7'])).toBe('7');
    expect(type(['dot', '5'])).toBe('0.5');
  });

  it('backspace and clear', () => {
    expect(type(['1', '2', 'back'])).toBe('1');
    expect(type(['1', '2', 'clear'])).toBe('');
  });

  it('reads the value, or null while it is not a number yet', () => {
    expect(padValue('')).toBeNull();
    expect(padValue('-')).toBeNull();
    expect(padValue('12.')).toBe(12);
    expect(padValue('-0.5')).toBe(-0.5);
  });

  it('shows the plant decimal separator and pre-fills corrections without trailing zeros', () => {
    expect(padDisplay('87.5', ',')).toBe('87,5');
    expect(padTextFor(87.5, 2)).toBe('87.5');
    expect(padTextFor(12, 0)).toBe('12');
    expect(padTextFor(3, 1)).toBe('3');
  });

  it('a correction\'s first key replaces the old value: "2" then "3" is 23, whatever the old value was', () => {
    const limits = padLimitsFor({ decimals: 1, plausibleMin: 0, plausibleMax: 100, unit: '%' });
    const typeOver = (old: number, keys: PadKey[]) => keys.reduce((entry, k) => typeOnPad(entry, k, limits), correctionEntry(old, 1)).text;
    expect(correctionEntry(2, 1)).toEqual({ text: '2', prefilled: true });
    expect(typeOver(2, ['2', '3'])).toBe('23');
    expect(typeOver(78.5, ['8', '7', 'dot', '5'])).toBe('87.5');
    expect(typeOver(78.5, ['dot', '5'])).toBe('0.5');
    // Backspace on the untouched old value starts over too, rather than leaving half of it ("78." from 78.5).
    expect(typeOver(78.5, ['back'])).toBe('');
    expect(typeOver(78.5, ['back', '4'])).toBe('4');
    // After the first key the pad types as usual.
    expect(typeOver(2, ['4', '5', 'back'])).toBe('4');
    expect(typeOnPad({ text: '12', prefilled: false }, '3', limits)).toEqual({ text: '123', prefilled: false });
  });
});
