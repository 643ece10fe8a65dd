/**
 * What the app shell calls once the database is open: make the sync client
 * with the real network, start replicating when the device is enrolled,
 * and pick up an enrollment code from the QR link (`#enroll=CODE`), which
 * is then removed from the address bar so a reload or a shared screenshot
 * does not carry it around.
 */
import { APP_VERSION, BUILD_ID } from '../pwa/build-info.ts';
import { enrollmentCodeFromHash } from './enrollment.ts';
import type { SyncDatabase } from './replication.ts';
import { syncStatusStore } from './status.ts';
import { createSyncClient, type SyncClient } from './sync-client.ts';

export interface BootedSync {
  client: SyncClient;
  /** Code from the QR link, for EnrollScreen's `initialCode`; null when none. */
  codeFromLink: string | null;
}

interface LocationLike {
  hash: string;
  pathname: string;
  search: string;
}

export interface BootSyncOptions {
  /** The person signed in on the device ('' when nobody is): named on pushes of mutable records. */
  actingPerson?: () => string;
  /** Default: the page's location. */
  location?: LocationLike;
  /** Default: history.replaceState. */
  replaceUrl?: (url: string) => void;
}

export async function bootSync(db: SyncDatabase, options: BootSyncOptions = {}): Promise<BootedSync> {
  const loc = options.location ?? location;
  const replaceUrl = options.replaceUrl ?? ((url: string) => history.replaceState(null, '', url));
  const client = await createSyncClient({
    db,
    status: syncStatusStore,
    // [O4] The version and build the tablet runs, for IT's health page.
    appVersion: `${APP_VERSION}+${BUILD_ID}`,
    ...(options.actingPerson ? { actingPerson: options.actingPerson } : {}),
  });
  const codeFromLink = enrollmentCodeFromHash(loc.hash);
  if (codeFromLink) replaceUrl(loc.pathname + loc.search);
  // Not awaited: the floor works on local data while sync finds the server.
  void client.start();
  return { client, codeFromLink };
}
