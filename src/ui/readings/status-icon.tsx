/**
 * KPI status by colour AND shape, so it reads for colour-blind people and in
 * glare: the shapes are the domain's (statusIcon in src/domain/kpi/kpi-status.ts),
 * the same on the tablet and the wall board: green check, amber triangle,
 * red octagon, grey dash for no reading. The words sit beside the icon.
 */
import { statusIcon, type KpiStatus } from '../../domain/kpi/kpi-status.ts';
import { t } from '../i18n/t.ts';

export type { KpiStatus };

export function statusLabel(status: KpiStatus): string {
  return t(`status.${status}`);
}

// An octagon inscribed in 24x24 (the stop-sign shape: "critical, act").
const OCTAGON = 'M8 1 H16 L23 8 V16 L16 23 H8 L1 16 V8 Z';

export function StatusIcon({ status, size = 28 }: { status: KpiStatus; size?: number }) {
  const shape = statusIcon(status);
  return (
    <svg class={`status-icon status-${status}`} data-shape={shape} width={size} height={size} viewBox="0 0 24 24" aria-hidden="true">
      {shape === 'check' && (
        <>
          <circle cx="12" cy="12" r="11" />
          <path d="M6.5 12.5 L10.5 16.5 L17.5 8" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round" />
        </>
      )}
      {shape === 'triangle' && (
        <>
          <path d="M12 1.5 L23 21.5 H1 Z" />
          <path d="M12 8 V14 M12 17.5 V18" stroke="#fff" stroke-width="2.6" stroke-linecap="round" />
        </>
      )}
      {shape === 'octagon' && (
        <>
          <path d={OCTAGON} />
          <path d="M8 8 L16 16 M16 8 L8 16" stroke="#fff" stroke-width="2.6" stroke-linecap="round" />
        </>
      )}
      {shape === 'dash' && <path d="M4 12 H20" stroke-width="4" stroke-linecap="round" />}
    </svg>
  );
}
