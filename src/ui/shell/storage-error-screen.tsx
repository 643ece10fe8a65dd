/**
 * The blocking full-screen message when the tablet cannot store data: what
 * happened, that what was saved before is safe, and what to do. Every entry
 * that failed stays in memory (the ui store queues their retries) so all are
 * written again, in order, once space is freed, without typing them again.
 */
import { useState } from 'preact/hooks';
import type { StorageBlock } from '../../state/ui-store.ts';
import { storageText } from './storage-messages.ts';
import { storageScreenText } from './storage-screen-messages.ts';

export interface StorageErrorScreenProps {
  problem: StorageBlock;
  onRetried(): void;
  onReload(): void;
}

export function StorageErrorScreen({ problem, onRetried, onReload }: StorageErrorScreenProps) {
  const [busy, setBusy] = useState(false);
  const [stillFailing, setStillFailing] = useState(false);
  const retry = async () => {
    if (!problem.retry) return;
    setBusy(true);
    try {
      await problem.retry();
      onRetried();
    } catch {
      setStillFailing(true);
    } finally {
      setBusy(false);
    }
  };
  const { kind, keptEntries } = problem;
  const kept =
    keptEntries.length > 1
      ? storageText('kept.many', { count: keptEntries.length, entries: keptEntries.join(' · ') })
      : keptEntries.length === 1 && storageScreenText('storage.kept', { entry: keptEntries[0] ?? '' });
  // A reload loses what is kept in memory: offered only when nothing is.
  return (
    <div class="blocking" role="alertdialog" aria-modal="true" aria-labelledby="storage-title" data-testid="storage-error" data-kind={kind}>
      <div class="blocking-card">
        <h1 id="storage-title">{storageScreenText(`storage.title.${kind}`)}</h1>
        <p>{storageScreenText(`storage.what.${kind}`)}</p>
        <p class="safe">{storageScreenText('storage.safe')}</p>
        {kept && <p class="kept" data-testid="storage-kept">{kept}</p>}
        <p class="todo">{storageScreenText(`storage.todo.${kind}`)}</p>
        <div class="row-buttons">
          {problem.retry && (
            <button type="button" class="btn btn-primary btn-big" data-testid="storage-retry" disabled={busy} onClick={() => void retry()}>
              {storageScreenText('storage.retry')}
            </button>
          )}
          {!kept && (
            <button type="button" class={`btn btn-big ${problem.retry ? '' : 'btn-primary'}`} data-testid="storage-reload" onClick={onReload}>
              {storageScreenText('storage.reload')}
            </button>
          )}
        </div>
        {(stillFailing || problem.detail) && <p class="detail">{storageScreenText('storage.detail', { detail: problem.detail })}</p>}
      </div>
    </div>
  );
}
