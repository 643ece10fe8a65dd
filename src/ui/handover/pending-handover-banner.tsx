/**
 * On the next shift's start screen: the previous shift's handover, while
 * nobody has acknowledged it (pendingHandoverFor). Tapping it opens the
 * review; the incoming lead (the signed-in lead, or picked from the roster)
 * acknowledges each item and signs with their PIN, which writes the
 * follow-up check-in (acknowledgeHandover). The banner then goes away.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { acknowledgeHandover, pendingHandoverFor } from '../../domain/handover/handover-rules.ts';
import { newId } from '../../domain/records/ids.ts';
import type { DerivePin } from '../../domain/people/pin.ts';
import type { HandoverCheckIn } from '../../domain/handover/handover-types.ts';
import type { Person } from '../../domain/people/people-types.ts';
import type { LineScreenProps } from '../screen-props.ts';
import { useStore } from '../../state/use-store.ts';
import { formatProductionDate } from '../format.ts';
import { languageStore } from '../i18n/language.ts';
import { sessionCorrectedNow } from '../../state/session-clock.ts';
import type { PinAttempts } from '../people/pin-attempts.ts';
import type { LineSetup } from '../../db/readings/reading-data.ts';
import { rxHandoverData, type HandoverData } from '../../db/handover/handover-data.ts';
import { maySignHandover, previousCheckIn } from './handover-draft.ts';
import { useSessionDevice } from '../people/use-session-device.ts';
import { HandoverReview } from './handover-review.tsx';
import { LeadPicker } from './lead-picker.tsx';
import { th } from './handover-messages.ts';
import { useCorrectedNow, useLineHandovers, useRefusedHandovers, useShiftAt } from './use-line-handovers.ts';
import type { RefusedRecords } from '../../db/refused-records.ts';
import { RefusedHandovers } from './refused-handovers.tsx';
import { useSignHandover } from './use-sign-handover.ts';
import './handover.css';

export interface PendingHandoverBannerProps extends LineScreenProps {
  /** Told the pending check-in (or null) once the line's check-ins are loaded and after every change: the shell may badge it. */
  onPending?(pending: HandoverCheckIn | null): void;
  derive?: DerivePin;
  attempts?: PinAttempts;
  /** Records the server refused (by default the app's sync status): a refused acknowledgement leaves the handover pending, and says so ([C-O6]). */
  refused?: RefusedRecords;
}

