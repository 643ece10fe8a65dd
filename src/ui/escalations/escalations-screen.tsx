/**
 * The line's open escalations (or the whole plant's), most severe first,
 * then oldest: each with its kind and severity (icon + word), the live
 * timers, who is called and who owns it, and "overdue" in words. Below,
 * resolved ones waiting for a supervisor to verify. Tapping one opens it.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { escalationBoard } from '../../domain/board/escalation-board-order.ts';
import { deriveEscalation, type EscalationView } from '../../domain/escalation/escalation-state.ts';
import type { DeviceKind, Person } from '../../domain/people/people-types.ts';
import type { Escalation, EscalationEvent } from '../../domain/escalation/escalation-types.ts';
import type { Line } from '../../domain/plant/plant-types.ts';
import type { PlantScreenProps } from '../screen-props.ts';
import type { DraftStore } from '../../state/draft-store.ts';
import { useStore } from '../../state/use-store.ts';
import { languageStore } from '../i18n/language.ts';
import type { PhotoDecoder } from '../photo/photo-shrink.ts';
import { CategoryBadge, SeverityBadge, StateBadge } from './escalation-badges.tsx';
import { EscalationDetail } from './escalation-detail.tsx';
import { figuresOf } from './escalation-figures.ts';
import { correctedNow } from '../../domain/time/clock.ts';
import { EscalationTimers } from './escalation-timers.tsx';
import { et } from './escalation-messages.ts';
import { RaiseEscalation } from './raise-escalation.tsx';
import { usePlantEscalations, usePlantPeopleAndLines, useSignedInPerson } from './use-escalation-context.ts';
import { refusedRecordsFrom, type RefusedRecords } from '../../db/refused-records.ts';
import type { RefusedStep } from '../../db/escalations/counting-escalations.ts';
import { syncStatusStore } from '../../sync/status.ts';
import { RefusedRaises } from './refused-escalations.tsx';
import './escalations.css';

export interface EscalationsScreenProps extends PlantScreenProps {
  deviceKind?: DeviceKind;
  /** Timers tick every second; tests may pass another interval. */
  tickMs?: number;
  photoDecoder?: PhotoDecoder;
  /** Where a step's text is kept as it is typed (src/state/draft-store.ts); without it, while the form is open. */
  drafts?: DraftStore;
  /** Records the server refused (by default the app's sync status): shown as refused, never counted ([C-O6]). */
  refused?: RefusedRecords;
}

/** The timers show seconds: one render a second is what "live" means here. */
const TICK_MS = 1_000;

type Scope = 'line' | 'plant';

function groupEvents(events: readonly EscalationEvent[]): Map<string, EscalationEvent[]> {
  const by = new Map<string, EscalationEvent[]>();
  for (const e of events) {
    const list = by.get(e.escalationId);
    if (list) list.push(e);
    else by.set(e.escalationId, [e]);
  }
  return by;
}

