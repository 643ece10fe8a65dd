/**
 * The operator's screen, the first thing the tablet shows: who is recording,
 * the line's KPIs by SQDCP, the number pad, and the shift's readings.
 * Saving writes one immutable reading to the local database and confirms on
 * screen once it is durable; nothing waits on the network.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { latestReadingPerKpi } from '../../db/latest-reading.ts';
import { addProductionDays, shiftInstanceAt, shiftInstanceKey } from '../../domain/shift/shift-calendar.ts';
import type { KpiDefinition, KpiReading } from '../../domain/kpi/kpi-types.ts';
import type { Person } from '../../domain/people/people-types.ts';
import type { ShiftInstance } from '../../domain/shift/shift-types.ts';
import type { DraftSlot, DraftStore } from '../../state/draft-store.ts';
import type { SessionStore } from '../../state/session-store.ts';
import type { UiStore } from '../../state/ui-store.ts';
import { useStore } from '../../state/use-store.ts';
import { formatClock, formatValue } from '../format.ts';
import { t } from '../i18n/t.ts';
import { KpiBoard } from './kpi-board.tsx';
import { kpiRows, type SlotValuesOf } from './kpi-rows.ts';
import { lazyModule, useLazyModule } from '../shell/lazy-module.ts';
import type { PadResult } from './number-pad.tsx';
import { OperatorPicker } from './operator-picker.tsx';
import { sim } from './sign-in-messages.ts';
import { lazyScreen } from '../shell/lazy.tsx';
import type { LineSetup, ReadingData, RefusedReading } from '../../db/readings/reading-data.ts';
import { buildReading, saveReading } from './record-reading.ts';
import { ShiftHeader } from './shift-header.tsx';
import type { Clock } from '../../domain/time/clock.ts';
import { sessionCorrectedNow } from '../../state/session-clock.ts';
import { useSessionDevice } from '../people/use-session-device.ts';
import { afterInteractive, markInteractive } from './readiness.ts';
import type { ShownReadings } from './reading-snapshot.ts';

// The PIN check (PBKDF2 through WebCrypto) loads on first sign-in, not with the first screen.
const SignWithPin = lazyScreen(() => import('../people/sign-with-pin.tsx').then((m) => m.SignWithPin));
/**
 * The pad is not needed to show the screen, only at the first tap: it is fetched as soon as the
 * screen is interactive, so it is there by then, and its code stays out of the first screen's
 * budget (120 kB).
 */
const NumberPad = lazyScreen(() => import('./number-pad.tsx').then((m) => m.NumberPad), { quiet: true });
afterInteractive(() => void NumberPad.preload());
/**
 * Computed KPIs (OEE, first pass yield) take their shift's values from the board's own code
 * (shift-slot-values.ts, with the board's reading index), so the tablet and the wall screen show one
 * number. It is fetched like the pad, once the screen is interactive, not with the first screen:
 * the board's index would cost the first screen about 6 kB of its 120 kB budget.
 */
const slotValues = lazyModule<SlotValuesOf>(() => import('../../domain/board/shift-slot-values.ts').then((m) => m.shiftSlotValues));
afterInteractive(() => void slotValues.load());
/**
 * Who may record and correct here comes from the rule book the server uses (reading-rights.ts with
 * src/domain/people/permissions.ts and their words): fetched once the screen is interactive, and
 * awaited by a tap that comes sooner. Until then nothing is offered that it could forbid (Correct).
 */
const rightsBookModule = lazyModule(() => import('./reading-rights.ts'));
afterInteractive(() => void rightsBookModule.load());
/** This shift's readings, below the KPIs: fetched once the screen is interactive, as the pad is. */
const ShiftReadingsList = lazyScreen(() => import('./shift-readings-list.tsx').then((m) => m.ShiftReadingsList), { quiet: true });
afterInteractive(() => void ShiftReadingsList.preload());

