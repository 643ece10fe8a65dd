/**
 * [O3] [O4] The devices' health for the plant's IT: every enrolled device with its last contact,
 * the app version it runs and the entries it reported waiting, as JSON (GET /api/ops/devices)
 * and as a plain page (GET /ops/health) rendered on the server: a table, a stylesheet of its own
 * (health-page.css) and no script, so it works under a strict Content-Security-Policy and in any
 * browser IT has. It reloads itself every 60 s with a meta refresh, which needs no script.
 *
 * Also keeps each device's contact (device-contact.ts). Who may read both: ops-access.ts ([O2]).
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { API_ROUTES, type DeviceHealth, type DevicesHealthAnswer } from '../../src/domain/wire/protocol.ts';
import type { DeviceStatus } from '../store/store.ts';
import type { RouteContext } from './context.ts';
import { installDeviceContact } from './device-contact.ts';
import { opsAccess } from './ops-access.ts';

/** A device not heard from in this long is marked on the page: a tablet syncs at least every few minutes while on. */
export const STALE_AFTER_MS = 60 * 60 * 1000;
export const HEALTH_CSS_PATH = API_ROUTES.healthCss;
const CSS = readFileSync(new URL('./health-page.css', import.meta.url), 'utf8');

const deviceHealthSchema = {
  type: 'object',
  required: ['deviceId', 'plantId', 'kind', 'lineId', 'name', 'enrolledAt', 'revokedAt', 'lastContactAt', 'appVersion', 'waiting'],
  properties: {
    deviceId: { type: 'string' },
    plantId: { type: 'string' },
    kind: { type: 'string' },
    lineId: { type: 'string' },
    name: { type: 'string' },
    enrolledAt: { type: 'string' },
    revokedAt: { type: ['string', 'null'] },
    lastContactAt: { type: ['string', 'null'], description: "The server's time of the device's last authenticated request." },
    appVersion: { type: 'string', description: 'As the device last reported it (X-Tierboard-App-Version); empty when it never did.' },
    waiting: { type: ['integer', 'null'], description: 'Entries the device last reported waiting to be sent (X-Tierboard-Waiting).' },
  },
} as const;

export function toHealth(d: DeviceStatus): DeviceHealth {
  return { deviceId: d.deviceId, plantId: d.plantId, kind: d.kind, lineId: d.lineId, name: d.name, enrolledAt: d.enrolledAt, revokedAt: d.revokedAt, lastContactAt: d.lastContactAt, appVersion: d.appVersion, waiting: d.waiting };
}

/** The operations routes' security in the OpenAPI document ([O2]). */
export const OPS_SECURITY = [{ opsToken: [] }];

export function registerHealthPage(app: FastifyInstance, ctx: RouteContext): void {
  installDeviceContact(app, ctx);
  const access = opsAccess(ctx.config.opsToken);
  app.get(
    API_ROUTES.devicesHealth,
    {
      preHandler: access,
      schema: {
        summary: 'Every enrolled device with its last contact, app version and waiting entries ([O4])',
        tags: ['operations'],
        security: OPS_SECURITY,
        response: { 200: { type: 'object', required: ['serverTime', 'devices'], properties: { serverTime: { type: 'string' }, devices: { type: 'array', items: deviceHealthSchema } } } },
      },
    },
    async (): Promise<DevicesHealthAnswer> => ({ serverTime: new Date(ctx.clock()).toISOString(), devices: (await ctx.store.listDeviceStatus()).map(toHealth) }),
  );
  app.get(
    API_ROUTES.healthPage,
    {
      preHandler: opsAccess(ctx.config.opsToken, true),
      schema: { summary: 'The devices health page for IT, HTML without scripts ([O3])', tags: ['operations'], security: OPS_SECURITY, response: { 200: { type: 'string', description: 'An HTML page.' } } },
    },
    async (_req, reply) => {
      const devices = (await ctx.store.listDeviceStatus()).map(toHealth);
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(healthHtml(devices, ctx.clock()));
    },
  );
  app.get(
    HEALTH_CSS_PATH,
    { preHandler: access, schema: { summary: "The health page's stylesheet", tags: ['operations'], security: OPS_SECURITY, response: { 200: { type: 'string', description: 'CSS.' } } } },
    async (_req, reply) => reply.type('text/css; charset=utf-8').send(CSS),
  );
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Device names are typed by people at enrollment: everything shown is escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** "3 min ago", to the minute; the exact time is in the cell's title. */
function ago(atIso: string, nowMs: number): string {
  const mins = Math.max(0, Math.floor((nowMs - Date.parse(atIso)) / 60_000));
  if (mins < 1) return 'just now';
  if (mins < 120) return `${mins} min ago`;
  const hours = Math.floor(mins / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.floor(hours / 24)} days ago`;
}

function row(d: DeviceHealth, nowMs: number): string {
  const state = d.revokedAt ? 'revoked' : d.lastContactAt === null ? 'never' : nowMs - Date.parse(d.lastContactAt) > STALE_AFTER_MS ? 'stale' : 'ok';
  const contact = d.lastContactAt === null ? 'never' : `<time datetime="${escapeHtml(d.lastContactAt)}" title="${escapeHtml(d.lastContactAt)}">${ago(d.lastContactAt, nowMs)}</time>`;
  const waiting = d.waiting === null ? '' : String(d.waiting);
  const cells = [
    escapeHtml(d.plantId),
    escapeHtml(d.name),
    escapeHtml(d.deviceId),
    d.kind === 'wall_screen' ? 'wall screen' : 'tablet',
    escapeHtml(d.lineId),
  ];
  return (
    `<tr class="${state}">${cells.map((c) => `<td>${c}</td>`).join('')}` +
    `<td class="contact">${contact}</td><td>${escapeHtml(d.appVersion)}</td>` +
    `<td class="num${d.waiting ? ' waiting-some' : ''}">${waiting}</td><td>${d.revokedAt ? 'revoked' : state === 'ok' ? '' : state === 'never' ? 'not seen since enrollment' : 'not seen for over an hour'}</td></tr>`
  );
}

export function healthHtml(devices: readonly DeviceHealth[], nowMs: number): string {
  const now = new Date(nowMs).toISOString();
  const active = devices.filter((d) => !d.revokedAt);
  const waiting = active.reduce((n, d) => n + (d.waiting ?? 0), 0);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="60">
<title>Tierboard devices</title>
<link rel="stylesheet" href="${HEALTH_CSS_PATH}">
</head>
<body>
<h1>Tierboard devices</h1>
<p class="when">${active.length} enrolled devices, ${waiting} entries waiting on them. As of <time datetime="${now}">${now}</time> (server time); this page reloads every minute.</p>
<table>
<thead><tr><th>Plant</th><th>Name</th><th>Device</th><th>Kind</th><th>Line</th><th>Last contact</th><th>App version</th><th>Waiting</th><th>Note</th></tr></thead>
<tbody>
${devices.map((d) => row(d, nowMs)).join('\n')}
</tbody>
</table>
</body>
</html>
`;
}
