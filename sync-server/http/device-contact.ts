/**
 * [O4] A device's last contact, app version and waiting entries, kept from its requests: every
 * request a device token authenticates counts as contact, and the two headers (protocol.ts
 * APP_VERSION_HEADER, WAITING_HEADER) say what it runs and what waits on it.
 *
 * Written at most once a minute per device unless what it reports changed: a tablet pulls every
 * collection at each live event, and a write per pull would double the server's writes for a
 * "last seen" that IT reads to the minute. A write that fails is logged and never fails the answer.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { APP_VERSION_HEADER, APP_VERSION_MAX, WAITING_HEADER, WAITING_MAX } from '../../src/domain/wire/protocol.ts';
import type { DeviceContact } from '../store/store.ts';
import type { RouteContext } from './context.ts';
import { deviceOf } from './request-notes.ts';

/** How stale "last contact" may be on the health page when nothing else changed. */
export const CONTACT_WRITE_EVERY_MS = 60_000;

/** The app version as reported: printable ASCII, trimmed, cut to APP_VERSION_MAX; absent when not sent or empty. */
export function reportedVersion(req: FastifyRequest): string | undefined {
  const raw = req.headers[APP_VERSION_HEADER];
  if (typeof raw !== 'string') return undefined;
  const clean = raw.replace(/[^\x20-\x7e]/g, '').trim().slice(0, APP_VERSION_MAX);
  return clean === '' ? undefined : clean;
}

/** The waiting count as reported: a whole number up to WAITING_MAX; anything else is not kept. */
export function reportedWaiting(req: FastifyRequest): number | undefined {
  const raw = req.headers[WAITING_HEADER];
  if (typeof raw !== 'string' || !/^\d{1,8}$/.test(raw.trim())) return undefined;
  const n = Number(raw.trim());
  return n <= WAITING_MAX ? n : undefined;
}

export function installDeviceContact(app: FastifyInstance, ctx: RouteContext): void {
  const written = new Map<string, { atMs: number; appVersion: string | undefined; waiting: number | undefined }>();
  app.addHook('onSend', async (req, _reply, payload) => {
    const device = deviceOf(req);
    if (!device) return payload;
    const atMs = ctx.clock();
    const appVersion = reportedVersion(req);
    const waiting = reportedWaiting(req);
    const last = written.get(device.deviceId);
    const news = (appVersion !== undefined && appVersion !== last?.appVersion) || (waiting !== undefined && waiting !== last?.waiting);
    if (last && !news && atMs - last.atMs < CONTACT_WRITE_EVERY_MS) return payload;
    const contact: DeviceContact = { at: new Date(atMs).toISOString(), ...(appVersion !== undefined ? { appVersion } : {}), ...(waiting !== undefined ? { waiting } : {}) };
    try {
      await ctx.store.noteDeviceContact(device.deviceId, contact);
      written.set(device.deviceId, { atMs, appVersion: appVersion ?? last?.appVersion, waiting: waiting ?? last?.waiting });
    } catch (err) {
      req.log.warn({ err }, 'could not keep the device contact');
    }
    return payload;
  });
}
