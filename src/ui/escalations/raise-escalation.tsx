/**
 * "Raise problem": a big button for any screen's header, and the sheet it
 * opens. The quick path is three taps: open, kind of problem, how bad; the
 * severity tap raises at once. A note or a photo is optional: the photo
 * belongs to the immutable header, so it has to be there before raising;
 * "Add note / photo first" turns the severity buttons into a choice and adds
 * a separate Raise button. After a quick raise, a note can still follow as a
 * comment step. The line is the tablet's preset line (a roaming device
 * without one asks first: one more tap).
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { deriveEscalation, MAX_ESCALATION_TEXT, validateEventRefusal } from '../../domain/escalation/escalation-state.ts';
import { refusalText } from './refusal-text.ts';
import { explainDenial } from '../../domain/people/permissions.ts';
import {
  ESCALATION_CATEGORIES,
  type Escalation,
  type EscalationCategory,
  type EscalationEvent,
  type Severity,
} from '../../domain/escalation/escalation-types.ts';
import { type DeviceKind } from '../../domain/people/people-types.ts';
import type { PlantScreenProps } from '../screen-props.ts';
import { useStore } from '../../state/use-store.ts';
import { formatClock } from '../format.ts';
import { languageStore } from '../i18n/language.ts';
import { PhotoCapture } from '../photo/photo-capture.tsx';
import type { PhotoDecoder } from '../photo/photo-shrink.ts';
import { saveOrShowStorageScreen } from '../shell/save-or-show-storage-screen.ts';
import { CATEGORY_ICONS, categoryWord, SEVERITIES, SeverityMeter, severityWord } from './escalation-badges.tsx';
import { writeRaise, writeStep } from '../../db/escalations/escalation-db.ts';
import { sessionCorrectedNow } from '../../state/session-clock.ts';
import { buildRaise, buildStep } from './escalation-records.ts';
import { et } from './escalation-messages.ts';
import { actorOf, deviceOf, usePlantPeopleAndLines, useSignedInPerson } from './use-escalation-context.ts';
import type { RefusedRecords } from '../../db/refused-records.ts';
import { refusedRecordsFrom } from '../../db/refused-records.ts';
import { syncStatusStore } from '../../sync/status.ts';
import { useRefused } from '../refused/use-refused.ts';
import { RefusedEntry } from '../refused/refused-entry.tsx';
import { refusedRaiseText } from './refused-escalations.tsx';
import './escalations.css';

export interface RaiseEscalationProps extends PlantScreenProps {
  deviceKind?: DeviceKind;
  /** Tests pass a fake; the app shrinks photos with the canvas. */
  photoDecoder?: PhotoDecoder;
  onRaised?(header: Escalation): void;
  /** Records the server refused (by default the app's sync status): a refused raise no longer shows "Raised" ([C-O6]). */
  refused?: RefusedRecords;
}

interface Raised {
  header: Escalation;
  raised: EscalationEvent;
}

