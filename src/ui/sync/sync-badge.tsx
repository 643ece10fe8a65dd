/**
 * The sync badge in the header: a dot and words (colour is never the only
 * sign), how many entries wait, when the last sync was, and the problem in
 * plain words. The whole badge is one large button (≥ 48 px) that opens
 * the details: refused entries with the server's reason and a retry.
 */
import { useEffect, useState } from 'preact/hooks';
import { useStore } from '../../state/use-store.ts';
import type { RejectedRecord } from '../../sync/rejections.ts';
import { summariseRejections } from '../../sync/rejections.ts';
import type { CollectionName } from '../../domain/records/collections.ts';
import { DiscardWithConfirm } from '../refused/refused-entry.tsx';
import type { SyncStatusState, SyncStatusStore } from '../../sync/status.ts';
import { ago, noun, sm, smCount } from './sync-messages.ts';
import './sync.css';

export interface SyncBadgeProps {
  status: SyncStatusStore;
  /** Refused entries, their retry and their discard; the badge only shows counts without it. */
  client?: {
    rejections(): Promise<RejectedRecord[]>;
    retryRejected(): Promise<void>;
    discardRejected?(collection: CollectionName, id: string, by: string): Promise<void>;
  };
  /** Device clock (passed in so tests fix it); the "ago" text refreshes every 30 s. */
  now?: () => number;
  serverUrl?: string;
  /** The person signed in: only a person discards a refused entry ([C-O4]); '' or absent offers no Discard. */
  personId?: string;
}

/** Often enough for "min ago" to be right to the minute it shows. */
const REFRESH_MS = 30_000;

export function problemText(s: Pick<SyncStatusState, 'lastError'>): string | null {
  const e = s.lastError;
  if (!e) return null;
  return sm(`error.${e.kind}`, { message: e.message || '—' });
}

export function SyncBadge({ status, client, now = () => Date.now(), serverUrl, personId }: SyncBadgeProps) {
  const online = useStore(status, (s) => s.online);
  const auth = useStore(status, (s) => s.auth);
  const pending = useStore(status, (s) => s.pending);
  const rejected = useStore(status, (s) => s.rejected);
  const lastSyncAtMs = useStore(status, (s) => s.lastSyncAtMs);
  const lastError = useStore(status, (s) => s.lastError);
  const [open, setOpen] = useState(false);
  const [, tick] = useState(0);

  useEffect(() => {
    const id = setInterval(() => tick((n) => n + 1), REFRESH_MS);
    return () => clearInterval(id);
  }, []);

  const state = auth === 'not_enrolled' ? 'none' : auth === 'revoked' ? 'revoked' : online ? 'online' : 'offline';
  const label =
    state === 'none'
      ? sm('badge.notEnrolled')
      : state === 'revoked'
        ? sm('badge.revoked')
        : online
          ? sm('badge.online')
          : sm('badge.offline');
  const synced = lastSyncAtMs === null ? sm('badge.neverSynced') : sm('badge.synced', { ago: ago(lastSyncAtMs, now()) });
  const problem = problemText({ lastError });

  return (
    <div class="sync-badge-wrap">
      <button
        type="button"
        class={`sync-badge sync-${state}`}
        data-testid="sync-badge"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        <span class="sync-dot" aria-hidden="true" />
        <span class="sync-lines">
          <span class="sync-state">{label}</span>
          <span class="sync-sub" data-testid="sync-pending">
            {pending > 0 ? smCount('badge.pending', pending) : sm('badge.allSent')} · {synced}
          </span>
          {rejected > 0 && (
            <span class="sync-sub sync-refused" data-testid="sync-refused">
              {smCount('badge.refused', rejected)}
            </span>
          )}
          {/* Named by what it shows (WCAG 2.5.3, axe label-content-name-mismatch), then what a tap does. */}
          <span class="sync-hidden">{sm('badge.open')}</span>
        </span>
      </button>
      {problem && state !== 'none' && (
        <p class="hint sync-problem" role="status" data-testid="sync-problem">
          {problem}
        </p>
      )}
      {open && <SyncDetails status={status} client={client} serverUrl={serverUrl} personId={personId} now={now} onClose={() => setOpen(false)} />}
    </div>
  );
}

function SyncDetails({
  status,
  client,
  serverUrl,
  personId,
  now,
  onClose,
}: Pick<SyncBadgeProps, 'status' | 'client' | 'serverUrl' | 'personId'> & { now(): number; onClose(): void }) {
  const offset = useStore(status, (s) => s.clockOffsetMs);
  const rejectedCount = useStore(status, (s) => s.rejected);
  const [refused, setRefused] = useState<RejectedRecord[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void client?.rejections().then((r) => live && setRefused(r));
    return () => {
      live = false;
    };
  }, [client, rejectedCount]);

  const retry = async () => {
    if (!client) return;
    setBusy(true);
    try {
      await client.retryRejected();
      setRefused(await client.rejections());
    } catch {
      // The badge's problem line shows why; the list stays as it was.
    } finally {
      setBusy(false);
    }
  };

  // Each entry can be given up here too, by the person signed in and after a confirmation ([C-O7]);
  // the log keeps it as discarded by them, and the screens stop showing it.
  const discard =
    personId && client?.discardRejected
      ? async (r: RejectedRecord) => {
          await client.discardRejected?.(r.collection, r.id, personId);
          setRefused(await client.rejections());
        }
      : null;

  // Device minus server: a positive offset (server ahead) means the tablet is behind.
  const seconds = Math.round(Math.abs(offset) / 1000);
  return (
    <div class="sync-details" role="dialog" aria-label={sm('details.title')} data-testid="sync-details">
      <h2>{sm('details.title')}</h2>
      {serverUrl && <p class="hint">{sm('details.server', { url: serverUrl })}</p>}
      {seconds >= 1 && (
        <p class="hint" data-testid="sync-clock">
          {sm('details.clock', { seconds, direction: offset > 0 ? sm('details.clockBehind') : sm('details.clockAhead') })}
        </p>
      )}
      {summariseRejections(refused).map((g) => (
        <p class="hint-error" key={`${g.collection}-${g.message}`} data-testid="sync-refused-line">
          {sm('details.refusedLine', { count: g.count, noun: noun(g.collection, g.count), message: g.message })}
        </p>
      ))}
      {refused.length > 0 && (
        <ul class="sync-refused-entries" data-testid="sync-refused-entries">
          {refused.map((r) => {
            const what = sm('details.entry', { noun: noun(r.collection, 1), ago: ago(r.atMs, now()) });
            const testId = `sync-refused-${r.collection}-${r.id}`;
            return (
              <li key={`${r.collection}/${r.id}`} data-testid={testId}>
                <span class="sync-refused-what">{what}</span>
                {discard && <DiscardWithConfirm testId={testId} whatText={what} onDiscard={() => discard(r)} />}
              </li>
            );
          })}
        </ul>
      )}
      {refused.length > 0 && !discard && client?.discardRejected && (
        <p class="hint" data-testid="sync-sign-in-to-discard">
          {sm('details.signInToDiscard')}
        </p>
      )}
      <div class="row-buttons">
        {refused.length > 0 && client && (
          <button type="button" class="btn btn-primary" disabled={busy} onClick={() => void retry()} data-testid="sync-retry">
            {busy ? sm('details.retrying') : sm('details.retry')}
          </button>
        )}
        <button type="button" class="btn btn-secondary" onClick={onClose}>
          {sm('badge.close')}
        </button>
      </div>
    </div>
  );
}
