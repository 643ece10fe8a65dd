/**
 * One escalation: header, photo, live timers, the timeline, and only the
 * steps the signed-in person may take now (`allowedTransitions`). Each step
 * is one immutable event (server-corrected time, person, device), checked
 * with `validateEvent` before it is written and confirmed on screen.
 * Acknowledge is one tap here: two taps from the list.
 */
import { useState } from 'preact/hooks';
import { allowedTransitions, deriveEscalation, nextTier, validateEventRefusal } from '../../domain/escalation/escalation-state.ts';
import { refusalText } from './refusal-text.ts';
import { tierDue } from '../../domain/escalation/escalation-timers.ts';
import type { DeviceKind, Person } from '../../domain/people/people-types.ts';
import type { Escalation, EscalationEvent, EscalationEventType } from '../../domain/escalation/escalation-types.ts';
import type { Line } from '../../domain/plant/plant-types.ts';
import type { PlantScreenProps } from '../screen-props.ts';
import type { DraftSlot, DraftStore } from '../../state/draft-store.ts';
import { formatClock } from '../format.ts';
import { saveOrShowStorageScreen } from '../shell/save-or-show-storage-screen.ts';
import { CategoryBadge, categoryWord, SeverityBadge, StateBadge } from './escalation-badges.tsx';
import { writeStep } from '../../db/escalations/escalation-db.ts';
import { figuresOf } from './escalation-figures.ts';
import { formatPlantMoment } from './escalation-format.ts';
import { sessionCorrectedNow } from '../../state/session-clock.ts';
import { buildStep, type StepFields } from './escalation-records.ts';
import { EscalationTimeline } from './escalation-timeline.tsx';
import { EscalationTimers } from './escalation-timers.tsx';
import { et } from './escalation-messages.ts';
import { NoteForm, ReassignPicker, ResolveForm } from './step-forms.tsx';
import type { RefusedStep } from '../../db/escalations/counting-escalations.ts';
import { RefusedSteps } from './refused-escalations.tsx';
import { actorOf, deviceOf, personName } from './use-escalation-context.ts';

export interface EscalationDetailProps extends PlantScreenProps {
  escalation: Escalation;
  /** This escalation's steps (others are ignored by the fold). */
  events: readonly EscalationEvent[];
  roster: readonly Person[];
  lines: readonly Line[];
  /** The signed-in person; null offers no step. */
  person: Person | null;
  deviceKind?: DeviceKind;
  /** Server-corrected now, ticking. */
  nowMs: number;
  onClose(): void;
  /** Where a step's text is kept as it is typed, per person; without it, while the form is open. */
  drafts?: DraftStore | undefined;
  /** This escalation's steps the server refused: shown as refused, not in `events` ([C-O6]). */
  refusedSteps?: readonly RefusedStep[];
  /** Discard, as the person signed in; without it the refused steps are shown without Discard. */
  onDiscardStep?: ((step: RefusedStep) => Promise<void>) | undefined;
}

/** The order the steps are offered in: answering first, verifying last. */
type Step = Exclude<EscalationEventType, 'raised'>;
const ACTION_ORDER: readonly Step[] = ['acknowledged', 'contained', 'resolved', 'escalated', 'reassigned', 'commented', 'closed', 'reopened'];

type Form = 'commented' | 'contained' | 'reopened' | 'reassigned' | 'resolved';
const FORM_STEPS: ReadonlySet<EscalationEventType> = new Set<EscalationEventType>(['commented', 'contained', 'reopened', 'reassigned', 'resolved']);

