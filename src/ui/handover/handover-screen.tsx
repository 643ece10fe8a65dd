/**
 * The shift handover check-in. The outgoing lead (a shift lead or
 * above, signed in) sees what the shift recorded and what is missing, writes
 * notes, safety items and open items, and taps "Hand over"; picks who takes
 * over; the incoming lead reviews, acknowledges each carried item and signs
 * with their PIN. That writes ONE immutable check-in, confirmed on screen.
 *
 * Taps from "Hand over" to signed, PIN digits aside: Hand over, the incoming
 * lead's name, Acknowledge all, Sign = 4 (3 with no open items).
 *
 * When nobody takes over in person, the outgoing lead signs alone with their
 * PIN; the next shift acknowledges it from PendingHandoverBanner.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { handoverSummary } from '../../domain/handover/handover-rules.ts';
import type { DerivePin } from '../../domain/people/pin.ts';
import { previousShiftInstance } from '../../domain/shift/shift-calendar.ts';
import type { HandoverCheckIn } from '../../domain/handover/handover-types.ts';
import type { KpiReading } from '../../domain/kpi/kpi-types.ts';
import type { Person } from '../../domain/people/people-types.ts';
import type { ShiftInstance } from '../../domain/shift/shift-types.ts';
import type { DraftStore } from '../../state/draft-store.ts';
import { useDraft } from '../../state/use-draft.ts';
import type { LineScreenProps } from '../screen-props.ts';
import { useStore } from '../../state/use-store.ts';
import { useSessionDevice } from '../people/use-session-device.ts';
import { formatClock, formatProductionDate } from '../format.ts';
import { languageStore } from '../i18n/language.ts';
import { sessionCorrectedNow } from '../../state/session-clock.ts';
import type { PinAttempts } from '../people/pin-attempts.ts';
import { SignWithPin } from '../people/sign-with-pin.tsx';
import { rxHandoverData, type HandoverData } from '../../db/handover/handover-data.ts';
import {
  EMPTY_DRAFT,
  checkInsOf,
  freezeHandover,
  handoverDraftSubject,
  maySignHandover,
  previousCheckIn,
  restoreHandoverDraft,
  shiftToHandOver,
  signHandover,
  type HandoverDraft,
} from './handover-draft.ts';
import { HandoverCompose } from './handover-compose.tsx';
import { HandoverReview } from './handover-review.tsx';
import { LeadPicker } from './lead-picker.tsx';
import { th } from './handover-messages.ts';
import { useCorrectedNow, useLineHandovers, useRefusedHandovers, useShiftAt } from './use-line-handovers.ts';
import type { RefusedRecords } from '../../db/refused-records.ts';
import type { RefusedHandover } from '../../db/handover/handover-data.ts';
import { RefusedHandovers } from './refused-handovers.tsx';
import { useSignHandover } from './use-sign-handover.ts';
import './handover.css';

export interface HandoverScreenProps extends LineScreenProps {
  /** "Done" after signing, e.g. back to the reading screen; without it the confirmation stays. */
  onDone?(): void;
  /** Where the outgoing lead's draft is kept as it is typed; without it the draft lives while the screen does. */
  drafts?: DraftStore;
  /** Tests: a PIN derivation and wrong-PIN count of their own. */
  derive?: DerivePin;
  attempts?: PinAttempts;
  /** Records the server refused (by default the app's sync status): refused check-ins show as refused, never as signed ([C-O6]). */
  refused?: RefusedRecords;
}

type Step =
  | { kind: 'compose' }
  | { kind: 'pick'; frozen: HandoverCheckIn }
  | { kind: 'review'; frozen: HandoverCheckIn; incoming: Person }
  | { kind: 'alone'; frozen: HandoverCheckIn }
  | { kind: 'signed'; checkIn: HandoverCheckIn };

