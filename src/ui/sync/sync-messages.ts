/**
 * Every word the sync screens show, in English and German (the German table is
 * type-checked against the English keys), with the `{placeholder}` style of
 * src/ui/i18n. Plain words a shift lead understands: no HTTP codes, no
 * "replication".
 */
import type { CollectionName } from '../../domain/records/collections.ts';
import { currentLanguage, type Language } from '../i18n/language.ts';
import { createCatalogue } from '../i18n/catalogue.ts';

const en = {
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
  'error.retry_failed': 'Refused entries could not be sent again: the sync server did not answer, or had a problem. They stay in the list; try again later.',

  'details.title': 'Sync',
  'details.server': 'Server: {url}',
  'details.clock': 'Tablet clock is {seconds} s {direction} the server',
  'details.clockAhead': 'ahead of',
  'details.clockBehind': 'behind',
  'details.refusedLine': '{count} {noun} refused by the server: {message}',
  'details.retry': 'Send refused entries again',
  'details.retrying': 'Sending…',
  'details.entry': '{noun}, refused {ago}',
  'details.signInToDiscard': 'Sign in to discard a refused entry.',

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
  'enroll.err.too_many_attempts': 'Too many wrong codes were tried. Wait a few minutes, then type the code again carefully or scan its QR code.',
  'enroll.err.network': 'The server cannot be reached. Check the address and the network.',
  'enroll.err.other': 'Connecting failed: {message}',

  'revoked.title': 'Device removed',
  'revoked.body': 'This device was removed from {plant}. Ask your plant admin to enroll it again.',
  'revoked.kept.one': '1 entry is kept on this device and will be sent after enrollment.',
  'revoked.kept.other': '{count} entries are kept on this device and will be sent after enrollment.',
  'revoked.enroll': 'Enroll again',
} as const;

export type SyncMessageKey = keyof typeof en;

const de: Record<SyncMessageKey, string> = {
  'badge.online': 'Online',
  'badge.offline': 'Offline',
  'badge.notEnrolled': 'Nicht mit einem Server verbunden',
  'badge.revoked': 'Gerät entfernt',
  'badge.pending.one': '1 Eintrag wartet auf Versand',
  'badge.pending.other': '{count} Einträge warten auf Versand',
  'badge.allSent': 'Alles gesendet',
  'badge.synced': 'Abgeglichen {ago}',
  'badge.neverSynced': 'Noch nicht abgeglichen',
  'badge.refused.one': '1 Eintrag abgelehnt',
  'badge.refused.other': '{count} Einträge abgelehnt',
  'badge.open': 'Details zum Abgleich',
  'badge.close': 'Schließen',

  'ago.now': 'gerade eben',
  'ago.minutes': 'vor {n} Min.',
  'ago.hours': 'vor {n} Std.',
  'ago.days': 'vor {n} Tagen',

  'error.offline': 'Kein Netz. Die Einträge bleiben auf diesem Tablet und werden gesendet, sobald das Netz zurück ist.',
  'error.server_unreachable': 'Der Sync-Server ist nicht erreichbar. Die Einträge bleiben auf diesem Tablet.',
  'error.server_error': 'Der Sync-Server hat ein Problem. Es wird erneut versucht.',
  'error.refused': 'Der Server hat eine Anfrage abgelehnt: {message}',
  'error.stream_lost': 'Live-Aktualisierung unterbrochen. Verbindung wird wiederhergestellt…',
  'error.retry_failed': 'Abgelehnte Einträge konnten nicht erneut gesendet werden: Der Sync-Server hat nicht geantwortet oder hatte ein Problem. Sie bleiben in der Liste; bitte später erneut versuchen.',

  'details.title': 'Abgleich',
  'details.server': 'Server: {url}',
  'details.clock': 'Die Uhr des Tablets geht gegenüber dem Server {seconds} s {direction}',
  'details.clockAhead': 'vor',
  'details.clockBehind': 'nach',
  'details.refusedLine': '{count} {noun} vom Server abgelehnt: {message}',
  'details.retry': 'Abgelehnte Einträge erneut senden',
  'details.retrying': 'Wird gesendet…',
  'details.entry': '{noun}, abgelehnt {ago}',
  'details.signInToDiscard': 'Melden Sie sich an, um einen abgelehnten Eintrag zu verwerfen.',

  'enroll.title': 'Dieses Gerät mit dem Werk verbinden',
  'enroll.close': 'Nicht jetzt',
  'enroll.intro': 'Den QR-Code vom Werks-Admin scannen oder den Code daneben eintippen.',
  'enroll.server': 'Serveradresse',
  'enroll.code': 'Anmeldecode',
  'enroll.submit': 'Verbinden',
  'enroll.busy': 'Wird verbunden…',
  'enroll.done': 'Verbunden. Dieses Gerät gleicht jetzt mit dem Werk ab.',
  'enroll.err.unknown_enrollment_code': 'Dieser Code ist unbekannt. Bitte die Buchstaben prüfen oder einen neuen QR-Code anfordern.',
  'enroll.err.enrollment_code_used': 'Dieser Code wurde schon benutzt. Jeder Code gilt nur einmal: bitte einen neuen anfordern.',
  'enroll.err.enrollment_code_expired': 'Dieser Code ist abgelaufen. Bitte beim Werks-Admin einen neuen anfordern.',
  'enroll.err.invalid_body': 'Bitte den Code eingeben.',
  'enroll.err.too_many_attempts': 'Zu viele falsche Codes versucht. Bitte einige Minuten warten, dann den Code sorgfältig eingeben oder den QR-Code scannen.',
  'enroll.err.network': 'Der Server ist nicht erreichbar. Bitte Adresse und Netzwerk prüfen.',
  'enroll.err.other': 'Verbinden fehlgeschlagen: {message}',

  'revoked.title': 'Gerät entfernt',
  'revoked.body': 'Dieses Gerät wurde aus {plant} entfernt. Bitte den Werks-Admin bitten, es neu anzumelden.',
  'revoked.kept.one': '1 Eintrag bleibt auf diesem Gerät und wird nach der Anmeldung gesendet.',
  'revoked.kept.other': '{count} Einträge bleiben auf diesem Gerät und werden nach der Anmeldung gesendet.',
  'revoked.enroll': 'Neu anmelden',
};

