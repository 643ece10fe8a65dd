/**
 * The OKR words, in English and German: the bad-input refusals (one per code of
 * src/domain/okr/okr-rules.ts, the English the server says word for word), the guardrails'
 * warnings (okr-guardrails.ts), statuses, check-in states and score zones. The OKR screens load
 * lazily, so their words stay out of the first screen's catalogue.
 */
import { createCatalogue } from '../i18n/catalogue.ts';

const en = {
  'refusal.krTargetEqualsBaseline': 'The target ({target}) equals the baseline: a key result has to move something.',
  'refusal.krNeedsKpi': 'A KPI-fed key result names its KPI.',
  'refusal.krWindowDays': 'A window of the last days needs at least one day.',
  'refusal.krWindowLongerThanCycle': 'The window of {days} days is longer than the cycle {cycle} ({cycleDays} days).',
  'refusal.krUnitMismatch': 'The KPI {kpi} is measured in "{kpiUnit}", the key result in "{unit}": use the same unit.',
  'refusal.krRollupCycle': 'This key result would count itself through its children ({path}).',
  'refusal.cycleDates': 'A cycle runs from its first day to its last: set both, the first not after the last.',
  'refusal.confidence_range': 'Confidence runs from 0 to 1.',
  'refusal.confidence_step': 'Confidence goes in steps of 0.1.',
  'refusal.low_confidence_needs_blocker': 'With a confidence below 0.4, name what blocks the key result.',
  'refusal.low_confidence_needs_next_action': 'With a confidence below 0.4, name the next action.',
  'refusal.checkInOverrideNeedsReason': "The value differs from the KPI's ({computed}): say why it is overridden.",
  'refusal.catchballNeedsTarget': 'A proposal or a counter names its target.',
  'refusal.checkInCycleClosed': 'The cycle {cycle} is closed: nothing more is checked in on it.',

  'warning.too_few_objectives': '{count} active objectives at this level in {cycle}: practice is 3 to 5, so the cascade has a focus.',
  'warning.too_many_objectives': '{count} active objectives at this level in {cycle}: practice is 3 to 5; more is no focus at all.',
  'warning.too_many_key_results': '{count} key results on this objective: practice is at most 5.',
  'warning.kpi_not_okr': "The target {target} is the KPI's own target: this is a KPI, not an OKR. Aim beyond it, or keep watching the KPI.",

  'status.on_track': 'On track',
  'status.at_risk': 'At risk',
  'status.off_track': 'Off track',
  'status.overdue': 'Check-in overdue',
  'checkIn.due': 'Check-in due this week',
  'checkIn.overdue': 'Check-in overdue',
  'score.missed': 'Missed',
  'score.progress': 'Progress',
  'score.reached': 'Target reached',
};

type Key = keyof typeof en;

const de: Record<Key, string> = {
  'refusal.krTargetEqualsBaseline': 'Das Ziel ({target}) ist gleich dem Ausgangswert: Ein Schlüsselergebnis muss etwas bewegen.',
  'refusal.krNeedsKpi': 'Ein aus einer Kennzahl gespeistes Schlüsselergebnis nennt seine Kennzahl.',
  'refusal.krWindowDays': 'Ein Zeitfenster der letzten Tage braucht mindestens einen Tag.',
  'refusal.krWindowLongerThanCycle': 'Das Zeitfenster von {days} Tagen ist länger als der Zyklus {cycle} ({cycleDays} Tage).',
  'refusal.krUnitMismatch': 'Die Kennzahl {kpi} wird in „{kpiUnit}“ gemessen, das Schlüsselergebnis in „{unit}“: Nutzen Sie dieselbe Einheit.',
  'refusal.krRollupCycle': 'Dieses Schlüsselergebnis würde sich über seine Unterergebnisse selbst zählen ({path}).',
  'refusal.cycleDates': 'Ein Zyklus läuft vom ersten bis zum letzten Tag: Setzen Sie beide, den ersten nicht nach dem letzten.',
  'refusal.confidence_range': 'Die Zuversicht reicht von 0 bis 1.',
  'refusal.confidence_step': 'Die Zuversicht geht in Schritten von 0,1.',
  'refusal.low_confidence_needs_blocker': 'Bei einer Zuversicht unter 0,4 nennen Sie, was das Schlüsselergebnis blockiert.',
  'refusal.low_confidence_needs_next_action': 'Bei einer Zuversicht unter 0,4 nennen Sie den nächsten Schritt.',
  'refusal.checkInOverrideNeedsReason': 'Der Wert weicht von dem der Kennzahl ({computed}) ab: Begründen Sie die Änderung.',
  'refusal.catchballNeedsTarget': 'Ein Vorschlag oder Gegenvorschlag nennt sein Ziel.',
  'refusal.checkInCycleClosed': 'Der Zyklus {cycle} ist abgeschlossen: Darauf wird nichts mehr eingecheckt.',

  'warning.too_few_objectives': '{count} aktive Ziele auf dieser Ebene in {cycle}: Bewährt sind 3 bis 5, damit die Kaskade einen Fokus hat.',
  'warning.too_many_objectives': '{count} aktive Ziele auf dieser Ebene in {cycle}: Bewährt sind 3 bis 5; mehr ist gar kein Fokus.',
  'warning.too_many_key_results': '{count} Schlüsselergebnisse an diesem Ziel: Bewährt sind höchstens 5.',
  'warning.kpi_not_okr': 'Das Ziel {target} ist der eigene Zielwert der Kennzahl: Das ist eine Kennzahl, kein OKR. Setzen Sie sich ein höheres Ziel oder beobachten Sie die Kennzahl weiter.',

  'status.on_track': 'Im Plan',
  'status.at_risk': 'Gefährdet',
  'status.off_track': 'Nicht im Plan',
  'status.overdue': 'Check-in überfällig',
  'checkIn.due': 'Check-in diese Woche fällig',
  'checkIn.overdue': 'Check-in überfällig',
  'score.missed': 'Verfehlt',
  'score.progress': 'Fortschritt',
  'score.reached': 'Ziel erreicht',
};

export const okrText = createCatalogue<Key>({ en, de });
export type OkrMessageKey = Key;
