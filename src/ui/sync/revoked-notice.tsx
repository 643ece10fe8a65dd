/**
 * Shown while the server refuses this device (revoked, token expired):
 * who removed it is the plant admin's business; the floor needs to know
 * that nothing was lost and what to do.
 */
import { useStore } from '../../state/use-store.ts';
import type { SyncStatusStore } from '../../sync/status.ts';
import { sm, smCount } from './sync-messages.ts';
import './sync.css';

export interface RevokedNoticeProps {
  status: SyncStatusStore;
  /** Plant id -> plant name for the message; the id is shown without it. */
  plantName?: (plantId: string) => string;
  /** Opens the EnrollScreen. */
  onEnrollAgain?(): void;
}

export function RevokedNotice({ status, plantName, onEnrollAgain }: RevokedNoticeProps) {
  const auth = useStore(status, (s) => s.auth);
  const plant = useStore(status, (s) => s.plantLabel);
  const pending = useStore(status, (s) => s.pending);
  if (auth !== 'revoked') return null;
  return (
    <div class="revoked-notice" role="alert" data-testid="revoked-notice">
      <h2>{sm('revoked.title')}</h2>
      <p>{sm('revoked.body', { plant: plantName?.(plant) || plant })}</p>
      {pending > 0 && <p class="hint">{smCount('revoked.kept', pending)}</p>}
      {onEnrollAgain && (
        <button type="button" class="btn btn-primary btn-big" onClick={onEnrollAgain} data-testid="revoked-enroll">
          {sm('revoked.enroll')}
        </button>
      )}
    </div>
  );
}
