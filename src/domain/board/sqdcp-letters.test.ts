import { describe, expect, it } from 'vitest';
import { SQDCP } from '../kpi/kpi-types.ts';
import { LETTER_COLUMNS, LETTER_MASKS, daysInMonth, letterLayout, monthGridLayout, parseMonth, strokeCellCount } from './sqdcp-letters.ts';

describe('LETTER_MASKS', () => {
  it.each(SQDCP)('%s is a grid 7 cells wide with at least 31 stroke cells', (category) => {
    const mask = LETTER_MASKS[category];
    expect(mask.length).toBeGreaterThan(0);
    for (const row of mask) expect(row).toHaveLength(LETTER_COLUMNS);
    expect(strokeCellCount(category)).toBeGreaterThanOrEqual(31);
  });

  it('gives every letter its own shape', () => {
    const shapes = new Set(SQDCP.map((c) => JSON.stringify(LETTER_MASKS[c])));
    expect(shapes.size).toBe(5);
  });

  it('draws S with a stroke top-left and bottom-right, P with an open bottom-right', () => {
    const s = LETTER_MASKS.safety;
    // The S turns: left side open in the lower half, right side open in the upper half.
    expect(s[2]?.[0]).toBe(true);
    expect(s[2]?.[6]).toBe(false);
    expect(s[5]?.[0]).toBe(false);
    expect(s[5]?.[6]).toBe(true);
    const p = LETTER_MASKS.people;
    expect(p[7]?.[0]).toBe(true);
    expect(p[7]?.[6]).toBe(false);
  });
});

describe('letterLayout', () => {
  it.each(SQDCP)('puts days 1..31 on the strokes of %s in reading order, the rest spare', (category) => {
    const layout = letterLayout(category, 31);
    const strokes = layout.flat().filter((c) => c !== null);
    expect(strokes.slice(0, 31)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    expect(strokes.slice(31).every((c) => c === 'spare')).toBe(true);
    // Cells off the letter stay empty, cells on it carry something.
    layout.forEach((row, r) => row.forEach((cell, c) => expect(cell !== null).toBe(LETTER_MASKS[category][r]?.[c])));
  });

  it('leaves a 28-day February with more spare stroke cells and no day 29', () => {
    const cells = letterLayout('cost', 28).flat();
    expect(cells).not.toContain(29);
    expect(cells.filter((c) => c === 'spare')).toHaveLength(strokeCellCount('cost') - 28);
  });
});

describe('monthGridLayout', () => {
  it('starts January 2026 (1st is a Thursday) after three blanks on a Monday grid', () => {
    const rows = monthGridLayout('2026-01');
    expect(rows[0]).toEqual([null, null, null, 1, 2, 3, 4]);
    expect(rows.flat().filter((c) => typeof c === 'number')).toHaveLength(31);
    for (const row of rows) expect(row).toHaveLength(7);
  });

  it('starts March 2026 (1st is a Sunday) in the first cell of a Sunday grid and the last of a Monday grid', () => {
    expect(monthGridLayout('2026-03', 0)[0]?.[0]).toBe(1);
    expect(monthGridLayout('2026-03', 1)[0]).toEqual([null, null, null, null, null, null, 1]);
  });

  it('fills February of a leap year to the 29th', () => {
    expect(daysInMonth('2024-02')).toBe(29);
    expect(daysInMonth('2026-02')).toBe(28);
    expect(monthGridLayout('2024-02').flat()).toContain(29);
  });

  it('refuses a month that is not yyyy-MM', () => {
    expect(() => parseMonth('2026-13')).toThrow(RangeError);
    expect(() => parseMonth('2026-3')).toThrow(RangeError);
  });
});
