/**
 * Which pages the board rotates through: the SQDCP calendar, as many KPI
 * tile pages as the plant's lines need, and the open escalations.
 *
 * Tiles are grouped the way the floor thinks: plant-level KPIs, then each
 * area's, then each line's. A page holds `rowsPerPage` rows of at most
 * `maxColumns` tiles; a group with more KPIs than columns takes two rows, and
 * a group never splits across pages (a line read on two pages is not read).
 */
import { SQDCP, type KpiDefinition } from '../../domain/kpi/kpi-types.ts';
import { type Line } from '../../domain/plant/plant-types.ts';
import type { BoardSettings } from './board-settings.ts';

export type TileGroupLabel = { kind: 'plant' } | { kind: 'area'; area: string } | { kind: 'line'; line: Line };

export interface TileGroup {
  key: string;
  label: TileGroupLabel;
  kpiIds: string[];
}

export type BoardPage =
  | { kind: 'calendar'; key: 'calendar' }
  | { kind: 'tiles'; key: string; groups: TileGroup[]; columns: number }
  | { kind: 'escalations'; key: 'escalations' };

function byCategoryThenCode(a: KpiDefinition, b: KpiDefinition): number {
  return SQDCP.indexOf(a.category) - SQDCP.indexOf(b.category) || a.code.localeCompare(b.code);
}

export function tileGroups(lines: readonly Line[], defs: Iterable<KpiDefinition>): TileGroup[] {
  const plant: KpiDefinition[] = [];
  const areas = new Map<string, KpiDefinition[]>();
  const perLine = new Map<string, KpiDefinition[]>();
  for (const d of defs) {
    if (d.level === 'line' && d.lineId) perLine.set(d.lineId, [...(perLine.get(d.lineId) ?? []), d]);
    else if (d.level === 'area' && d.area) areas.set(d.area, [...(areas.get(d.area) ?? []), d]);
    else plant.push(d);
  }
  const groups: TileGroup[] = [];
  const push = (key: string, label: TileGroupLabel, list: KpiDefinition[] | undefined) => {
    if (list && list.length > 0) groups.push({ key, label, kpiIds: [...list].sort(byCategoryThenCode).map((d) => d.id) });
  };
  push('plant', { kind: 'plant' }, plant);
  for (const area of [...areas.keys()].sort()) push(`area:${area}`, { kind: 'area', area }, areas.get(area));
  for (const line of lines) push(`line:${line.id}`, { kind: 'line', line }, perLine.get(line.id));
  return groups;
}

export function boardPages(groups: readonly TileGroup[], settings: Pick<BoardSettings, 'rowsPerPage' | 'maxColumns'>): BoardPage[] {
  const widest = groups.reduce((n, g) => Math.max(n, g.kpiIds.length), 0);
  const columns = Math.max(1, Math.min(settings.maxColumns, widest));
  const pages: BoardPage[] = [{ kind: 'calendar', key: 'calendar' }];
  let current: TileGroup[] = [];
  let rows = 0;
  const flush = () => {
    if (current.length === 0) return;
    pages.push({ kind: 'tiles', key: `tiles:${current[0]?.key ?? ''}`, groups: current, columns });
    current = [];
    rows = 0;
  };
  for (const g of groups) {
    const need = Math.ceil(g.kpiIds.length / columns);
    if (rows > 0 && rows + need > settings.rowsPerPage) flush();
    current.push(g);
    rows += need;
  }
  flush();
  pages.push({ kind: 'escalations', key: 'escalations' });
  return pages;
}

/** Rows a page's groups take, for the grid's row count. */
export function rowsOf(page: Extract<BoardPage, { kind: 'tiles' }>): number {
  return page.groups.reduce((n, g) => n + Math.ceil(g.kpiIds.length / page.columns), 0);
}
