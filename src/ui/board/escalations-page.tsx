/**
 * Open escalations, most severe first, then oldest (the domain's board order):
 * live timers, the tier called now and its owner, and overdue ones made to
 * stand out by a solid red band and the word OVERDUE. The only motion is a
 * slow border pulse (2 s per cycle, so never faster than once a second, and
 * none at all under prefers-reduced-motion): a wall screen must not flash.
 */
import type { BoardEscalation } from '../../domain/board/escalation-board-order.ts';
import type { Line } from '../../domain/plant/plant-types.ts';
import type { Person } from '../../domain/people/people-types.ts';
import type { Severity } from '../../domain/escalation/escalation-types.ts';
import { bm } from './board-messages.ts';
import { duration } from './board-format.ts';

/** Descriptions are cut in JS, not by CSS clipping, so the board never shows half a word cut by a box. */
const DESCRIPTION_CHARS = 90;

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

const SEVERITY_MARK: Record<Severity, string> = { critical: '!!!', high: '!!', medium: '!', low: '·' };

export interface EscalationsPageProps {
  items: readonly BoardEscalation[];
  nowMs: number;
  lines: ReadonlyMap<string, Line>;
  people: ReadonlyMap<string, Person>;
  perPage: number;
  onNoteAction?(escalationId: string): void;
}

export function EscalationsPage({ items, nowMs, lines, people, perPage, onNoteAction }: EscalationsPageProps) {
  const shown = items.slice(0, perPage);
  const more = items.length - shown.length;
  return (
    <div class="board-page esc-page" data-testid="board-page-escalations">
      <h1 class="board-page-title">
        {bm('esc.title')}
        <span class="esc-count">{items.length === 1 ? bm('esc.count.one') : bm('esc.count.other', { n: items.length })}</span>
      </h1>
      {items.length === 0 ? (
        <p class="esc-none">{bm('esc.none')}</p>
      ) : (
        <ol class="esc-list">
          {shown.map((e) => {
            const line = lines.get(e.escalation.lineId);
            const owner = e.ownerId ? people.get(e.ownerId)?.name ?? e.ownerId : '';
            const next = e.nextTierAtMs !== null && e.nextTierAtMs > nowMs ? e.nextTierAtMs - nowMs : null;
            return (
              <li
                key={e.escalation.id}
                class={`esc-item esc-sev-${e.escalation.severity}${e.overdue ? ' esc-overdue' : ''}`}
                data-testid={`esc-${e.escalation.id}`}
                data-overdue={e.overdue ? 'true' : 'false'}
              >
                <span class={`esc-sev esc-sev-badge-${e.escalation.severity}`}>
                  <span aria-hidden="true">{SEVERITY_MARK[e.escalation.severity]}</span> {bm(`sev.${e.escalation.severity}`)}
                </span>
                <span class="esc-what">
                  <span class="esc-line">{line ? line.code : e.escalation.lineId}</span>
                  <span class="esc-desc">{shorten(e.escalation.description, DESCRIPTION_CHARS)}</span>
                </span>
                <span class="esc-who">
                  <span class="esc-tier">{bm('esc.tier', { tier: e.tier, label: e.tierLabel })}</span>
                  <span class="esc-owner">{owner ? bm('esc.owner', { name: owner }) : bm('esc.unowned', { role: e.tierLabel })}</span>
                  <span class="esc-state">{bm(`esc.state.${e.state}`)}</span>
                </span>
                <span class="esc-timers">
                  <span class="esc-age" data-testid={`esc-age-${e.escalation.id}`}>
                    {duration(e.ageMs)}
                  </span>
                  {e.overdue ? (
                    <span class="esc-overdue-word">{bm('esc.overdue', { by: duration(e.overdueByMs) })}</span>
                  ) : (
                    next !== null && <span class="esc-next">{bm('esc.next', { in: duration(next) })}</span>
                  )}
                </span>
                {onNoteAction && (
                  <button type="button" class="btn esc-note" data-testid={`esc-note-${e.escalation.id}`} onClick={() => onNoteAction(e.escalation.id)}>
                    {bm('history.note')}
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {more > 0 && <p class="esc-more">{bm('esc.more', { n: more })}</p>}
    </div>
  );
}
