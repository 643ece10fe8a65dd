/**
 * This device's escalation entries the server refused, shown where they were
 * made ([C-O6]): a refused raise in the escalations list, a refused step in
 * the escalation's detail. Each says what it was, why the server refused it
 * in plain words, who may do it instead (the roles the rule book names for
 * that step), and offers Discard to the person signed in. None of them
 * counts: the data layer leaves them out of every fold (counting-escalations.ts).
 */
import type { RefusedRaise, RefusedStep } from '../../db/escalations/counting-escalations.ts';
import type { EscalationView } from '../../domain/escalation/escalation-state.ts';
import { writeActionFor, type Action } from '../../domain/people/permissions.ts';
import type { Person } from '../../domain/people/people-types.ts';
import type { Line, Plant } from '../../domain/plant/plant-types.ts';
import { whoMayText } from '../people/role-words.ts';
import { RefusedEntry } from '../refused/refused-entry.tsx';
import { refusedWords } from '../refused/refused-entry-messages.ts';
import { categoryWord } from './escalation-badges.tsx';
import { formatPlantMoment } from './escalation-format.ts';
import { et, type EscalationMessageKey } from './escalation-messages.ts';
import { what, who } from './escalation-timeline.tsx';
import { personName } from './use-escalation-context.ts';

type PlantClock = Pick<Plant, 'locale' | 'timeZone'>;

/** The way forward: the roles that may do it, when the server refused it for the person's rights. */
function wayText(error: string, action: Action): string {
  return error === 'not_allowed' ? refusedWords('way.roles', { who: whoMayText(action) }) : refusedWords('way.other');
}

/** Why a step was refused and the way forward, in the screen's language. */
export function refusedStepText(r: RefusedStep, view: Pick<EscalationView, 'ladder'>, roster: readonly Person[]): { reason: string; way: string } {
  const e = r.event;
  const label = view.ladder.find((s) => s.tier === e.tier)?.label ?? String(e.tier);
  const step = e.type === 'raised' ? et('ev.raised') : et(`action.${e.type}` as EscalationMessageKey, { label });
  let action: Action;
  try {
    action = writeActionFor('escalation_events', e);
  } catch {
    return { reason: et('refused.step.other', { step, message: r.entry.message || r.entry.error }), way: refusedWords('way.other') };
  }
  const reason =
    r.entry.error === 'not_allowed'
      ? et('refused.step.notAllowed', { name: who(e, roster), step })
      : et('refused.step.other', { step, message: r.entry.message || r.entry.error });
  return { reason, way: wayText(r.entry.error, action) };
}

/** Why a raise was refused and the way forward, in the screen's language. */
export function refusedRaiseText(r: RefusedRaise, roster: readonly Pick<Person, 'id' | 'name'>[]): { reason: string; way: string } {
  const name = personName(roster, r.escalation.raisedBy) ?? r.escalation.raisedBy;
  const reason =
    r.entry.error === 'not_allowed'
      ? et('refused.raise.notAllowed', { name })
      : et('refused.raise.other', { message: r.entry.message || r.entry.error });
  return { reason, way: wayText(r.entry.error, 'raise_escalation') };
}

export interface RefusedStepsProps {
  steps: readonly RefusedStep[];
  view: Pick<EscalationView, 'ladder'>;
  roster: readonly Person[];
  plant: PlantClock;
  nowMs: number;
  /** Discard, as the person signed in; without it the entries say to sign in. */
  onDiscard?: ((step: RefusedStep) => Promise<void>) | undefined;
}

export function RefusedSteps({ steps, view, roster, plant, nowMs, onDiscard }: RefusedStepsProps) {
  if (steps.length === 0) return null;
  return (
    <section class="esc-refused" aria-labelledby="esc-refused-steps-title" data-testid="refused-steps">
      <h3 id="esc-refused-steps-title">{et('refused.title')}</h3>
      <ul class="refused-list">
        {steps.map((r) => {
          const words = refusedStepText(r, view, roster);
          const whatText = et('refused.stepWhat', {
            name: who(r.event, roster),
            what: what(r.event, view, roster),
            time: formatPlantMoment(r.event.at, nowMs, plant.locale, plant.timeZone),
          });
          return (
            <RefusedEntry
              key={r.event.id}
              testId={`refused-step-${r.event.id}`}
              what={whatText}
              whatText={whatText}
              reason={words.reason}
              way={words.way}
              onDiscard={onDiscard ? () => onDiscard(r) : undefined}
              noDiscard={refusedWords('signInToDiscard')}
            />
          );
        })}
      </ul>
    </section>
  );
}

export interface RefusedRaisesProps {
  raises: readonly RefusedRaise[];
  roster: readonly Person[];
  lines: readonly Line[];
  plant: PlantClock;
  nowMs: number;
  onDiscard?: ((raise: RefusedRaise) => Promise<void>) | undefined;
}

export function RefusedRaises({ raises, roster, lines, plant, nowMs, onDiscard }: RefusedRaisesProps) {
  if (raises.length === 0) return null;
  return (
    <section class="esc-refused" aria-labelledby="esc-refused-raises-title" data-testid="refused-raises">
      <h2 id="esc-refused-raises-title">{et('refused.title')}</h2>
      <ul class="refused-list">
        {raises.map((r) => {
          const e = r.escalation;
          const words = refusedRaiseText(r, roster);
          const whatText = et('refused.raiseWhat', {
            category: categoryWord(e.category),
            line: lines.find((l) => l.id === e.lineId)?.name ?? e.lineId,
            name: personName(roster, e.raisedBy) ?? e.raisedBy,
            time: formatPlantMoment(e.raisedAt, nowMs, plant.locale, plant.timeZone),
          });
          return (
            <RefusedEntry
              key={e.id}
              testId={`refused-raise-${e.id}`}
              what={
                <>
                  {whatText}
                  {e.description && <span class="esc-item-description"> · {e.description}</span>}
                </>
              }
              whatText={whatText}
              reason={words.reason}
              way={words.way}
              onDiscard={onDiscard ? () => onDiscard(r) : undefined}
              noDiscard={refusedWords('signInToDiscard')}
            />
          );
        })}
      </ul>
    </section>
  );
}
