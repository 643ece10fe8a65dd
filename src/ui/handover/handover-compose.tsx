/**
 * The outgoing lead's side: what the shift recorded and what is missing,
 * notes, safety items, and the open items to carry over (the earlier shifts'
 * items, each can be marked done, and new ones). "Hand over" freezes it.
 * Everything typed is the draft, lines not added yet included, so the screen
 * keeps it on the device as it is typed (handover-screen.tsx).
 */
import { HANDOVER_ITEM_MAX, HANDOVER_NOTES_MAX, type HandoverSummary } from '../../domain/handover/handover-rules.ts';
import type { Plant } from '../../domain/plant/plant-types.ts';
import { formatProductionDate, formatValue } from '../format.ts';
import type { HandoverDraft } from './handover-draft.ts';
import { th } from './handover-messages.ts';

export interface HandoverComposeProps {
  plant: Plant;
  summary: HandoverSummary;
  draft: HandoverDraft;
  onDraft(draft: HandoverDraft): void;
  /** With the draft including any line typed but not yet added. */
  onHandOver(draft: HandoverDraft): void;
  problem: string;
}

interface LineListProps {
  title: string;
  lines: string[];
  /** With what stays typed in the new-line field ('' once it was added). */
  onChange(lines: string[], pending: string): void;
  pending: string;
  onPending(text: string): void;
  newLabel: string;
  addLabel: string;
  none: string;
  testId: string;
  icon: string;
}

