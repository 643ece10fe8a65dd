/**
 * The line's KPIs in SQDCP order (Safety, Quality, Delivery, Cost, People),
 * each section headed by its letter, as on the physical tier board. A row
 * shows name, unit, target, the value, its status by colour and shape, and
 * whether it has been recorded this shift. Typed KPIs are buttons that open
 * the pad; computed (formula) KPIs are shown, never typed.
 */
import { SQDCP, type KpiDefinition, type SqdcpCategory } from '../../domain/kpi/kpi-types.ts';
import type { ImplausibleValue } from '../../domain/kpi/formula-results.ts';
import { formatValue } from '../format.ts';
import { t } from '../i18n/t.ts';
import { StatusIcon, statusLabel, type KpiStatus } from './status-icon.tsx';

export interface KpiRowView {
  def: KpiDefinition;
  /** This shift's current value (typed, or computed from inputs). */
  shiftValue: number | null;
  /** Newest value from an earlier shift, shown while this shift has none. */
  earlierValue: number | null;
  /** Why a computed value is implausible (then it has no status), or null. */
  implausible: ImplausibleValue | null;
  status: KpiStatus;
  recorded: boolean;
}

export function groupBySqdcp<T extends { def: { category: SqdcpCategory } }>(rows: readonly T[]): { category: SqdcpCategory; rows: T[] }[] {
  return SQDCP.map((category) => ({ category, rows: rows.filter((r) => r.def.category === category) })).filter((g) => g.rows.length > 0);
}

export function KpiBoard({ rows, locale, onPick }: { rows: readonly KpiRowView[]; locale: string; onPick(def: KpiDefinition): void }) {
  if (rows.length === 0) return <p class="empty">{t('kpi.noKpis')}</p>;
  return (
    <div class="kpi-board">
      {groupBySqdcp(rows).map((group) => (
        <section class={`sqdcp sqdcp-${group.category}`} key={group.category} data-testid={`sqdcp-${group.category}`} aria-labelledby={`h-${group.category}`}>
          <h2 id={`h-${group.category}`} class="sqdcp-head">
            <span class="sqdcp-letter" aria-hidden="true">
              {t(`category.letter.${group.category}`)}
            </span>
            {t(`category.${group.category}`)}
          </h2>
          <ul class="kpi-rows">
            {group.rows.map((row) => (
              <li key={row.def.id}>
                <KpiRow row={row} locale={locale} onPick={onPick} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** What to check when a computed value is implausible, in the screen's words. */
function implausibleWords(p: ImplausibleValue, locale: string): string {
  return p.code === 'ideal_cycle_too_slow'
    ? t('kpi.implausibleCycle', { input: p.input })
    : t('kpi.implausibleRange', { min: formatValue(p.min, '', locale, 0).trim(), max: formatValue(p.max, '', locale, 0).trim() });
}

function KpiRow({ row, locale, onPick }: { row: KpiRowView; locale: string; onPick(def: KpiDefinition): void }) {
  const { def } = row;
  const fmt = (v: number) => formatValue(v, def.unit, locale, def.decimals);
  const computed = def.formula !== null;
  const body = (
    <>
      <span class="kpi-name">
        {def.name}
        <span class="kpi-target">{t('kpi.target', { value: fmt(def.target) })}</span>
      </span>
      <span class="kpi-value" data-value={row.shiftValue ?? ''}>
        {row.shiftValue !== null ? fmt(row.shiftValue) : row.earlierValue !== null ? t('kpi.lastShift', { value: fmt(row.earlierValue) }) : t('kpi.noValue')}
      </span>
      <span class="kpi-status">
        <StatusIcon status={row.status} />
        <span class="status-text">{statusLabel(row.status)}</span>
      </span>
      <span class={`kpi-recorded${row.recorded ? ' is-recorded' : ''}`}>
        {row.implausible
          ? implausibleWords(row.implausible, locale)
          : computed
            ? row.shiftValue !== null
              ? t('kpi.computed')
              : t('kpi.computedWaiting')
            : row.recorded
              ? `✓ ${t('kpi.recorded')}`
              : t('kpi.notRecorded')}
      </span>
    </>
  );
  if (computed) {
    return (
      <div class="kpi-row kpi-computed" data-testid={`kpi-${def.id}`} data-input="false" data-status={row.status} data-recorded={String(row.recorded)}>
        {body}
      </div>
    );
  }
  return (
    <button
      type="button"
      class="kpi-row"
      data-testid={`kpi-${def.id}`}
      data-input="true"
      data-status={row.status}
      data-recorded={String(row.recorded)}
      onClick={() => onPick(def)}
    >
      {body}
    </button>
  );
}
