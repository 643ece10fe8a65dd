/**
 * KPI tiles, grouped by plant, area and line. Each tile: the KPI's code and
 * name, the latest value against its target, status by colour, icon and word,
 * the trend arrow, a 7-day and a 30-day trend line, leading or lagging, and
 * the owner. Tiles re-render only when the domain hands a new tile object
 * (applyReading replaces just the tiles a reading touched).
 */
import { memo } from 'preact/compat';
import type { KpiTile } from '../../domain/board/kpi-tile.ts';
import type { Person } from '../../domain/people/people-types.ts';
import { StatusIcon } from '../readings/status-icon.tsx';
import { formatNumber } from '../format.ts';
import { bm } from './board-messages.ts';
import { rowsOf, type BoardPage, type TileGroup } from './board-pages.ts';
import { Sparkline } from './sparkline.tsx';
import { tileFigure } from './board-format.ts';

const ARROW: Record<KpiTile['trend'], string> = { better: '▲', worse: '▼', flat: '▶', none: '' };

interface TileProps {
  tile: KpiTile;
  /** The code as shown: without the line's or area's prefix, which the group title already says. */
  code: string;
  ownerName: string;
  locale: string;
  onOpen(kpiId: string): void;
}

function TileImpl({ tile, code, ownerName, locale, onOpen }: TileProps) {
  const value = tile.value === null ? null : tileFigure(tile.value, locale, tile.decimals, tile);
  // The target with the value's own precision (and form, past 10,000), so the two read alike.
  const target = tileFigure(tile.target, locale, tile.decimals);
  return (
    <button
      type="button"
      class={`tile tile-${tile.implausible ? 'implausible' : tile.status} tile-${tile.indicator}`}
      data-testid={`tile-${tile.kpiId}`}
      data-status={tile.status}
      aria-label={`${tile.name}: ${value ?? bm('tiles.noValue')} ${tile.unit}, ${tile.implausible ? bm('tiles.implausible') : bm(`status.${tile.status}`)}${tile.trend === 'none' ? '' : `, ${bm(`trend.${tile.trend}`)}`}. ${bm('tiles.open', { name: tile.name })}`}
      onClick={() => onOpen(tile.kpiId)}
    >
      <span class="tile-head">
        <span class={`tile-code${code.length > 10 ? ' tile-code-long' : ''}`}>{code}</span>
        <span class={`tile-ind tile-ind-${tile.indicator}`}>{bm(tile.indicator === 'leading' ? 'tiles.leadingShort' : 'tiles.laggingShort')}</span>
      </span>
      <span class="tile-main">
        <StatusIcon status={tile.status} size={24} />
        <span class={`tile-value${(value ?? '').length > 5 ? ' tile-value-long' : ''}`} data-testid={`tile-value-${tile.kpiId}`} data-value={tile.value ?? ''}>
          {value ?? '–'}
        </span>
      </span>
      <span class="tile-sub">
        {tile.trend !== 'none' && <span class={`tile-arrow tile-arrow-${tile.trend}`}>{ARROW[tile.trend]}</span>}
        <span class="tile-unit">{tile.unit}</span>
        <span class="tile-target">{bm('tiles.target', { target })}</span>
        {tile.ageDays !== null && tile.ageDays > 1 && <span class="tile-age">{bm('tiles.daysOld', { n: tile.ageDays })}</span>}
        {tile.implausible && (
          <span class="tile-check" data-testid={`tile-implausible-${tile.kpiId}`}>
            <strong>{bm('tiles.implausible')}</strong>{' '}
            {tile.implausible.code === 'ideal_cycle_too_slow'
              ? bm('tiles.implausibleCycle', { input: tile.implausible.input })
              : bm('tiles.implausibleRange', { min: formatNumber(tile.implausible.min, locale, 0), max: formatNumber(tile.implausible.max, locale, 0) })}
          </span>
        )}
      </span>
      <span class="tile-trends" aria-hidden="true">
        <Sparkline series={tile.trend7} target={tile.dayTarget} width={60} height={20} label="" />
        <Sparkline series={tile.trend30} target={tile.dayTarget} width={60} height={20} label="" />
      </span>
      <span class="tile-owner">{ownerName}</span>
    </button>
  );
}

export const Tile = memo(TileImpl);

/** `PR1-OEE` in line PR1's row reads `OEE`; plant KPIs keep their full code. */
export function shortCode(code: string, group: TileGroup): string {
  const dash = code.indexOf('-');
  return group.label.kind === 'plant' || dash < 1 || dash === code.length - 1 ? code : code.slice(dash + 1);
}

function groupTitle(g: TileGroup): string {
  if (g.label.kind === 'plant') return bm('tiles.plant');
  if (g.label.kind === 'area') return bm('tiles.area', { area: g.label.area });
  return g.label.line.code;
}

function groupSub(g: TileGroup): string {
  return g.label.kind === 'line' ? g.label.line.name : '';
}

export interface TilesPageProps {
  page: Extract<BoardPage, { kind: 'tiles' }>;
  tiles: ReadonlyMap<string, KpiTile>;
  people: ReadonlyMap<string, Person>;
  locale: string;
  onOpen(kpiId: string): void;
}

export function TilesPage({ page, tiles, people, locale, onOpen }: TilesPageProps) {
  const rows = rowsOf(page);
  return (
    <div class="board-page tiles-page" data-testid="board-page-tiles" style={{ '--tile-cols': page.columns, '--tile-rows': rows }}>
      <h1 class="board-page-title board-vh">{bm('tiles.title')}</h1>
      <div class="tiles-grid">
        {page.groups.map((g) => {
          const span = Math.ceil(g.kpiIds.length / page.columns);
          return (
            <section key={g.key} class="tile-group" style={{ gridRow: `span ${span}` }} data-testid={`tile-group-${g.key}`} aria-label={groupTitle(g)}>
              <h2 class="tile-group-title">
                <span class="tile-group-code">{groupTitle(g)}</span>
                {groupSub(g) && <span class="tile-group-name">{groupSub(g)}</span>}
              </h2>
              <div class="tile-row">
                {g.kpiIds.map((id) => {
                  const tile = tiles.get(id);
                  return tile ? <Tile key={id} tile={tile} code={shortCode(tile.code, g)} ownerName={people.get(tile.ownerId)?.name ?? ''} locale={locale} onOpen={onOpen} /> : null;
                })}
              </div>
            </section>
          );
        })}
      </div>
      <ul class="tiles-legend" aria-hidden="true">
        {(['green', 'amber', 'red', 'none'] as const).map((s) => (
          <li key={s}>
            <StatusIcon status={s} size={20} />
            {bm(`status.${s}`)}
          </li>
        ))}
        <li>
          <span class="tile-ind tile-ind-leading">{bm('tiles.leadingShort')}</span>
          {bm('tiles.leading')}
        </li>
        <li>
          <span class="tile-ind tile-ind-lagging">{bm('tiles.laggingShort')}</span>
          {bm('tiles.lagging')}
        </li>
      </ul>
    </div>
  );
}