export function RaiseEscalation({ db, session, ui, clock, random, plant, deviceKind = 'tablet', photoDecoder, onRaised, refused }: RaiseEscalationProps) {
  useStore(languageStore, (s) => s.language);
  const presetLine = useStore(session, (s) => s.lineId);
  const { roster, lines } = usePlantPeopleAndLines(db, plant.id);
  const person = useSignedInPerson(session, roster);
  const [open, setOpen] = useState(false);
  const refusedRecords = useMemo(() => refused ?? refusedRecordsFrom(syncStatusStore), [refused]);
  const device = deviceOf(deviceKind, plant.id);
  const mayRaise = person !== null && explainDenial(actorOf(person), 'raise_escalation', { plantId: plant.id }, device) === null;

  useEffect(() => {
    ui.getState().setEntryInProgress('raise-escalation', open);
    return () => {
      if (open) ui.getState().setEntryInProgress('raise-escalation', false);
    };
  }, [open, ui]);

  // An action a role may not take is not offered: no person, or a role that may not raise, no button.
  if (!mayRaise || !person) return null;
  return (
    <>
      <button type="button" class="btn btn-big raise-button" data-testid="raise-open" onClick={() => setOpen(true)}>
        <span aria-hidden="true">⚠</span> {et('raise.button')}
      </button>
      {open && (
        <RaiseSheet
          key="sheet"
          {...{ db, session, ui, clock, random, plant, device, photoDecoder, onRaised }}
          refused={refusedRecords}
          personId={person.id}
          personName={person.name}
          actor={actorOf(person)}
          presetLine={presetLine}
          lines={lines.filter((l) => l.active)}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

interface SheetProps extends Omit<RaiseEscalationProps, 'deviceKind' | 'refused'> {
  refused: RefusedRecords;
  device: ReturnType<typeof deviceOf>;
  personId: string;
  personName: string;
  actor: ReturnType<typeof actorOf>;
  presetLine: string;
  lines: { id: string; name: string }[];
  onClose(): void;
}

function RaiseSheet({ db, session, ui, clock, random, plant, device, photoDecoder, onRaised, refused, personId, personName, actor, presetLine, lines, onClose }: SheetProps) {
  const [lineId, setLineId] = useState(presetLine);
  const [category, setCategory] = useState<EscalationCategory | null>(null);
  const [severity, setSeverity] = useState<Severity | null>(null);
  const [details, setDetails] = useState(false);
  const [note, setNote] = useState('');
  const [photo, setPhoto] = useState('');
  const [photoBusy, setPhotoBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [raised, setRaised] = useState<Raised | null>(null);
  const lineName = lines.find((l) => l.id === lineId)?.name ?? lineId;
  const time = (ms: number) => formatClock(new Date(ms), plant.locale, plant.timeZone);

  const raise = async (chosen: Severity) => {
    if (busy || !category || !lineId) return;
    const atMs = sessionCorrectedNow(clock, session);
    const { deviceId } = session.getState();
    const built = buildRaise({ plantId: plant.id, lineId, category, severity: chosen, description: note, photo, personId, deviceId, atMs, random });
    setBusy(true);
    const confirmation = et('raise.done', { category: categoryWord(category), severity: severityWord(chosen), time: time(atMs) });
    const done = () => {
      setBusy(false);
      setRaised(built);
      ui.getState().showToast('saved', confirmation);
      onRaised?.(built.header);
    };
    await saveOrShowStorageScreen(ui, {
      attempt: async () => {
        await writeRaise(db, built.header, built.raised);
        done();
      },
      keptEntry: () => `${categoryWord(category)} · ${severityWord(chosen)} · ${lineName}`,
      onFailure: () => setBusy(false),
    });
  };

  const pickSeverity = (s: Severity) => {
    setProblem(null);
    if (details) setSeverity(s);
    else void raise(s);
  };

  const submit = () => {
    if (!category || !severity) {
      setProblem(et('raise.chooseFirst'));
      return;
    }
    void raise(severity);
  };

  return (
    <div class="overlay" onClick={(e) => e.target === e.currentTarget && !busy && onClose()}>
      <div class="panel raise-sheet" role="dialog" aria-modal="true" aria-label={et('raise.title', { line: lineName })} data-testid="raise-sheet">
        {raised ? (
          <RaiseConfirmation
            {...{ db, session, ui, clock, random, plant, device, actor, personId, personName }}
            refused={refused}
            raised={raised}
            time={time}
            onClose={onClose}
          />
        ) : (
          <>
            <div class="sheet-head">
              <h2>{lineId ? et('raise.title', { line: lineName }) : et('raise.line')}</h2>
              <button type="button" class="btn btn-secondary" data-testid="raise-cancel" onClick={onClose}>
                {et('raise.cancel')}
              </button>
            </div>
            {!lineId ? (
              <div class="choice-grid">
                {lines.map((l) => (
                  <button type="button" class="btn btn-choice" data-testid={`raise-line-${l.id}`} onClick={() => setLineId(l.id)}>
                    <span class="choice-main">{l.name}</span>
                  </button>
                ))}
              </div>
            ) : (
              <>
                <h3 id="raise-category-label">{et('raise.category')}</h3>
                <div class="category-grid" role="group" aria-labelledby="raise-category-label">
                  {ESCALATION_CATEGORIES.map((c) => (
                    <button
                      type="button"
                      class={`btn category-button${category === c ? ' is-chosen' : ''}`}
                      aria-pressed={category === c}
                      data-testid={`raise-category-${c}`}
                      onClick={() => setCategory(c)}
                    >
                      <span class="category-icon" aria-hidden="true">
                        {CATEGORY_ICONS[c]}
                      </span>
                      <span>{categoryWord(c)}</span>
                    </button>
                  ))}
                </div>
                {category && (
                  <>
                    <h3 id="raise-severity-label">{et('raise.severity')}</h3>
                    {!details && <p class="hint">{et('raise.severityHint')}</p>}
                    <div class="severity-row" role="group" aria-labelledby="raise-severity-label">
                      {SEVERITIES.map((s) => (
                        <button
                          type="button"
                          class={`btn severity-button${severity === s && details ? ' is-chosen' : ''}`}
                          data-severity={s}
                          aria-pressed={details ? severity === s : undefined}
                          data-testid={`raise-severity-${s}`}
                          disabled={busy}
                          onClick={() => pickSeverity(s)}
                        >
                          <SeverityMeter severity={s} />
                          <span>{severityWord(s)}</span>
                        </button>
                      ))}
                    </div>
                  </>
                )}
                {details ? (
                  <div class="raise-details">
                    <label class="field">
                      {et('raise.note')}
                      <textarea data-testid="raise-note" maxLength={MAX_ESCALATION_TEXT} rows={3} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
                    </label>
                    <PhotoCapture value={photo} onChange={setPhoto} locale={plant.locale} decoder={photoDecoder} onBusy={setPhotoBusy} />
                    <button type="button" class="btn btn-primary btn-big" data-testid="raise-submit" disabled={busy || photoBusy} onClick={submit}>
                      <span aria-hidden="true">⚠</span> {et('raise.submit')}
                    </button>
                  </div>
                ) : (
                  <button type="button" class="btn btn-secondary raise-details-toggle" data-testid="raise-details" onClick={() => setDetails(true)}>
                    <span aria-hidden="true">📝</span> {et('raise.details')}
                  </button>
                )}
              </>
            )}
            {problem && (
              <p class="hint hint-error" role="alert" data-testid="raise-problem">
                <span aria-hidden="true">⚠ </span>
                {problem}
              </p>
            )}
          </>
        )}
      </div>
    </div>
  );
}

interface ConfirmationProps extends PlantScreenProps {
  device: ReturnType<typeof deviceOf>;
  actor: ReturnType<typeof actorOf>;
  personId: string;
  personName: string;
  refused: RefusedRecords;
  raised: Raised;
  time(ms: number): string;
  onClose(): void;
}

/** "Raised" on screen, with the optional note that follows as a comment step. */
function RaiseConfirmation(props: ConfirmationProps) {
  const { db, session, ui, clock, random, plant, device, actor, personId, raised, time, onClose } = props;
  const [adding, setAdding] = useState(false);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const { header } = raised;
  // The server's answer may come while this is still open: a refused raise never looks raised.
  const refusal = useRefused(props.refused, 'escalations', header.id);

  const saveNote = async () => {
    const atMs = sessionCorrectedNow(clock, session);
    const event = buildStep({ escalation: header, type: 'commented', comment: text, personId, deviceId: session.getState().deviceId, atMs, random });
    const view = deriveEscalation(header, [raised.raised], plant.tierLadder);
    const refusal = validateEventRefusal(view, event, actor, { mode: 'action', device });
    if (refusal) {
      setProblem(refusalText(refusal));
      return;
    }
    // Retry writes the note only: the confirmation belongs to this form, which the storage screen replaced.
    if (!(await saveOrShowStorageScreen(ui, { attempt: () => writeStep(db, event), keptEntry: () => text }))) return;
    const confirmation = et('raise.noteSaved', { time: time(atMs) });
    setSaved(confirmation);
    setAdding(false);
    ui.getState().showToast('saved', confirmation);
  };

  if (refusal.refused) {
    const words = refusal.entry ? refusedRaiseText({ escalation: header, entry: refusal.entry, stepIds: [] }, [{ id: personId, name: props.personName }]) : null;
    const what = `${categoryWord(header.category)} · ${severityWord(header.severity)} · ${time(Date.parse(header.raisedAt))}`;
    return (
      <div class="raise-refused" data-testid="raise-refused" role="alert">
        {words && <RefusedEntry tag="div" testId="raise-refused-entry" what={what} whatText={what} reason={words.reason} way={words.way} />}
        <div class="row-buttons">
          <button type="button" class="btn btn-primary" data-testid="raise-close" onClick={onClose}>
            {et('raise.close')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <div class="raise-done" data-testid="raise-done" role="status">
      <p class="raise-done-main">
        <span aria-hidden="true">✔ </span>
        {et('raise.done', { category: categoryWord(header.category), severity: severityWord(header.severity), time: time(Date.parse(header.raisedAt)) })}
      </p>
      <p class="hint">{et('raise.doneHint')}</p>
      {saved && <p class="esc-saved">{saved}</p>}
      {adding ? (
        <div>
          <label class="field">
            {et('form.comment')}
            <textarea data-testid="raise-followup-note" maxLength={MAX_ESCALATION_TEXT} rows={3} value={text} onInput={(e) => setText(e.currentTarget.value)} />
          </label>
          {problem && (
            <p class="hint hint-error" role="alert">
              {problem}
            </p>
          )}
          <div class="row-buttons">
            <button type="button" class="btn btn-primary" data-testid="raise-followup-save" onClick={() => void saveNote()}>
              {et('form.save')}
            </button>
          </div>
        </div>
      ) : (
        <div class="row-buttons">
          {!saved && (
            <button type="button" class="btn btn-secondary" data-testid="raise-add-note" onClick={() => setAdding(true)}>
              <span aria-hidden="true">📝</span> {et('raise.addNote')}
            </button>
          )}
          <button type="button" class="btn btn-primary" data-testid="raise-close" onClick={onClose}>
            {et('raise.close')}
          </button>
        </div>
      )}
    </div>
  );
}