function LineList({ title, lines, onChange, pending, onPending, newLabel, addLabel, none, testId, icon }: LineListProps) {
  const add = () => {
    if (pending.trim() === '') return;
    onChange([...lines, pending.trim()], '');
  };
  return (
    <section class="handover-card" aria-labelledby={`${testId}-title`}>
      <h3 id={`${testId}-title`}>{title}</h3>
      {lines.length === 0 ? (
        <p class="empty">{none}</p>
      ) : (
        <ul class="handover-lines" data-testid={`${testId}-list`}>
          {lines.map((line, i) => (
            <li key={`${i}-${line}`} class="handover-line">
              <span aria-hidden="true">{icon}</span>
              <span class="handover-line-text">{line}</span>
              <button
                type="button"
                class="btn btn-secondary"
                data-testid={`${testId}-remove-${i}`}
                aria-label={th('items.remove', { text: line })}
                onClick={() => onChange(lines.filter((_, k) => k !== i), pending)}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="handover-add">
        <label class="field">
          <span>{newLabel}</span>
          <input
            type="text"
            data-testid={`${testId}-new`}
            value={pending}
            maxLength={HANDOVER_ITEM_MAX}
            onInput={(e) => onPending(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
          />
        </label>
        <button type="button" class="btn btn-secondary" data-testid={`${testId}-add`} disabled={pending.trim() === ''} onClick={add}>
          {addLabel}
        </button>
      </div>
    </section>
  );
}

export function HandoverCompose({ plant, summary, draft, onDraft, onHandOver, problem }: HandoverComposeProps) {
  const { pendingSafety, pendingItem } = draft;
  const done = new Set(draft.doneIds);
  const toggleDone = (id: string) =>
    onDraft({ ...draft, doneIds: done.has(id) ? draft.doneIds.filter((d) => d !== id) : [...draft.doneIds, id] });

  const handOver = () => {
    // A line typed but not added yet is meant to go with the handover.
    const withPending: HandoverDraft = {
      ...draft,
      safetyItems: pendingSafety.trim() ? [...draft.safetyItems, pendingSafety.trim()] : draft.safetyItems,
      newItems: pendingItem.trim() ? [...draft.newItems, pendingItem.trim()] : draft.newItems,
      pendingSafety: '',
      pendingItem: '',
    };
    onDraft(withPending);
    onHandOver(withPending);
  };

  return (
    <div class="handover-compose" data-testid="handover-compose">
      <div class="handover-column">
        <section class="handover-card" aria-labelledby="handover-recorded-title" data-testid="handover-recorded">
          <h3 id="handover-recorded-title">{th('summary.recorded', { count: summary.recorded.length })}</h3>
          {summary.recorded.length === 0 ? (
            <p class="empty">{th('summary.noneRecorded')}</p>
          ) : (
            <ul class="handover-kpis">
              {summary.recorded.map(({ definition: d, reading: r }) => (
                <li key={d.id} data-testid={`recorded-${d.id}`} class="handover-kpi is-recorded">
                  <span class="mark" aria-label={th('summary.recordedMark')}>✓</span>
                  <span class="handover-kpi-name">{d.name}</span>
                  <strong>{formatValue(r.value, d.unit, plant.locale, d.decimals)}</strong>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section class="handover-card" aria-labelledby="handover-missing-title" data-testid="handover-missing">
          <h3 id="handover-missing-title">{th('summary.missing', { count: summary.missing.length })}</h3>
          {summary.missing.length === 0 ? (
            <p class="empty">{th('summary.noneMissing')}</p>
          ) : (
            <ul class="handover-kpis">
              {summary.missing.map((d) => (
                <li key={d.id} data-testid={`missing-${d.id}`} class="handover-kpi is-missing">
                  <span class="mark" aria-hidden="true">⚠</span>
                  <span class="handover-kpi-name">{d.name}</span>
                  <span>{th('summary.missingMark')}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <div class="handover-column">
        <label class="field handover-notes">
          <span>{th('notes.label')}</span>
          <textarea
            data-testid="handover-notes"
            rows={4}
            maxLength={HANDOVER_NOTES_MAX}
            value={draft.notes}
            onInput={(e) => onDraft({ ...draft, notes: e.currentTarget.value })}
          />
        </label>

        <LineList
          title={th('safety.title')}
          lines={draft.safetyItems}
          pending={pendingSafety}
          onChange={(safetyItems, pending) => onDraft({ ...draft, safetyItems, pendingSafety: pending })}
          onPending={(text) => onDraft({ ...draft, pendingSafety: text })}
          newLabel={th('safety.new')}
          addLabel={th('safety.add')}
          none={th('safety.none')}
          testId="safety"
          icon="⚠"
        />

        <section class="handover-card" aria-labelledby="carried-title">
          <h3 id="carried-title">{th('items.title')}</h3>
          {summary.carriedIn.length > 0 && (
            <>
              <h4>{th('items.carried')}</h4>
              <ul class="handover-lines" data-testid="carried-list">
                {summary.carriedIn.map((item) => {
                  const isDone = done.has(item.id);
                  return (
                    <li key={item.id} class={`handover-line${isDone ? ' is-done' : ''}`} data-testid={`carried-${item.id}`}>
                      <span class="handover-line-text">
                        {isDone ? <del>{item.text}</del> : item.text}
                        <small>{th('items.since', { date: formatProductionDate(item.since, plant.locale) })}</small>
                      </span>
                      <button
                        type="button"
                        class={`chip${isDone ? ' chip-on' : ''}`}
                        aria-pressed={isDone}
                        aria-label={th('items.markDone', { text: item.text })}
                        data-testid={`carried-done-${item.id}`}
                        onClick={() => toggleDone(item.id)}
                      >
                        {isDone ? `✓ ${th('items.done')}` : `○ ${th('items.stillOpen')}`}
                      </button>
                    </li>
                  );
                })}
              </ul>
            </>
          )}
        </section>
        <LineList
          title={th('items.new')}
          lines={draft.newItems}
          pending={pendingItem}
          onChange={(newItems, pending) => onDraft({ ...draft, newItems, pendingItem: pending })}
          onPending={(text) => onDraft({ ...draft, pendingItem: text })}
          newLabel={th('items.new')}
          addLabel={th('items.add')}
          none={th('items.none')}
          testId="item"
          icon="○"
        />

        {problem && (
          <p class="hint hint-error" role="alert" data-testid="handover-problem">
            ⚠ {problem}
          </p>
        )}
        <button type="button" class="btn btn-primary btn-big handover-go" data-testid="hand-over" onClick={handOver}>
          {th('handOver')}
        </button>
      </div>
    </div>
  );
}