export function EscalationsScreen(props: EscalationsScreenProps) {
  const { db, session, ui, clock, random, plant, deviceKind = 'tablet', tickMs = TICK_MS, photoDecoder, drafts } = props;
  useStore(languageStore, (s) => s.language);
  const lineId = useStore(session, (s) => s.lineId);
  const offset = useStore(session, (s) => s.clockOffsetMs);
  const { roster, lines } = usePlantPeopleAndLines(db, plant.id);
  const person = useSignedInPerson(session, roster);
  const refused = useMemo(() => props.refused ?? refusedRecordsFrom(syncStatusStore), [props.refused]);
  const data = usePlantEscalations(db, plant.id, refused);
  const [scope, setScope] = useState<Scope>(lineId ? 'line' : 'plant');
  const [openId, setOpenId] = useState<string | null>(null);
  const [deviceNow, setDeviceNow] = useState(() => clock.now());

  useEffect(() => {
    const timer = setInterval(() => setDeviceNow(clock.now()), tickMs);
    return () => clearInterval(timer);
  }, [clock, tickMs]);
  // Server-corrected, like every stored moment: timers compare it with `raisedAt` and step times.
  const nowMs = correctedNow(deviceNow, offset);

  const byEscalation = useMemo(() => groupEvents(data?.events ?? []), [data]);
  const inScope = useMemo(
    () => (data?.escalations ?? []).filter((e) => scope === 'plant' || e.lineId === lineId),
    [data, scope, lineId],
  );
  const open = useMemo(() => escalationBoard(inScope, data?.events ?? [], plant.tierLadder, nowMs), [inScope, data, plant.tierLadder, nowMs]);
  const toVerify = useMemo(
    () =>
      inScope
        .map((e) => deriveEscalation(e, byEscalation.get(e.id) ?? [], plant.tierLadder))
        .filter((v) => v.state === 'resolved')
        .sort((a, b) => Date.parse(a.resolvedAt ?? '') - Date.parse(b.resolvedAt ?? '')),
    [inScope, byEscalation, plant.tierLadder],
  );
  const opened = openId ? (data?.escalations.find((e) => e.id === openId) ?? null) : null;
  const lineName = (id: string) => lines.find((l) => l.id === id)?.name ?? id;
  const refusedSteps = useMemo(() => {
    const by = new Map<string, RefusedStep[]>();
    for (const r of data?.refused.steps ?? []) by.set(r.event.escalationId, [...(by.get(r.event.escalationId) ?? []), r]);
    return by;
  }, [data]);
  const refusedRaises = (data?.refused.raises ?? []).filter((r) => scope === 'plant' || r.escalation.lineId === lineId);
  // A closed escalation is in neither list; one with a refused step (a refused reopen) is listed apart,
  // so the step is shown where it was made, not only counted on the sync badge.
  const closedWithRefused = useMemo(() => {
    const shown = new Set([...open.map((i) => i.escalation.id), ...toVerify.map((v) => v.header.id)]);
    return inScope
      .filter((e) => refusedSteps.has(e.id) && !shown.has(e.id))
      .map((e) => deriveEscalation(e, byEscalation.get(e.id) ?? [], plant.tierLadder));
  }, [open, toVerify, inScope, refusedSteps, byEscalation, plant.tierLadder]);
  // Giving a refused entry up is a person's choice, logged with their name ([C-O4]).
  const discard = person
    ? async (collection: 'escalations' | 'escalation_events', ids: readonly string[]) => {
        for (const id of ids) await refused.discard(collection, id, person.id);
      }
    : null;

  return (
    <div class="screen escalations-screen" data-testid="screen-escalations">
      <header class="esc-header">
        <h1>{et('list.title')}</h1>
        <div class="scope-toggle" role="group" aria-label={et('list.scope')}>
          {lineId && (
            <button type="button" class={`chip${scope === 'line' ? ' chip-on' : ''}`} aria-pressed={scope === 'line'} data-testid="scope-line" onClick={() => setScope('line')}>
              {lineName(lineId)} · {et('list.scopeLine')}
            </button>
          )}
          <button type="button" class={`chip${scope === 'plant' ? ' chip-on' : ''}`} aria-pressed={scope === 'plant'} data-testid="scope-plant" onClick={() => setScope('plant')}>
            {et('list.scopePlant')}
          </button>
        </div>
        <RaiseEscalation {...{ db, session, ui, clock, random, plant, deviceKind, photoDecoder }} />
      </header>

      {data === null ? (
        <p class="loading">{et('list.loading')}</p>
      ) : (
        <>
          <RefusedRaises
            raises={refusedRaises}
            roster={roster}
            lines={lines}
            plant={plant}
            nowMs={nowMs}
            onDiscard={
              discard
                ? async (r) => {
                    await discard('escalation_events', r.stepIds);
                    await discard('escalations', [r.escalation.id]);
                  }
                : undefined
            }
          />
          <section aria-labelledby="esc-open-title">
            <h2 id="esc-open-title">
              {et('list.open')} ({open.length})
            </h2>
            {open.length === 0 ? (
              <p class="empty" data-testid="escalations-empty">
                {et('list.empty')}
              </p>
            ) : (
              <ul class="esc-list">
                {open.map((item) => (
                  <EscalationItem
                    escalation={item.escalation}
                    view={item.view}
                    roster={roster}
                    lines={lines}
                    nowMs={nowMs}
                    showLine={scope === 'plant'}
                    overdue={item.overdue}
                    refusedSteps={refusedSteps.get(item.escalation.id)?.length ?? 0}
                    onOpen={() => setOpenId(item.escalation.id)}
                  />
                ))}
              </ul>
            )}
          </section>
          {toVerify.length > 0 && (
            <section aria-labelledby="esc-verify-title">
              <h2 id="esc-verify-title">{et('list.toVerify')}</h2>
              <ul class="esc-list">
                {toVerify.map((view) => (
                  <EscalationItem
                    escalation={view.header}
                    view={view}
                    roster={roster}
                    lines={lines}
                    nowMs={nowMs}
                    showLine={scope === 'plant'}
                    overdue={false}
                    refusedSteps={refusedSteps.get(view.header.id)?.length ?? 0}
                    onOpen={() => setOpenId(view.header.id)}
                  />
                ))}
              </ul>
            </section>
          )}
          {closedWithRefused.length > 0 && (
            <section aria-labelledby="esc-closed-refused-title" data-testid="closed-with-refused">
              <h2 id="esc-closed-refused-title">{et('list.closedWithRefused')}</h2>
              <ul class="esc-list">
                {closedWithRefused.map((view) => (
                  <EscalationItem
                    escalation={view.header}
                    view={view}
                    roster={roster}
                    lines={lines}
                    nowMs={nowMs}
                    showLine={scope === 'plant'}
                    overdue={false}
                    refusedSteps={refusedSteps.get(view.header.id)?.length ?? 0}
                    onOpen={() => setOpenId(view.header.id)}
                  />
                ))}
              </ul>
            </section>
          )}
        </>
      )}

      {opened && (
        <EscalationDetail
          {...{ db, session, ui, clock, random, plant, roster, lines, person, deviceKind, nowMs, drafts }}
          escalation={opened}
          events={byEscalation.get(opened.id) ?? []}
          refusedSteps={refusedSteps.get(opened.id) ?? []}
          onDiscardStep={discard ? (r) => discard('escalation_events', [r.event.id]) : undefined}
          onClose={() => setOpenId(null)}
        />
      )}
    </div>
  );
}

