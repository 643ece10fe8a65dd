/**
 * "Send refused entries again" ([C-O2]): each collection on its own, so one that fails (a 500, no
 * network) leaves only its own records in the list. The refused count is read again whatever
 * happened.
 *
 * Why a module of its own: it is the one request the floor starts by hand, outside RxDB's loop,
 * with its own way of showing failure (`retry_failed`).
 */
import type { CollectionName } from '../../domain/records/collections.ts';
import { SyncHttpError, type ApiClient } from '../api-client.ts';
import * as enrollment from '../enrollment.ts';
import type { RejectedRecord, RejectionLog } from '../rejections.ts';
import { sendRefusedAgain } from '../replication.ts';
import { publishRefused, type SyncStatusStore } from '../status.ts';
import type { SyncStore } from '../sync-store.ts';
import type { ProblemsShown } from './problems-shown.ts';

export interface SendAgainDeps {
  store: SyncStore;
  rejections: RejectionLog;
  status: SyncStatusStore;
  problems: ProblemsShown;
  now(): number;
  actingPerson(): string;
  apiFor(serverUrl: string): ApiClient;
  onAuthFailure(err: SyncHttpError): void;
}

export async function sendAllRefusedAgain(d: SendAgainDeps): Promise<void> {
  const failures: unknown[] = [];
  let tried = false;
  try {
    const e = await enrollment.currentEnrollment(d.store);
    if (!enrollment.isActive(e)) return;
    const api = d.apiFor(e.serverUrl);
    for (const [collection, records] of byCollection(await d.rejections.list())) {
      tried = true;
      try {
        await sendRefusedAgain({ api, collection, token: () => e.token, actingPerson: d.actingPerson }, d.rejections, records, d.now);
      } catch (err) {
        failures.push(err);
      }
    }
  } finally {
    await publishRefused(d.status, d.rejections);
  }
  const revoked = failures.find((err): err is SyncHttpError => err instanceof SyncHttpError && err.isAuth);
  if (revoked) d.onAuthFailure(revoked);
  else if (failures.length > 0) d.problems.report('retry_failed', '', 'push');
  else if (tried) d.problems.over('push', 'retry_failed');
}

function byCollection(items: readonly RejectedRecord[]): Map<CollectionName, RejectedRecord[]> {
  const groups = new Map<CollectionName, RejectedRecord[]>();
  for (const r of items) groups.set(r.collection, [...(groups.get(r.collection) ?? []), r]);
  return groups;
}
