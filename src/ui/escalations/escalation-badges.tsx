/**
 * Category, severity, state and overdue as icon + word: readable from two
 * metres, in gloves, by someone who does not tell red from green.
 */
import type { EscalationState } from '../../domain/escalation/escalation-state.ts';
import type { EscalationCategory, Severity } from '../../domain/escalation/escalation-types.ts';
import { et } from './escalation-messages.ts';

export const CATEGORY_ICONS: Record<EscalationCategory, string> = {
  safety: '⛑',
  quality: '🔍',
  machine: '⚙',
  material: '📦',
  people: '👥',
  other: '❓',
};

export const SEVERITY_LEVEL: Record<Severity, number> = { low: 1, medium: 2, high: 3, critical: 4 };
export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];

export function categoryWord(c: EscalationCategory): string {
  return et(`category.${c}`);
}

export function severityWord(s: Severity): string {
  return et(`severity.${s}`);
}

export function CategoryBadge({ category }: { category: EscalationCategory }) {
  return (
    <span class="esc-category" data-category={category}>
      <span class="esc-icon" aria-hidden="true">
        {CATEGORY_ICONS[category]}
      </span>
      {categoryWord(category)}
    </span>
  );
}

/** Severity as a bar meter (1 to 4 bars filled: the shape tells it) and the word. */
export function SeverityMeter({ severity }: { severity: Severity }) {
  const level = SEVERITY_LEVEL[severity];
  return (
    <svg class="esc-meter" width="28" height="24" viewBox="0 0 28 24" aria-hidden="true">
      {[1, 2, 3, 4].map((i) => (
        <rect x={(i - 1) * 7 + 1} y={24 - i * 6} width="5" height={i * 6} rx="1" class={i <= level ? 'bar-on' : 'bar-off'} />
      ))}
    </svg>
  );
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span class="esc-severity" data-severity={severity}>
      <SeverityMeter severity={severity} />
      {severityWord(severity)}
    </span>
  );
}

const STATE_ICONS: Record<EscalationState, string> = {
  open: '●',
  acknowledged: '✋',
  contained: '⛉',
  resolved: '✔',
  closed: '■',
};

export function StateBadge({ state }: { state: EscalationState }) {
  return (
    <span class="esc-state" data-state={state}>
      <span aria-hidden="true">{STATE_ICONS[state]} </span>
      {et(`state.${state}`)}
    </span>
  );
}