export function EscalationDetail(p: EscalationDetailProps) {
  const { plant, escalation, roster, person, nowMs } = p;
  const [form, setForm] = useState<Form | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<{ id: string; text: string } | null>(null);
  const refusedSteps = p.refusedSteps ?? [];
  const [busy, setBusy] = useState(false);
  const device = deviceOf(p.deviceKind ?? 'tablet', plant.id);
  const view = deriveEscalation(escalation, p.events, plant.tierLadder);
  const allowed = person ? allowedTransitions(view, actorOf(person), device) : [];
  // Escalating goes above the tier already due, not merely above the last one written.
  const target = nextTier({ ladder: view.ladder, tier: Math.max(view.tier, tierDue(view, view.ladder, nowMs)) });
  const offered = ACTION_ORDER.filter((t) => allowed.includes(t) && (t !== 'escalated' || target !== null));
  const lineName = p.lines.find((l) => l.id === escalation.lineId)?.name ?? escalation.lineId;
  const figures = figuresOf(view, roster, nowMs);
  // The text of a step being written is the person's own draft of it, kept until the step is saved or cancelled.
  const draftOf = (step: EscalationEventType): DraftSlot | null =>
    person && p.drafts && FORM_STEPS.has(step)
      ? p.drafts.slot({ personId: person.id, plantId: plant.id, lineId: escalation.lineId, subject: `escalation:${escalation.id}:${step}` })
      : null;

  const take = async (type: EscalationEventType, fields: StepFields, confirm: (time: string) => string) => {
    if (!person || busy) return;
    const atMs = sessionCorrectedNow(p.clock, p.session);
    const event = buildStep({ escalation, type, personId: person.id, deviceId: p.session.getState().deviceId, atMs, random: p.random, ...fields });
    // Checked against the log as this tablet has it now, with the very rules the server applies.
    const refusal = validateEventRefusal(deriveEscalation(escalation, p.events, plant.tierLadder), event, actorOf(person), { mode: 'action', device });
    if (refusal) {
      setProblem(refusalText(refusal));
      return;
    }
    const confirmation = confirm(formatClock(new Date(atMs), plant.locale, plant.timeZone));
    const draft = draftOf(type);
    const done = () => {
      draft?.clear();
      setBusy(false);
      setForm(null);
      setProblem(null);
      setSaved({ id: event.id, text: confirmation });
      p.ui.getState().showToast('saved', confirmation);
    };
    setBusy(true);
    await saveOrShowStorageScreen(p.ui, {
      attempt: async () => {
        await writeStep(p.db, event);
        done();
      },
      keptEntry: () => `${categoryWord(escalation.category)} · ${lineName}: ${confirmation}`,
      onFailure: () => setBusy(false),
    });
  };

  const onAction = (type: Step) => {
    setProblem(null);
    setSaved(null);
    if (FORM_STEPS.has(type)) {
      setForm(type as Form);
      return;
    }
    if (type === 'acknowledged') void take(type, {}, (time) => et('done.acknowledged', { time }));
    else if (type === 'closed') void take(type, {}, (time) => et('done.closed', { time }));
    else if (type === 'escalated' && target) void take(type, { tier: target.tier }, (time) => et('done.escalated', { label: target.label, time }));
  };

  const cancel = () => {
    // Cancel is the person giving the text up; leaving the screen or being signed out keeps it.
    if (form) draftOf(form)?.clear();
    setForm(null);
    setProblem(null);
  };

  return (
    <div class="overlay" onClick={(e) => e.target === e.currentTarget && p.onClose()}>
      <div
        class="panel esc-detail"
        role="dialog"
        aria-modal="true"
        aria-label={et('detail.title', { category: categoryWord(escalation.category), line: lineName })}
        data-testid="escalation-detail"
        data-state={view.state}
      >
        <div class="sheet-head">
          <h2>
            <CategoryBadge category={escalation.category} /> · {lineName}
          </h2>
          <button type="button" class="btn btn-secondary" data-testid="detail-close" onClick={p.onClose}>
            {et('detail.close')}
          </button>
        </div>
        <div class="esc-badges">
          <SeverityBadge severity={escalation.severity} />
          <StateBadge state={view.state} />
        </div>
        {escalation.description && <p class="esc-description">{escalation.description}</p>}
        <p class="hint">
          {et('detail.raisedBy', {
            name: personName(roster, escalation.raisedBy) ?? escalation.raisedBy,
            time: formatPlantMoment(escalation.raisedAt, nowMs, plant.locale, plant.timeZone),
          })}
        </p>
        <EscalationTimers f={figures} testId="detail-timers" />
        {escalation.photo && (
          <figure class="esc-photo">
            <img src={escalation.photo} alt={et('detail.photo')} data-testid="detail-photo" />
          </figure>
        )}
        {view.rootCause && (
          <section class="esc-root-cause" aria-label={et('detail.rootCause')}>
            <h3>{et('detail.rootCause')}</h3>
            <p>{view.rootCause.rootCause}</p>
          </section>
        )}

        <RefusedSteps steps={refusedSteps} view={view} roster={roster} plant={plant} nowMs={nowMs} onDiscard={p.onDiscardStep} />

        <section class="esc-actions" aria-labelledby="esc-actions-title">
          <h3 id="esc-actions-title">{et('detail.actions')}</h3>
          {/* A step the server refused since is no longer "saved": it shows below as refused. */}
          {saved && !refusedSteps.some((r) => r.event.id === saved.id) && (
            <p class="esc-saved" role="status" data-testid="step-saved">
              <span aria-hidden="true">✔ </span>
              {saved.text}
            </p>
          )}
          {!person ? (
            <p class="hint">{et('detail.signIn')}</p>
          ) : offered.length === 0 ? (
            <p class="hint">{et('detail.noActions')}</p>
          ) : form === null ? (
            <div class="row-buttons action-buttons">
              {offered.map((type) => (
                <button
                  type="button"
                  class={`btn btn-big${type === 'acknowledged' ? ' btn-primary' : ''}`}
                  data-testid={`action-${type}`}
                  disabled={busy}
                  onClick={() => onAction(type)}
                >
                  {type === 'escalated' && target ? et('action.escalated', { label: target.label }) : et(`action.${type}`)}
                </button>
              ))}
            </div>
          ) : form === 'resolved' ? (
            <ResolveForm draft={draftOf('resolved')} problem={problem} onCancel={cancel} onSubmit={(r) => void take('resolved', r, (time) => et('done.resolved', { time }))} />
          ) : form === 'reassigned' ? (
            <ReassignPicker
              people={roster.filter((r) => r.active && r.id !== view.ownerId)}
              problem={problem}
              onCancel={cancel}
              onPick={(to) => void take('reassigned', { toPersonId: to.id }, (time) => et('done.reassigned', { name: to.name, time }))}
            />
          ) : (
            <NoteForm
              key={form}
              draft={draftOf(form)}
              label={form === 'contained' ? et('form.containment') : form === 'reopened' ? et('form.reopenReason') : et('form.comment')}
              required={form !== 'commented'}
              submitLabel={et(`action.${form}`)}
              problem={problem}
              onCancel={cancel}
              onSubmit={(comment) => void take(form, { comment }, (time) => et(`done.${form}`, { time }))}
            />
          )}
          {problem && form === null && (
            <p class="hint hint-error" role="alert" data-testid="step-problem">
              <span aria-hidden="true">⚠ </span>
              {problem}
            </p>
          )}
        </section>

        <section aria-labelledby="esc-timeline-title">
          <h3 id="esc-timeline-title">{et('detail.timeline')}</h3>
          <EscalationTimeline view={view} roster={roster} plant={plant} nowMs={nowMs} />
        </section>
      </div>
    </div>
  );
}
