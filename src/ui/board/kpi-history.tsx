/**
 * A KPI's history for the tier meeting: the 30-day trend drawn large with its
 * target, and the day values as a list (newest first), each with its status.
 * The figure is the day's value by the KPI's own rule (the sum of a count's
 * shifts, the mean of a level's, a computed KPI from the day's totals), the
 * same function the tablet and the server use, and the panel says which; the
 * icon is the day's state by the SQDCP calendar's rule, so a day the calendar
 * shows red is never marked green here because the day's figure made target.
 * From here the supervisor can note an action.
 */
import type { KpiStatus } from '../../domain/kpi/kpi-status.ts';
import type { TrendPoint } from '../../domain/board/kpi-trend.ts';
import type { KpiTile } from '../../domain/board/kpi-tile.ts';
import { StatusIcon } from '../readings/status-icon.tsx';
import { formatNumber, formatProductionDate } from '../format.ts';
import { bm } from './board-messages.ts';
import { Sparkline } from './sparkline.tsx';

/** The calendar's verdict as an icon: it knows met (green) and missed (red), nothing between. */
export function historyDayStatus(point: Pick<TrendPoint, 'state'>): KpiStatus {
  return point.state === 'green' || point.state === 'red' ? point.state : 'none';
}

export interface KpiHistoryProps {
  tile: KpiTile;
  locale: string;
  onClose(): void;
  onNoteAction(): void;
}

export function KpiHistory({ tile, locale, onClose, onNoteAction }: KpiHistoryProps) {
  const points = [...tile.trend30.points].reverse();
  const fmt = (v: number) => `${formatNumber(v, locale, tile.decimals)} ${tile.unit}`;
  // A per-shift target is no target for a day's sum: it is named per shift and not drawn on the days' line.
  const perShiftTarget = tile.dayTarget === null;
  return (
    <div class="board-overlay" role="dialog" aria-modal="true" aria-label={bm('history.title', { name: tile.name })} data-testid="kpi-history">
      <div class="board-panel history-panel">
        <h2 class="history-title">{bm('history.title', { name: `${tile.code} · ${tile.name}` })}</h2>
        <p class="history-target">
          {bm(perShiftTarget ? 'history.targetPerShift' : 'history.target', { target: fmt(tile.target) })} · {bm(`history.rule.${tile.aggregation}`)}
        </p>
        <div class="history-body">
          <Sparkline series={tile.trend30} target={tile.dayTarget} width={300} height={120} label={bm('history.title', { name: tile.name })} class="history-chart" />
          <ol class="history-values" data-testid="kpi-history-values">
            {points.map((p) => (
              <li key={p.date} class="history-value" data-date={p.date} data-value={p.value ?? ''}>
                <span class="history-date">{formatProductionDate(p.date, locale)}</span>
                {p.value === null ? (
                  <span class="history-none">{bm('history.noData')}</span>
                ) : (
                  <span class="history-num">
                    <StatusIcon status={historyDayStatus(p)} size={22} />
                    {fmt(p.value)}
                  </span>
                )}
              </li>
            ))}
          </ol>
        </div>
        <div class="board-panel-buttons">
          <button type="button" class="btn btn-primary btn-big" data-testid="history-note-action" onClick={onNoteAction}>
            {bm('history.note')}
          </button>
          <button type="button" class="btn btn-big" data-testid="history-close" onClick={onClose}>
            {bm('history.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
