/**
 * Where each day of the month sits on the SQDCP board: on the strokes of the
 * category's letter (the classic "SQDCP letter calendar" pinned up at the
 * line), or in a plain month grid.
 *
 * Every letter is 7 cells wide (a week's width, so the two layouts line up on
 * the screen) and 8 rows tall, with strokes two cells thick so the letter
 * still reads from across the hall. Days 1..31 fill the stroke cells in
 * reading order (row by row, left to right); a letter has more stroke cells
 * than a month has days, and the ones left over are drawn as bare stroke
 * ('spare') so the letter stays whole in a 28-day February.
 */
import { SQDCP, type SqdcpCategory } from '../kpi/kpi-types.ts';

const SHAPES: Record<SqdcpCategory, readonly string[]> = {
  safety: [
    '.######',
    '#######',
    '##.....',
    '######.',
    '.######',
    '.....##',
    '#######',
    '######.',
  ],
  quality: [
    '.#####.',
    '#######',
    '##...##',
    '##...##',
    '##.#.##',
    '##..###',
    '#######',
    '.######',
  ],
  delivery: [
    '#####..',
    '######.',
    '##...##',
    '##...##',
    '##...##',
    '##...##',
    '######.',
    '#####..',
  ],
  cost: [
    '.######',
    '#######',
    '##.....',
    '##.....',
    '##.....',
    '##.....',
    '#######',
    '.######',
  ],
  people: [
    '######.',
    '#######',
    '##...##',
    '#######',
    '######.',
    '##.....',
    '##.....',
    '##.....',
  ],
};

export const LETTER_COLUMNS = 7;

function toMask(rows: readonly string[]): boolean[][] {
  return rows.map((row) => [...row].map((c) => c === '#'));
}

/** Per letter, rows of 7 cells; true where the letter's stroke is. */
export const LETTER_MASKS: Record<SqdcpCategory, boolean[][]> = Object.fromEntries(
  SQDCP.map((c) => [c, toMask(SHAPES[c])]),
) as Record<SqdcpCategory, boolean[][]>;

/** A cell of a layout: a day of the month (1..31), a stroke cell without a day, or empty. */
export type LayoutCell = number | 'spare' | null;

export function strokeCellCount(category: SqdcpCategory): number {
  return LETTER_MASKS[category].reduce((n, row) => n + row.filter(Boolean).length, 0);
}

/** The letter's grid with days 1..daysInMonth on its strokes in reading order. */
export function letterLayout(category: SqdcpCategory, daysInMonth: number): LayoutCell[][] {
  let day = 0;
  return LETTER_MASKS[category].map((row) =>
    row.map((stroke): LayoutCell => {
      if (!stroke) return null;
      day += 1;
      return day <= daysInMonth ? day : 'spare';
    }),
  );
}

/**
 * The plain month grid: weeks as rows of 7, empty cells before the 1st and
 * after the last day. Weeks start on Monday by default (ISO 8601, as most
 * plants outside North America print them); pass 0 for Sunday.
 */
export function monthGridLayout(month: string, weekStartsOn: 0 | 1 = 1): LayoutCell[][] {
  const [y, m] = parseMonth(month);
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const firstWeekday = new Date(Date.UTC(y, m - 1, 1)).getUTCDay(); // 0 = Sunday
  const lead = (firstWeekday - weekStartsOn + 7) % 7;
  const cells: LayoutCell[] = [...Array<null>(lead).fill(null), ...Array.from({ length: days }, (_, i) => i + 1)];
  while (cells.length % 7 !== 0) cells.push(null);
  const rows: LayoutCell[][] = [];
  for (let i = 0; i < cells.length; i += 7) rows.push(cells.slice(i, i + 7));
  return rows;
}

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** `yyyy-MM` -> [year, month 1..12]. */
export function parseMonth(month: string): [number, number] {
  const m = MONTH_PATTERN.exec(month);
  if (!m) throw new RangeError(`Not a month (yyyy-MM): ${JSON.stringify(month)}`);
  return [Number(m[1]), Number(m[2])];
}

export function daysInMonth(month: string): number {
  const [y, m] = parseMonth(month);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}