export function PendingHandoverBanner({ db, setup, session, ui, clock, random, onPending, derive, attempts, refused }: PendingHandoverBannerProps) {
  useStore(languageStore, (s) => s.language);
  const { plant, line, pattern, defs, roster } = setup;
  const data = useMemo<HandoverData>(() => rxHandoverData(db, refused), [db, refused]);
  const now = useCorrectedNow(clock, session);
  const shift = useShiftAt(plant, pattern, line, now);
  const checkIns = useLineHandovers(data, shift);
  const pending = useMemo(() => (shift && checkIns ? pendingHandoverFor(shift, checkIns) : null), [shift, checkIns]);
  const personId = useStore(session, (s) => s.personId);
  // Acknowledgements of the pending handover the server refused: made here, so shown here, beside it.
  const refusedAcks = useRefusedHandovers(data, shift).filter(
    (r) => pending && r.checkIn.incomingLeadId !== '' && r.checkIn.shiftCode === pending.shiftCode && r.checkIn.productionDate === pending.productionDate,
  );
  const [open, setOpen] = useState(false);
  // The parent may pass a new callback every render; it is told on a change of what is pending, not of the callback.
  const tell = useRef(onPending);
  tell.current = onPending;
  const loaded = checkIns !== null;
  useEffect(() => {
    if (loaded) tell.current?.(pending);
  }, [loaded, pending]);

  if (!pending || !checkIns) return null;
  const nameOf = (id: string) => roster.find((p) => p.id === id)?.name ?? id;
  const date = formatProductionDate(pending.productionDate, plant.locale);
  const params = { code: pending.shiftCode, date, out: nameOf(pending.outgoingLeadId), count: pending.openItems.length };
  return (
    <>
      <div class="handover-banner" data-testid="pending-handover" data-checkin={pending.id}>
        <span class="handover-banner-icon" aria-hidden="true">⚠</span>
        <span class="handover-banner-text">{th(pending.openItems.length === 0 ? 'banner.textNoItems' : pending.openItems.length === 1 ? 'banner.textOneItem' : 'banner.text', params)}</span>
        <button type="button" class="btn btn-primary" data-testid="pending-handover-open" onClick={() => setOpen(true)}>
          {th('banner.open')}
        </button>
      </div>
      <RefusedHandovers
        refused={refusedAcks}
        plant={plant}
        nameOf={nameOf}
        onDiscard={personId && data.discardRefusedHandover ? (r) => data.discardRefusedHandover?.(r.checkIn.id, personId) ?? Promise.resolve() : undefined}
      />
      {open && (
        <AcknowledgeDialog
          key={pending.id}
          pending={pending}
          previous={previousCheckIn(pending, checkIns, Date.parse(pending.signedAt))}
          setup={setup}
          defs={defs}
          data={data}
          session={session}
          ui={ui}
          clock={clock}
          random={random}
          derive={derive}
          attempts={attempts}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

interface AcknowledgeDialogProps extends Omit<PendingHandoverBannerProps, 'db' | 'onPending'> {
  pending: HandoverCheckIn;
  previous: HandoverCheckIn | null;
  defs: LineSetup['defs'];
  data: HandoverData;
  onClose(): void;
}

function AcknowledgeDialog({ pending, previous, setup, defs, data, session, ui, clock, random, derive, attempts, onClose }: AcknowledgeDialogProps) {
  const { plant, roster } = setup;
  const personId = useStore(session, (s) => s.personId);
  const device = useSessionDevice(session, plant.id);
  const leads = useMemo(
    () => roster.filter((p) => maySignHandover(p, plant.id, device)).sort((a, b) => a.name.localeCompare(b.name)),
    [roster, plant.id, device],
  );
  const signedIn = leads.find((p) => p.id === personId && p.id !== pending.outgoingLeadId) ?? null;
  const [incoming, setIncoming] = useState<Person | null>(signedIn);
  const [problem, setProblem] = useState('');
  const { check, sign: signChecked } = useSignHandover({ data, ui, plant, previous, onProblem: setProblem });
  const nameOf = (id: string) => roster.find((p) => p.id === id)?.name ?? id;

  const build = (incomingLeadId: string, acknowledgedItemIds: readonly string[]): HandoverCheckIn => {
    const signedAtMs = sessionCorrectedNow(clock, session);
    const acked = new Set(acknowledgedItemIds);
    return acknowledgeHandover(pending, {
      id: newId(signedAtMs, random),
      incomingLeadId,
      acknowledgedItemIds: pending.openItems.filter((i) => acked.has(i.id)).map((i) => i.id),
      deviceId: session.getState().deviceId,
      signedAt: new Date(signedAtMs).toISOString(),
    });
  };

  const pick = (p: Person) => {
    const why = check(build(p.id, pending.openItems.map((i) => i.id)));
    setProblem(why);
    if (!why) setIncoming(p);
  };

  const sign = (p: Person, acked: string[]) =>
    signChecked(
      () => build(p.id, acked),
      (time) => th('banner.toast', { in: p.name, time }),
      onClose,
    );

  return (
    <div class="overlay">
      <div class="panel handover-dialog" role="dialog" aria-modal="true" aria-label={th('banner.dialog')} data-testid="pending-handover-dialog">
        <div class="pad-head">
          <h2>{th('banner.dialog')}</h2>
          <button type="button" class="btn btn-secondary" data-testid="pending-handover-close" onClick={onClose}>
            {th('banner.close')}
          </button>
        </div>
        {incoming ? (
          <HandoverReview
            checkIn={pending}
            incoming={incoming}
            outgoingName={nameOf(pending.outgoingLeadId)}
            plant={plant}
            defs={defs}
            validate={(acked) => check(build(incoming.id, acked))}
            onSigned={(acked) => sign(incoming, acked)}
            onBack={() => setIncoming(null)}
            clock={clock}
            derive={derive}
            attempts={attempts}
          />
        ) : (
          <LeadPicker leads={leads} outgoingLeadId={pending.outgoingLeadId} onPick={pick} onBack={onClose} problem={problem} />
        )}
        {incoming && problem && (
          <p class="hint hint-error" role="alert" data-testid="handover-problem">
            ⚠ {problem}
          </p>
        )}
      </div>
    </div>
  );
}