/** Everything the reading screen fetches once it is interactive, at once (tests start from it). */
export const preloadReadingScreen = (): Promise<void> =>
  Promise.all([NumberPad.preload(), ShiftReadingsList.preload(), rightsBookModule.load(), slotValues.load()]).then(() => undefined);

export interface ReadingScreenProps {
  setup: LineSetup;
  data: ReadingData;
  session: SessionStore;
  ui: UiStore;
  clock: Clock;
  random: () => number;
  onAbout(): void;
  /**
   * What the start's snapshot shows, until the database answers: the readings count only for the shift
   * instance the screen itself works out from the clock.
   */
  initial?: { shift: ShiftInstance | null; readings: KpiReading[]; earlier: ReadonlyMap<string, number> } | null;
  /** Told what the screen shows after each change (the snapshot for the next start). */
  onShown?(shown: ShownReadings): void;
  /** Where a correction being typed is kept, per person (src/state/draft-store.ts). */
  drafts?: DraftStore;
}

// The header's "time left" moves by the minute; half a minute keeps it honest without busy re-rendering.
const TICK_MS = 30_000;
// "Last value" looks back this far for KPIs not yet recorded this shift: two weeks covers a
// rotating crew's days off and a long weekend.
const EARLIER_DAYS = 14;
// A write normally lands in a few ms and the pad closes with its confirmation. On a struggling
// tablet the pad still goes away within the ~100 ms a tap is felt as instant; the toast follows.
const PAD_CLOSE_FALLBACK_MS = 100;

/** A step the rule book does not allow this person, said instead of opening the pad. */
interface RightsNotice {
  title: string;
  text: string;
  /** The button's word, from the rule book's catalogue (loaded with it). */
  ok: string;
}

interface PadTarget {
  def: KpiDefinition;
  /** The shift instance the pad was opened in: a reading belongs to the shift it was started for. */
  shift: ShiftInstance;
  correcting: KpiReading | null;
}

function shiftAt(setup: LineSetup, at: Date): ShiftInstance | null {
  try {
    return shiftInstanceAt(setup.plant, setup.pattern, setup.line.id, at);
  } catch {
    return null;
  }
}

