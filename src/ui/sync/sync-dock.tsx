/**
 * Sync in the app shell, loaded after the first screen is up so the operator's
 * first chunk stays lean: boots the sync client on the local database, keeps
 * the session's clock offset and device id in step with it, shows the sync
 * badge on every screen, the revoked notice, and the enrollment screen when
 * asked for (from setup, from the revoked notice, or from a QR link).
 */
import { useEffect, useState } from 'preact/hooks';
import type { SessionStore } from '../../state/session-store.ts';
import type { UiStore } from '../../state/ui-store.ts';
import { useStore } from '../../state/use-store.ts';
import { bootSync, type BootedSync } from '../../sync/boot-sync.ts';
import type { Enrollment } from '../../sync/enrollment.ts';
import type { SyncDatabase } from '../../sync/replication.ts';
import { syncStatusStore } from '../../sync/status.ts';
import { followClockOffset } from '../../sync/sync-client.ts';
import { EnrollScreen } from './enroll-screen.tsx';
import { RevokedNotice } from './revoked-notice.tsx';
import { SyncBadge } from './sync-badge.tsx';
import { sm } from './sync-messages.ts';

export interface SyncDockProps {
  db: SyncDatabase;
  session: SessionStore;
  ui: UiStore;
}

export function SyncDock({ db, session, ui }: SyncDockProps) {
  const [booted, setBooted] = useState<BootedSync | null>(null);
  const [enrollment, setEnrollment] = useState<Enrollment | null>(null);
  const enrollOpen = useStore(ui, (s) => s.enrollOpen);
  const personId = useStore(session, (s) => s.personId);

  useEffect(() => {
    let alive = true;
    let unfollow: (() => void) | null = null;
    // Pushes of mutable records name whoever is signed in at the moment they are sent.
    void bootSync(db, { actingPerson: () => session.getState().personId }).then(async (b) => {
      if (!alive) return void b.client.stop();
      unfollow = followClockOffset(syncStatusStore, (ms, trusted) => session.getState().setClockOffset(ms, trusted));
      const current = await b.client.currentEnrollment();
      if (current) {
        session.getState().adoptDeviceId(current.deviceId);
        session.getState().adoptDeviceKind(current.kind);
      }
      setEnrollment(current);
      setBooted(b);
      if (b.codeFromLink) ui.getState().setEnrollOpen(true);
    });
    return () => {
      alive = false;
      unfollow?.();
    };
    // session and ui are the app's stores, one each for its life: this boots once per database.
  }, [db, session, ui]);

  if (!booted) return null;
  const onEnrolled = (e: Enrollment): void => {
    const s = session.getState();
    s.adoptDeviceId(e.deviceId);
    s.adoptDeviceKind(e.kind);
    if (s.plantId !== e.plantId) s.choosePlant(e.plantId);
    setEnrollment(e);
    ui.getState().setEnrollOpen(false);
    // The line screen needs the line, shift pattern, KPIs and roster, which arrive by sync: choosing
    // the line at once would open it on an empty tablet (and it would fall back to plant choice).
    // So the enrolled line is chosen after the first pull, unless someone chose a line meanwhile.
    if (e.lineId) {
      void booted.client.awaitInitialPull().then(() => {
        const now = session.getState();
        if (now.plantId === e.plantId && !now.lineId) now.chooseLine(e.lineId);
      });
    }
  };

  return (
    <>
      <div class="sync-dock">
        <SyncBadge status={syncStatusStore} client={booted.client} serverUrl={enrollment?.serverUrl} personId={personId} />
      </div>
      <RevokedNotice status={syncStatusStore} onEnrollAgain={() => ui.getState().setEnrollOpen(true)} />
      {enrollOpen && (
        <div class="overlay" role="dialog" aria-modal="true" aria-label={sm('enroll.title')}>
          <div class="panel">
            <EnrollScreen client={booted.client} initialCode={booted.codeFromLink ?? ''} onEnrolled={onEnrolled} />
            <button type="button" class="btn btn-secondary" data-testid="enroll-close" onClick={() => ui.getState().setEnrollOpen(false)}>
              {sm('enroll.close')}
            </button>
          </div>
        </div>
      )}
    </>
  );
}
