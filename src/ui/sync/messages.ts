/**
 * Every word the sync screens show, in one small catalogue with the same
 * `{placeholder}` style as src/ui/i18n (which will absorb these keys later).
 * Plain words a shift lead understands: no HTTP codes, no "replication".
 */
import type { CollectionName } from '../../domain/collections.ts';

export const syncMessages = {
  'badge.online': 'Online',
  'badge.offline': 'Offline',
  'badge.notEnrolled': 'Not connected to a server',
  'badge.revoked': 'Device removed',
  'badge.pending.one': '1 entry waiting to send',
  'badge.pending.other': '{count} entries waiting to send',
  'badge.allSent': 'All sent',
  'badge.synced': 'Synced {ago}',
  'badge.neverSynced': 'Not synced yet',
  'badge.refused.one': '1 entry refused',
  'badge.refused.other': '{count} entries refused',
  'badge.open': 'Sync details',
  'badge.close': 'Close',

  'ago.now': 'just now',
  'ago.minutes': '{n} min ago',
  'ago.hours': '{n} h ago',
  'ago.days': '{n} days ago',

  'error.offline': 'No network. Entries are kept on this tablet and sent when the network is back.',
  'error.server_unreachable': 'The sync server cannot be reached. Entries are kept on this tablet.',
  'error.server_error': 'The sync server has a problem. It will be tried again.',
  'error.refused': 'The server refused a request: {message}',
  'error.stream_lost': 'Live updates paused. Reconnecting…',

  'details.title': 'Sync',
  'details.server': 'Server: {url}',
  'details.clock': 'Tablet clock is {seconds} s {direction} the server',
  'details.clockAhead': 'ahead of',
  'details.clockBehind': 'behind',
  'details.refusedLine': '{count} {noun} refused by the server: {message}',
  'details.retry': 'Send refused entries again',
  'details.retrying': 'Sending…',

  'enroll.title': 'Connect this device to the plant',
  'enroll.close': 'Not now',
  'enroll.intro': 'Scan the QR code from your plant admin, or type the code shown next to it.',
  'enroll.server': 'Server address',
  'enroll.code': 'Enrollment code',
  'enroll.submit': 'Connect',
  'enroll.busy': 'Connecting…',
  'enroll.done': 'Connected. This device now syncs with the plant.',
  'enroll.err.unknown_enrollment_code': 'This code is not known. Check the letters, or ask for a new QR code.',
  'enroll.err.enrollment_code_used': 'This code was already used. Each code works once: ask for a new one.',
  'enroll.err.enrollment_code_expired': 'This code has expired. Ask your plant admin for a new one.',
  'enroll.err.invalid_body': 'Please type the code.',
  'enroll.err.network': 'The server cannot be reached. Check the address and the network.',
  'enroll.err.other': 'Connecting failed: {message}',

  'revoked.title': 'Device removed',
  'revoked.body': 'This device was removed from {plant}. Ask your plant admin to enroll it again.',
  'revoked.kept.one': '1 entry is kept on this device and will be sent after enrollment.',
  'revoked.kept.other': '{count} entries are kept on this device and will be sent after enrollment.',
  'revoked.enroll': 'Enroll again',
} as const;

export type SyncMessageKey = keyof typeof syncMessages;

export function sm(key: SyncMessageKey, params?: Record<string, string | number>): string {
  const template: string = syncMessages[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : String(v);
  });
}

/** `one` / `other` by count, with `{count}` filled. */
export function smCount(base: 'badge.pending' | 'badge.refused' | 'revoked.kept', count: number): string {
  return sm(`${base}.${count === 1 ? 'one' : 'other'}` as SyncMessageKey, { count });
}

const NOUNS: Record<CollectionName, [one: string, other: string]> = {
  enterprises: ['enterprise record', 'enterprise records'],
  plants: ['plant setting', 'plant settings'],
  lines: ['line', 'lines'],
  shift_patterns: ['shift pattern', 'shift patterns'],
  people: ['person', 'people'],
  devices: ['device', 'devices'],
  kpi_definitions: ['KPI definition', 'KPI definitions'],
  kpi_readings: ['reading', 'readings'],
  handovers: ['handover', 'handovers'],
  escalations: ['escalation', 'escalations'],
  escalation_events: ['escalation step', 'escalation steps'],
  objectives: ['objective', 'objectives'],
  key_results: ['key result', 'key results'],
  kr_checkins: ['key result check-in', 'key result check-ins'],
  improvement_actions: ['improvement action', 'improvement actions'],
};

export function noun(collection: CollectionName, count: number): string {
  const [one, other] = NOUNS[collection];
  return count === 1 ? one : other;
}

/** "just now", "4 min ago", "2 h ago", "3 days ago". */
export function ago(thenMs: number, nowMs: number): string {
  const minutes = Math.floor(Math.max(0, nowMs - thenMs) / 60_000);
  if (minutes < 1) return sm('ago.now');
  if (minutes < 60) return sm('ago.minutes', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return sm('ago.hours', { n: hours });
  return sm('ago.days', { n: Math.floor(hours / 24) });
}
