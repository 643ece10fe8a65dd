/**
 * "Server not reached since 14:32": big, at the top, over nothing. The data
 * below stays as it was: old numbers shown as old are still useful; old
 * numbers shown as live are not. The words come from boardFreshness and
 * staleSinceLabel in the domain (staleness.ts).
 */
import { staleSinceLabel, type BoardFreshness } from '../../domain/board/staleness.ts';
import { bm } from './board-messages.ts';

export function StaleNotice({ freshness, nowMs, timeZone }: { freshness: BoardFreshness; nowMs: number; timeZone: string }) {
  if (!freshness.stale) return null;
  return (
    <div class="board-stale" role="alert" data-testid="board-stale">
      <span class="board-stale-icon" aria-hidden="true">
        ⚠
      </span>
      <span class="board-stale-text">
        <strong class="board-stale-title">
          {freshness.since === null ? bm('stale.never') : bm('stale.title', { since: staleSinceLabel(freshness.since, nowMs, timeZone) })}
        </strong>
        <span class="board-stale-body">{bm('stale.body')}</span>
      </span>
    </div>
  );
}