/** The sync screens' catalogue; `syncCatalogue.tables` holds both languages. */
export const syncCatalogue = createCatalogue<SyncMessageKey>({ en, de });

/** The English table, kept under its old name for callers that read it directly. */
export const syncMessages: Readonly<Record<SyncMessageKey, string>> = en;

export function sm(key: SyncMessageKey, params?: Record<string, string | number>): string {
  return syncCatalogue(key, params);
}

/** `one` / `other` by count, with `{count}` filled. */
export function smCount(base: 'badge.pending' | 'badge.refused' | 'revoked.kept', count: number): string {
  return sm(`${base}.${count === 1 ? 'one' : 'other'}` as SyncMessageKey, { count });
}

type Nouns = Record<CollectionName, [one: string, other: string]>;

const NOUNS: Record<Language, Nouns> = {
  en: {
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
  },
  de: {
    enterprises: ['Unternehmensdatensatz', 'Unternehmensdatensätze'],
    plants: ['Werkseinstellung', 'Werkseinstellungen'],
    lines: ['Linie', 'Linien'],
    shift_patterns: ['Schichtmodell', 'Schichtmodelle'],
    people: ['Person', 'Personen'],
    devices: ['Gerät', 'Geräte'],
    kpi_definitions: ['Kennzahldefinition', 'Kennzahldefinitionen'],
    kpi_readings: ['Messwert', 'Messwerte'],
    handovers: ['Schichtübergabe', 'Schichtübergaben'],
    escalations: ['Eskalation', 'Eskalationen'],
    escalation_events: ['Eskalationsschritt', 'Eskalationsschritte'],
    objectives: ['Ziel', 'Ziele'],
    key_results: ['Schlüsselergebnis', 'Schlüsselergebnisse'],
    kr_checkins: ['Check-in zum Schlüsselergebnis', 'Check-ins zu Schlüsselergebnissen'],
    improvement_actions: ['Verbesserungsmaßnahme', 'Verbesserungsmaßnahmen'],
  },
};

/** "reading" / "readings" (Messwert / Messwerte) in the chosen language. */
export function noun(collection: CollectionName, count: number): string {
  const [one, other] = NOUNS[currentLanguage()][collection];
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
