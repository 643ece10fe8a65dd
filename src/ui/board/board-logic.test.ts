import { describe, expect, it } from 'vitest';
import { boardPages, tileGroups } from './board-pages.ts';
import { tileFigure } from './board-format.ts';
import { keyStep, resumeRotation, rotationTick, startRotation, takeOver } from './board-rotation.ts';
import { boardSettingsFromHash, isBoardHash } from './board-route.tsx';
import { contactTracker } from './board-freshness.ts';
import { initialSyncStatus } from '../../sync/status.ts';
import { testKpi, testLine } from '../../db/testing/test-fixtures.ts';

describe('board pages', () => {
  it('groups plant, area and line KPIs, packs lines into pages by rows, never splitting a line', () => {
    const lines = Array.from({ length: 8 }, (_, i) => testLine({ id: `line-${i}`, code: `L${i}` }));
    const defs = [
      testKpi({ id: 'plant-1', level: 'plant', lineId: '' }),
      ...lines.flatMap((l) => Array.from({ length: 10 }, (_, k) => testKpi({ id: `${l.id}-k${k}`, lineId: l.id, code: `${l.code}-K${k}` }))),
    ];
    const groups = tileGroups(lines, defs);
    expect(groups.map((g) => g.key).slice(0, 3)).toEqual(['plant', 'line:line-0', 'line:line-1']);
    const pages = boardPages(groups, { rowsPerPage: 6, maxColumns: 10 });
    expect(pages.map((p) => p.kind)).toEqual(['calendar', 'tiles', 'tiles', 'escalations']);
    const tilePages = pages.filter((p) => p.kind === 'tiles');
    expect(tilePages.map((p) => p.groups.length)).toEqual([6, 3]);
    expect(tilePages.every((p) => p.columns === 10)).toBe(true);
  });

  it('a 12-KPI line takes two rows of at most maxColumns tiles', () => {
    const line = testLine();
    const defs = Array.from({ length: 12 }, (_, k) => testKpi({ id: `k${k}` }));
    const pages = boardPages(tileGroups([line], defs), { rowsPerPage: 1, maxColumns: 10 });
    // Alone on its page even though it needs 2 rows of a 1-row page: a group is never split.
    expect(pages.filter((p) => p.kind === 'tiles')).toHaveLength(1);
  });
});

describe('rotation', () => {
  it('turns pages after the dwell time and wraps', () => {
    let s = startRotation(0);
    s = rotationTick(s, 19_999, 3, 20_000, 120_000);
    expect(s.index).toBe(0);
    s = rotationTick(s, 20_000, 3, 20_000, 120_000);
    expect(s.index).toBe(1);
    s = rotationTick(rotationTick(s, 40_000, 3, 20_000, 120_000), 60_000, 3, 20_000, 120_000);
    expect(s.index).toBe(0);
  });

  it('a key takes over and pauses until idle; Esc resumes; pages wrap both ways', () => {
    let s = takeOver(startRotation(0), 1_000, 4, -1);
    expect(s).toMatchObject({ index: 3, meeting: true });
    s = rotationTick(s, 120_999, 4, 20_000, 120_000);
    expect(s).toMatchObject({ index: 3, meeting: true });
    s = rotationTick(s, 121_000, 4, 20_000, 120_000);
    expect(s).toMatchObject({ index: 3, meeting: false, shownAtMs: 121_000 });
    expect(resumeRotation(takeOver(s, 130_000, 4, 1), 131_000)).toMatchObject({ index: 0, meeting: false });
  });

  it('maps remote keys', () => {
    expect(['ArrowRight', 'ArrowDown', 'PageDown'].map(keyStep)).toEqual([1, 1, 1]);
    expect(['ArrowLeft', 'ArrowUp', 'PageUp'].map(keyStep)).toEqual([-1, -1, -1]);
    expect(keyStep('Escape')).toBeNull();
    expect(keyStep('b')).toBe(0);
  });
});