interface ItemProps {
  escalation: Escalation;
  view: EscalationView;
  roster: readonly Person[];
  lines: readonly Line[];
  nowMs: number;
  showLine: boolean;
  overdue: boolean;
  /** How many of its steps the server refused (they do not count; the detail shows them). */
  refusedSteps: number;
  onOpen(): void;
}

function EscalationItem({ escalation, view, roster, lines, nowMs, showLine, overdue, refusedSteps, onOpen }: ItemProps) {
  const f = figuresOf(view, roster, nowMs);
  return (
    <li>
      <button
        type="button"
        class={`esc-item${overdue ? ' is-overdue' : ''}`}
        data-testid={`escalation-${escalation.id}`}
        data-severity={escalation.severity}
        data-overdue={overdue}
        onClick={onOpen}
      >
        <span class="esc-item-head">
          <CategoryBadge category={escalation.category} />
          <SeverityBadge severity={escalation.severity} />
          <StateBadge state={view.state} />
          {showLine && <span class="esc-line">{lines.find((l) => l.id === escalation.lineId)?.name ?? escalation.lineId}</span>}
        </span>
        {escalation.description && <span class="esc-item-description">{escalation.description}</span>}
        <EscalationTimers f={f} testId={`timers-${escalation.id}`} />
        {refusedSteps > 0 && (
          <span class="esc-item-refused" data-testid={`refused-count-${escalation.id}`}>
            <span aria-hidden="true">⚠ </span>
            {refusedSteps === 1 ? et('refused.steps.one') : et('refused.steps.other', { count: refusedSteps })}
          </span>
        )}
      </button>
    </li>
  );
}