export function ReadingScreen({ setup, data, session, ui, clock, random, onAbout, initial, onShown, drafts }: ReadingScreenProps) {
  const { plant, line, pattern, defs, roster } = setup;
  const personId = useStore(session, (s) => s.personId);
  const device = useSessionDevice(session, setup.plant.id);
  // The tablet's clock corrected by the measured offset to the server, as escalations and handovers
  // stamp their records.
  const correctedMs = () => sessionCorrectedNow(clock, session);
  const [now, setNow] = useState(() => new Date(correctedMs()));
  const [earlier, setEarlier] = useState<ReadonlyMap<string, number>>(() => initial?.earlier ?? new Map());
  // The line's readings of this production date in other shifts: a daily input (the ideal cycle
  // time) entered in the early shift counts for the late shift's OEE, as on the board.
  const [sameDay, setSameDay] = useState<KpiReading[]>([]);
  const [pad, setPad] = useState<PadTarget | null>(null);
  const [typingBadge, setTypingBadge] = useState(false);
  const [notice, setNotice] = useState<RightsNotice | null>(null);

  // Working out the shift instance walks the plant's calendar in its time zone: once per tick, not per render.
  const shiftCandidate = useMemo(() => shiftAt(setup, now), [setup, now]);
  const key = shiftCandidate ? shiftInstanceKey(shiftCandidate) : '';
  // One object per shift instance, so effects keyed on it run once per shift: the instance worked out
  // in the render where the key last changed, kept while the key stays.
  const latestCandidate = useRef(shiftCandidate);
  latestCandidate.current = shiftCandidate;
  const shift = useMemo(() => (key === '' ? null : latestCandidate.current), [key]);
  // From the snapshot, the first render is already the whole screen (one render, not two, before the
  // screen is usable); the live readings replace these once the database is open.
  const [readings, setReadings] = useState<KpiReading[] | null>(() =>
    initial?.shift && shiftInstanceKey(initial.shift) === key ? initial.readings : null,
  );
  const shownFor = useRef<string | null>(readings === null ? null : key);
  const [refused, setRefused] = useState<RefusedReading[]>([]);

  // Idle sign-out is the floor navigation's (src/ui/floor): it covers every floor screen, not only this one.
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date(sessionCorrectedNow(clock, session))), TICK_MS);
    return () => clearInterval(timer);
  }, [clock, session]);

  // Layout effects for what the first screen waits on: subscribing and marking it usable after the
  // DOM is committed, rather than a frame later after paint.
  useLayoutEffect(() => {
    if (!shift) {
      setReadings([]);
      return;
    }
    if (shownFor.current !== key) setReadings(null);
    shownFor.current = null;
    return data.watchShiftReadings(shift, setReadings);
    // (shift changes exactly when key does: one subscription per shift.)
  }, [data, key, shift]);

  // The shift's readings the server refused: listed as refused where they were made, never as saved.
  useEffect(() => {
    setRefused([]);
    if (!shift || !data.watchRefusedReadings) return;
    return data.watchRefusedReadings(shift, setRefused);
  }, [data, shift]);

  useEffect(() => {
    if (!shift) return;
    let alive = true;
    const since = addProductionDays(shift.productionDate, -EARLIER_DAYS);
    data.recentLineReadings(line.id, since).then(
      (recent) => {
        const before = recent.filter((r) => !(r.shiftCode === shift.shiftCode && r.productionDate === shift.productionDate));
        const latest = latestReadingPerKpi(before);
        if (!alive) return;
        setEarlier(new Map([...latest].map(([kpiId, r]) => [kpiId, r.value])));
        setSameDay(before.filter((r) => r.productionDate === shift.productionDate));
      },
      () => undefined, // "last value" is a convenience; the screen works without it
    );
    return () => {
      alive = false;
    };
  }, [data, shift, line.id]);

  const loaded = readings !== null;
  useLayoutEffect(() => {
    if (loaded) markInteractive();
  }, [loaded]);

  // The parent may pass a new callback every render; it is told when what is shown changes, not the callback.
  const tellShown = useRef(onShown);
  tellShown.current = onShown;
  useEffect(() => {
    if (shift && readings !== null) tellShown.current?.({ setup, shift, readings, earlier });
  }, [setup, shift, readings, earlier]);

  // Readings handed to the database and not yet durable. The pad may close before that (see
  // PAD_CLOSE_FALLBACK_MS), but the entry is not finished: a reload now (update banner, "Plant board")
  // would lose the value without a word, so the entry-in-progress flag stays set until the write lands.
  const writes = useRef(0);
  const gone = useRef(false);
  const [writing, setWriting] = useState(false);
  const entry = pad !== null || typingBadge || writing;
  useEffect(() => ui.getState().setEntryInProgress('reading', entry), [entry, ui]);
  useEffect(
    () => () => {
      gone.current = true;
      // Leaving the screen ends its entry, but not a write still running: that clears the flag when it lands.
      if (!writes.current) ui.getState().setEntryInProgress('reading', false);
    },
    // ui is the app's one store: this cleanup runs when the screen goes.
    [ui],
  );
  // saveReading's write, and its retry from the storage-error screen, counted until durable.
  const write = (r: KpiReading) => {
    writes.current++;
    setWriting(true);
    return data.writeReading(r).then(() => {
      if (--writes.current) return;
      if (gone.current) ui.getState().setEntryInProgress('reading', false);
      else setWriting(false);
    });
  };

  const person = roster.find((p) => p.id === personId) ?? null;
  const rightsBook = useLazyModule(rightsBookModule);
  // Asked of the rule book the server uses, with this device: a step it would refuse is not offered.
  const rights = useMemo(
    () => (person && rightsBook ? rightsBook.readingRights(person, plant.id, device) : null),
    [person, plant.id, device, rightsBook],
  );
  const defsById = useMemo(() => new Map(defs.map((d) => [d.id, d])), [defs]);
  const peopleById = useMemo(() => new Map(roster.map((p) => [p.id, p])), [roster]);
  const slotValuesOf = useLazyModule(slotValues);
  const rows = useMemo(() => kpiRows(defs, shift, readings ?? [], sameDay, earlier, slotValuesOf), [defs, shift, readings, sameDay, earlier, slotValuesOf]);
  const shiftName = shift ? (pattern.shifts.find((s) => s.code === shift.shiftCode)?.name ?? '') : '';

  // Picking a name (or typing a badge) is who you say you are; the PIN, checked on the device against
  // the salted hash so it works offline, is what makes every record attributable to you.
  const [pinFor, setPinFor] = useState<Person | null>(null);
  const signIn = (p: Person) => {
    setPinFor(null);
    session.getState().signIn(p.id, clock.now());
  };

  // The operator's slot is chosen when the pad opens (a reading belongs to the shift it was started
  // for), from the corrected time of that tap, not from the last display tick: at 14:00:20 the late
  // shift has begun even if the header still says early. A correction stays in the slot of the
  // reading it corrects: the list shows the displayed shift's readings.
  const openPad = (def: KpiDefinition, correcting: KpiReading | null = null) => {
    if (!person) return;
    // A tap before the rule book arrived waits for it (a few milliseconds: it is fetched with the pad).
    const book = rightsBook ?? rightsBookModule.loaded;
    if (!book) {
      void rightsBookModule.load().then(() => openPad(def, correcting), () => undefined);
      return;
    }
    const rights = book.readingRights(person, plant.id, device);
    if (rights.record) {
      setNotice({ title: book.rightsNoticeTitle('record_reading'), text: book.rightsText(rights.record, 'record_reading'), ok: book.rightsOk() });
      return;
    }
    let slot = shift;
    if (!correcting) {
      const at = new Date(correctedMs());
      slot = shiftAt(setup, at);
      setNow(at);
      // One value per KPI and shift instance: a second value typed into a slot that has one is a
      // correction of it (with a reason, superseding it), never a second current reading.
      if (slot && readings && shiftInstanceKey(slot) === key) correcting = latestReadingPerKpi(readings).get(def.id) ?? null;
    }
    if (!slot) return;
    if (correcting && rights.correct) {
      setNotice({ title: book.rightsNoticeTitle('correct_reading'), text: book.rightsText(rights.correct, 'correct_reading'), ok: book.rightsOk() });
      return;
    }
    setPad({ def, shift: slot, correcting });
  };

  /** A correction's draft is the person's own, of the reading it corrects. */
  const correctionDraft = (target: PadTarget | null): DraftSlot | null =>
    target?.correcting && drafts
      ? drafts.slot({ personId, plantId: plant.id, lineId: target.shift.lineId, subject: `correction:${target.correcting.id}` })
      : null;

  const onSave = (target: PadTarget, result: PadResult) => {
    const tapMs = clock.now();
    const s = session.getState();
    const reading = buildReading({
      def: target.def,
      shift: target.shift,
      value: result.value,
      note: result.note,
      correctionReason: result.correctionReason,
      supersedes: target.correcting?.id ?? '',
      personId: s.personId,
      deviceId: s.deviceId,
      clockOffsetMs: s.clockOffsetMs,
      nowMs: tapMs,
      random,
    });
    const { unit, decimals, name } = target.def;
    // Only this pad: after the fallback closed it the person may already have opened the next one.
    const closePad = () => setPad((open) => (open === target ? null : open));
    const draft = correctionDraft(target);
    // The write starts first, in the tap itself; the pad closes with the confirmation, when the reading
    // is durable, in one render that does not compete with the write (NumberPad sends one save only).
    void saveReading(
      { ...data, writeReading: write },
      ui,
      reading,
      () => {
        const value = formatValue(reading.value, unit, plant.locale, decimals);
        return {
          entry: `${value} ${name}`,
          confirmation: t(target.correcting ? 'saved.correction' : 'saved.toast', {
            value,
            name,
            time: formatClock(new Date(tapMs), plant.locale, plant.timeZone),
          }),
        };
      },
      closePad,
    ).then((durable) => {
      // The correction is the record now, not a draft. (A failed write keeps it: the storage screen holds it.)
      if (durable) draft?.clear();
    });
    // While the database is still opening (a start shown from its snapshot) the pad stays up with the
    // entry until the reading is durable: nothing on screen says "saved" before it is.
    if (!data.waitingForDatabase?.()) setTimeout(closePad, PAD_CLOSE_FALLBACK_MS);
  };

  return (
    <div class="screen reading-screen" data-testid="screen-readings">
      <ShiftHeader
        plant={plant}
        line={line}
        shift={shift}
        shiftName={shiftName}
        now={now}
        person={person}
        onSignOut={() => session.getState().signOut()}
        onAbout={onAbout}
      />
      {!person ? (
        <>
          <OperatorPicker roster={roster} onPick={setPinFor} findByBadge={(badge) => data.findPersonByBadge(plant.id, badge)} onTyping={setTypingBadge} />
          {pinFor && (
            <div class="overlay" role="dialog" aria-modal="true" aria-label={sim('signin.pinTitle', { name: pinFor.name })}>
              <div class="panel">
                <SignWithPin
                  person={pinFor}
                  title={sim('signin.pinTitle', { name: pinFor.name })}
                  submitLabel={sim('signin.submit')}
                  onSigned={() => signIn(pinFor)}
                  onCancel={() => setPinFor(null)}
                />
              </div>
            </div>
          )}
        </>
      ) : (
        <main class="reading-layout">
          <section class="board" aria-label={t('board.title')}>
            {rights?.record && rightsBook && (
              <p class="rights-notice" role="note" data-testid="rights-notice">
                {rightsBook.rightsText(rights.record, 'record_reading')}
              </p>
            )}
            <KpiBoard rows={rows} locale={plant.locale} onPick={(def) => openPad(def)} />
          </section>
          <ShiftReadingsList
            readings={readings ?? []}
            defs={defsById}
            people={peopleById}
            locale={plant.locale}
            timeZone={plant.timeZone}
            mayCorrect={rights !== null && rights.record === null && rights.correct === null}
            refused={refused}
            onDiscard={data.discardRefusedReading ? (r) => data.discardRefusedReading?.(r.id, person.id) : undefined}
            onCorrect={(r) => {
              const def = defsById.get(r.kpiId);
              if (def) openPad(def, r);
            }}
          />
        </main>
      )}
      {notice && (
        <div class="overlay" role="alertdialog" aria-modal="true" aria-labelledby="rights-title" data-testid="rights-refusal">
          <div class="panel">
            <h2 id="rights-title">{notice.title}</h2>
            <p data-testid="rights-refusal-text">{notice.text}</p>
            <button type="button" class="btn btn-big" data-testid="rights-ok" onClick={() => setNotice(null)}>
              {notice.ok}
            </button>
          </div>
        </div>
      )}
      {pad && (
        <NumberPad
          key={`${pad.def.id}-${pad.correcting?.id ?? ''}`}
          def={pad.def}
          locale={plant.locale}
          correcting={pad.correcting ? { value: pad.correcting.value } : null}
          draft={correctionDraft(pad)}
          onSave={(result) => onSave(pad, result)}
          onCancel={() => {
            correctionDraft(pad)?.clear();
            setPad(null);
          }}
        />
      )}
    </div>
  );
}
