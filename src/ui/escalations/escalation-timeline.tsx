/**
 * Everything that happened to an escalation, oldest first: when (the plant's
 * clock), who, what. Steps that arrived too late to change anything stay in
 * the list, marked, with the reason (nothing anyone entered disappears).
 */
import { isSystemEvent, type EscalationView } from '../../domain/escalation/escalation-state.ts';
import type { EscalationEvent } from '../../domain/escalation/escalation-types.ts';
import type { Person } from '../../domain/people/people-types.ts';
import type { Plant } from '../../domain/plant/plant-types.ts';
import { formatPlantMoment } from './escalation-format.ts';
import { et } from './escalation-messages.ts';
import { personName } from './use-escalation-context.ts';

export function who(e: EscalationEvent, roster: readonly Person[]): string {
  if (isSystemEvent(e)) return et('who.system');
  return personName(roster, e.personId) ?? et('who.unknown', { id: e.personId });
}

export function what(e: EscalationEvent, view: Pick<EscalationView, 'ladder'>, roster: readonly Person[]): string {
  switch (e.type) {
    case 'escalated':
      return et('ev.escalated', { tier: e.tier, label: view.ladder.find((s) => s.tier === e.tier)?.label ?? '—' });
    case 'reassigned':
      return et('ev.reassigned', { name: personName(roster, e.toPersonId) ?? e.toPersonId });
    default:
      return et(`ev.${e.type}`);
  }
}

export interface TimelineProps {
  view: EscalationView;
  roster: readonly Person[];
  plant: Pick<Plant, 'locale' | 'timeZone'>;
  nowMs: number;
}

export function EscalationTimeline({ view, roster, plant, nowMs }: TimelineProps) {
  return (
    <ol class="esc-timeline" data-testid="timeline">
      {view.timeline.map((e) => {
        const ignored = view.ignored[e.id];
        return (
          <li class={`esc-step${ignored ? ' is-ignored' : ''}`} data-testid={`timeline-${e.id}`} data-type={e.type}>
            <time class="esc-step-time" dateTime={e.at}>
              {formatPlantMoment(e.at, nowMs, plant.locale, plant.timeZone)}
            </time>
            <span class="esc-step-what">
              <strong>{who(e, roster)}</strong> {what(e, view, roster)}
            </span>
            {e.comment && <q class="esc-step-comment">{e.comment}</q>}
            {e.type === 'resolved' && (
              <ul class="esc-step-whys">
                {e.whys.map((w, i) => (
                  <li>{et('ev.why', { n: i + 1, text: w })}</li>
                ))}
                <li>{et('ev.rootCause', { text: e.rootCause })}</li>
                <li>{et('ev.action', { text: e.action })}</li>
              </ul>
            )}
            {ignored && (
              <span class="esc-step-ignored">
                <span aria-hidden="true">ⓘ </span>
                {/* The fold's own reason is English (for logs and the server); the floor gets the step's fate in its language. */}
                {et('ev.ignored')}
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
}