export function HandoverScreen({ db, setup, session, ui, clock, random, onDone, drafts, derive, attempts, refused }: HandoverScreenProps) {
  useStore(languageStore, (s) => s.language);
  const { plant, line, pattern, defs, roster } = setup;
  const data = useMemo<HandoverData>(() => rxHandoverData(db, refused), [db, refused]);
  const personId = useStore(session, (s) => s.personId);
  const person = roster.find((p) => p.id === personId) ?? null;
  const device = useSessionDevice(session, plant.id);
  const allowed = person !== null && maySignHandover(person, plant.id, device);
  const leads = useMemo(
    () => roster.filter((p) => maySignHandover(p, plant.id, device)).sort((a, b) => a.name.localeCompare(b.name)),
    [roster, plant.id, device],
  );
  const nameOf = (id: string) => roster.find((p) => p.id === id)?.name ?? id;

  const now = useCorrectedNow(clock, session);
  const current = useShiftAt(plant, pattern, line, now);
  const checkIns = useLineHandovers(data, current);
  const refusedCheckIns = useRefusedHandovers(data, current);

  // The shift handed over is chosen once, when the check-ins are in, and kept while the screen is open:
  // a lead still talking when the bell rings is handing over the shift they worked. Its grace period is
  // counted in the server-corrected time too, as the shift itself is.
  const [shift, setShift] = useState<ShiftInstance | null>(null);
  useEffect(() => {
    if (shift || !current || checkIns === null) return;
    let before: ShiftInstance | null = null;
    try {
      before = previousShiftInstance(plant, pattern, current);
    } catch {
      before = null;
    }
    setShift(before ? shiftToHandOver(current, before, sessionCorrectedNow(clock, session), checkIns) : current);
    // Once chosen it is kept: every later run returns at `shift` (the other inputs cannot choose again).
  }, [shift, current, checkIns, plant, pattern, clock, session]);

  const [readings, setReadings] = useState<KpiReading[]>([]);
  useEffect(() => {
    if (!shift) return;
    return data.watchDateReadings(shift.plantId, shift.lineId, shift.productionDate, setReadings);
  }, [data, shift]);

  const previous = useMemo(() => (shift && checkIns ? previousCheckIn(shift, checkIns, Date.parse(shift.endsAt)) : null), [shift, checkIns]);
  const summary = useMemo(() => (shift ? handoverSummary(shift, defs, readings, previous) : null), [shift, defs, readings, previous]);
  // The draft is the outgoing lead's own, for this shift's handover: kept on the device as it is typed,
  // so another tab, an idle sign-out or a restart does not lose it, and nobody else signed in sees it.
  const draftSlot =
    drafts && shift && person && allowed
      ? drafts.slot({ personId: person.id, plantId: plant.id, lineId: line.id, subject: handoverDraftSubject(shift) })
      : null;
  const [draft, setDraft, clearDraft] = useDraft<HandoverDraft>(draftSlot, EMPTY_DRAFT, restoreHandoverDraft);
  const [step, setStep] = useState<Step>({ kind: 'compose' });
  const [problem, setProblem] = useState('');
  const { check, sign: signChecked } = useSignHandover({ data, ui, plant, previous, onProblem: setProblem });

  const go = (next: Step) => {
    setProblem('');
    setStep(next);
  };
  const deviceId = () => session.getState().deviceId;
  const shiftName = shift ? (pattern.shifts.find((s) => s.code === shift.shiftCode)?.name ?? '') : '';
  const shiftDate = shift ? formatProductionDate(shift.productionDate, plant.locale) : '';

  // The check-in as it would be signed: the domain says whether it can be.
  const trial = (frozen: HandoverCheckIn, incomingLeadId: string, acknowledgedItemIds: readonly string[]) =>
    signHandover(frozen, { incomingLeadId, acknowledgedItemIds, signedAtMs: sessionCorrectedNow(clock, session), deviceId: deviceId(), random });

  const handOver = (finalDraft: HandoverDraft) => {
    if (!shift || !summary || !person) return;
    const frozen = freezeHandover({
      shift, previous, draft: finalDraft, readingsSnapshot: summary.readingsSnapshot,
      outgoingLeadId: person.id, deviceId: deviceId(), nowMs: sessionCorrectedNow(clock, session), random,
    });
    const why = check(frozen);
    if (why) setProblem(why);
    else go({ kind: 'pick', frozen });
  };

  const pick = (frozen: HandoverCheckIn, incoming: Person) => {
    // Everything acknowledged: what is left to refuse is the choice of person.
    const why = check(trial(frozen, incoming.id, frozen.openItems.map((i) => i.id)));
    if (why) setProblem(why);
    else go({ kind: 'review', frozen, incoming });
  };

  const sign = (frozen: HandoverCheckIn, incomingLeadId: string, acknowledgedItemIds: string[]) =>
    signChecked(
      () => trial(frozen, incomingLeadId, acknowledgedItemIds),
      (time) => th('signed.toast', { in: incomingLeadId ? nameOf(incomingLeadId) : th('signed.nobody'), time }),
      (record) => {
        clearDraft();
        go({ kind: 'signed', checkIn: record });
      },
    );

  // Giving a refused check-in up is a person's choice, logged with their name ([C-O4]).
  const discardHandover = data.discardRefusedHandover;
  const discardRefused = personId && discardHandover ? (r: RefusedHandover) => discardHandover(r.checkIn.id, personId) : undefined;
  const refusedBlock = <RefusedHandovers refused={refusedCheckIns} plant={plant} nameOf={nameOf} onDiscard={discardRefused} />;

  const header = (
    <header class="handover-header" data-testid="handover-header">
      <h2>{th('screen.title')}</h2>
      <span class="line-name">{line.name}</span>
      {shift && (
        <span data-testid="handover-shift">
          <strong>{th('screen.shift', { code: shift.shiftCode, name: shiftName })}</strong> · {shiftDate}
        </span>
      )}
      {person && allowed && <span>{th('screen.outgoing', { name: person.name })}</span>}
    </header>
  );

  if (!allowed) {
    return (
      <div class="screen handover-screen" data-testid="screen-handover">
        {header}
        {refusedBlock}
        <p class="hint hint-error" role="alert" data-testid="handover-not-allowed">
          ⚠ {th('screen.notAllowed')}
        </p>
      </div>
    );
  }
  if (!current) {
    return (
      <div class="screen handover-screen" data-testid="screen-handover">
        {header}
        <p class="hint">{th('screen.noShift')}</p>
      </div>
    );
  }
  if (!shift || !summary || checkIns === null) {
    return (
      <div class="screen handover-screen" data-testid="screen-handover">
        {header}
        <p class="loading" aria-busy="true">
          {th('screen.loading')}
        </p>
      </div>
    );
  }

  const already = checkInsOf(shift, checkIns).pop();
  return (
    <div class="screen handover-screen" data-testid="screen-handover" data-step={step.kind}>
      {header}
      {refusedBlock}
      {step.kind === 'compose' && (
        <>
          {already && (
            <p class="hint handover-already" data-testid="handover-already">
              {th('screen.already', {
                time: formatClock(new Date(Date.parse(already.signedAt)), plant.locale, plant.timeZone),
                out: nameOf(already.outgoingLeadId),
                to: already.incomingLeadId ? th('screen.alreadyTo', { name: nameOf(already.incomingLeadId) }) : '',
              })}
            </p>
          )}
          <HandoverCompose plant={plant} summary={summary} draft={draft} onDraft={setDraft} onHandOver={handOver} problem={problem} />
        </>
      )}
      {step.kind === 'pick' && (
        <LeadPicker
          leads={leads}
          outgoingLeadId={step.frozen.outgoingLeadId}
          onPick={(p) => pick(step.frozen, p)}
          onBack={() => go({ kind: 'compose' })}
          onAlone={() => go({ kind: 'alone', frozen: step.frozen })}
          problem={problem}
        />
      )}
      {step.kind === 'review' && (
        <>
          <HandoverReview
            checkIn={step.frozen}
            incoming={step.incoming}
            outgoingName={nameOf(step.frozen.outgoingLeadId)}
            plant={plant}
            defs={defs}
            validate={(acked) => check(trial(step.frozen, step.incoming.id, acked))}
            onSigned={(acked) => sign(step.frozen, step.incoming.id, acked)}
            onBack={() => go({ kind: 'pick', frozen: step.frozen })}
            clock={clock}
            derive={derive}
            attempts={attempts}
          />
          {problem && (
            <p class="hint hint-error" role="alert" data-testid="handover-problem">
              ⚠ {problem}
            </p>
          )}
        </>
      )}
      {step.kind === 'alone' && (
        <div class="handover-alone">
          <SignWithPin
            person={person}
            title={th('alone.title', { name: person.name })}
            submitLabel={th('review.sign')}
            precheck={() => check(trial(step.frozen, '', [])) || null}
            onSigned={() => sign(step.frozen, '', [])}
            onCancel={() => go({ kind: 'pick', frozen: step.frozen })}
            clock={clock}
            derive={derive}
            attempts={attempts}
          />
        </div>
      )}
      {/* Refused since it was signed: it shows above as refused, never as signed. */}
      {step.kind === 'signed' && !refusedCheckIns.some((r) => r.checkIn.id === step.checkIn.id) && (
        <section class="handover-card handover-signed" data-testid="handover-signed" role="status" aria-labelledby="handover-signed-title">
          <h3 id="handover-signed-title">✓ {th('signed.title')}</h3>
          <p class="handover-signed-line">
            {th('signed.line', {
              code: step.checkIn.shiftCode,
              date: formatProductionDate(step.checkIn.productionDate, plant.locale),
              out: nameOf(step.checkIn.outgoingLeadId),
              in: step.checkIn.incomingLeadId ? nameOf(step.checkIn.incomingLeadId) : th('signed.nobody'),
              time: formatClock(new Date(Date.parse(step.checkIn.signedAt)), plant.locale, plant.timeZone),
            })}
          </p>
          {!step.checkIn.incomingLeadId && <p class="hint">{th('signed.pending')}</p>}
          {onDone && (
            <button type="button" class="btn btn-primary btn-big" data-testid="handover-done" onClick={onDone}>
              {th('signed.done')}
            </button>
          )}
        </section>
      )}
    </div>
  );
}