describe('board route', () => {
  it('recognises #board and reads kiosk settings in seconds', () => {
    expect(isBoardHash('#board')).toBe(true);
    expect(isBoardHash('#board?dwell=5')).toBe(true);
    expect(isBoardHash('#boards')).toBe(false);
    expect(isBoardHash('#enroll=ABC')).toBe(false);
    expect(boardSettingsFromHash('#board?dwell=30&stale=5&rows=4&layout=grid&cols=x')).toEqual({ dwellMs: 30_000, staleAfterMs: 5_000, rowsPerPage: 4, calendarLayout: 'grid' });
  });
});

describe('contact with the server', () => {
  const enrolled = { ...initialSyncStatus(), auth: 'enrolled' as const, running: true, lastSyncAtMs: 0 };
  it('counts a healthy open stream as contact, so an idle plant does not look stale', () => {
    const t = contactTracker(0);
    expect(t.observe(enrolled, 500_000, 120_000).stale).toBe(false);
  });
  it('after a lost link, stale counts from the last healthy second', () => {
    const t = contactTracker(0);
    t.observe(enrolled, 100_000, 120_000);
    const lost = { kind: 'stream_lost' as const, message: '', atMs: 100_500 };
    const down = { ...enrolled, lastError: lost, linkError: lost };
    expect(t.observe(down, 220_000, 120_000).stale).toBe(false);
    expect(t.observe(down, 220_001, 120_000)).toEqual({ stale: true, since: 100_000, forMs: 120_001 });
  });
  it('a push problem shown for hours does not make the board stale while the link is up', () => {
    const t = contactTracker(0);
    const pushFailed = { ...enrolled, lastError: { kind: 'server_error' as const, message: '', atMs: 1_000 }, linkError: null };
    expect(t.observe(pushFailed, 4 * 3_600_000, 120_000).stale).toBe(false);
  });
  it('never reached: stale only once the grace from the board start has passed', () => {
    const t = contactTracker(1_000);
    const never = { ...enrolled, lastSyncAtMs: null, running: false };
    expect(t.observe(never, 60_000, 120_000).stale).toBe(false);
    expect(t.observe(never, 122_000, 120_000)).toEqual({ stale: true, since: null, forMs: 0 });
  });
});

describe('tile figure', () => {
  const fpy = { target: 98, direction: 'higher_is_better' } as const;
  const scrap = { target: 2, direction: 'lower_is_better' } as const;

  it('shows the KPI\'s own precision, the figure its status is judged on: 84.96 with one decimal reads 85.0', () => {
    expect(tileFigure(84.96, 'en-GB', 1, { target: 85, direction: 'higher_is_better' })).toBe('85.0');
    expect(tileFigure(97.96, 'en-GB', 2, fpy)).toBe('97.96');
    expect(tileFigure(0.0667, 'en-GB', 4, { target: 0.07, direction: 'lower_is_better' })).toBe('0.0667');
    // The target is printed the same way: an ideal cycle time of 0.0667 stands beside 0.0700, not 0.07.
    expect(tileFigure(0.07, 'en-GB', 4)).toBe('0.0700');
    expect(tileFigure(2.004, 'en-GB', 3, scrap)).toBe('2.004');
    expect(tileFigure(999.6, 'en-GB', 1, { target: 1000, direction: 'higher_is_better' })).toBe('999.6');
    expect(tileFigure(1000.4, 'en-GB', 1, { target: 1000.3, direction: 'higher_is_better' })).toBe('1,000.4');
  });

  it('shows counts past 10,000 in thousands, never rounded onto or across the target', () => {
    expect(tileFigure(19_960, 'en-GB', 0, { target: 20_000, direction: 'higher_is_better' })).toBe('19.9k');
    expect(tileFigure(20_040, 'en-GB', 0, { target: 20_000, direction: 'higher_is_better' })).toBe('20.0k');
    expect(tileFigure(16_100, 'en-GB', 0)).toBe('16.1k');
    expect(tileFigure(123_456, 'en-GB', 0)).toBe('123k');
  });
});
