/**
 * Every word the floor sees, in German, as a German shop floor says it:
 * Schicht, Messwert, Kennzahl, Linie, Werk. Typed `Messages`, so a key missing
 * here (or left over from a renamed English key) is a compile error.
 * Formal "Sie" where a sentence needs a person, short imperatives on buttons.
 */
import type { Messages } from './app-messages-en.ts';

export const de: Messages = {
  'app.name': 'Tierboard',
  'app.loading': 'Wird gestartet…',
  'app.screenLoadFailed': 'Dieser Bildschirm konnte nicht geladen werden. Bitte das Netzwerk prüfen und die App neu laden. Details: {detail}',
  'app.syncLoadFailed': 'Der Abgleich konnte nicht starten. Die Einträge bleiben auf diesem Tablet. Details: {detail}',

  // first start

  // header
  'header.shift': 'Schicht {code} · {name}',
  'header.crew': 'Schichtgruppe {crew}',
  'header.timeLeft': 'noch {time}',
  'header.shiftOver': 'Schicht beendet',
  'header.signOut': 'Abmelden',
  'header.about': 'Gerät',
  'header.aboutLabel': 'Über dieses Gerät',
  'header.noShift': 'Gerade keine Schicht',
  'time.hoursMinutes': '{h} Std. {m} Min.',
  'time.minutes': '{m} Min.',

  // sign-in
  'signin.title': 'Wer erfasst?',
  'signin.search': 'Namen suchen',
  'signin.noMatch': 'Niemand passt zu „{query}“.',
  'signin.badgeTitle': 'Oder Ausweisnummer eingeben',
  'signin.badgeSubmit': 'Anmelden',
  'signin.badgeUnknown': 'Ausweis {badge} steht nicht in der Personalliste dieses Werks.',
  'signin.badgeLabel': 'Ausweisnummer',

  // KPI board
  'board.title': 'Kennzahlen dieser Schicht',
  'category.safety': 'Sicherheit',
  'category.quality': 'Qualität',
  'category.delivery': 'Lieferung',
  'category.cost': 'Kosten',
  'category.people': 'Mitarbeitende',
  // SQDCP letters stay as the board shows them worldwide (the plant's SQDCP board uses the English letters).
  'category.letter.safety': 'S',
  'category.letter.quality': 'Q',
  'category.letter.delivery': 'D',
  'category.letter.cost': 'C',
  'category.letter.people': 'P',
  'kpi.target': 'Ziel {value}',
  'kpi.recorded': 'In dieser Schicht erfasst',
  'kpi.notRecorded': 'Noch nicht erfasst',
  'kpi.lastShift': 'Zuletzt: {value}',
  'kpi.computed': 'Berechnet',
  'kpi.computedWaiting': 'Wird berechnet, sobald die Eingangswerte erfasst sind',
  'kpi.implausibleCycle': 'Unplausibel: Leistung über 100 %. Ideale Taktzeit {input} prüfen',
  'kpi.implausibleRange': 'Unplausibel: außerhalb {min} bis {max}. Eingaben prüfen',
  'kpi.noValue': '—',
  'kpi.noKpis': 'Für diese Linie sind noch keine Kennzahlen festgelegt.',
  'kpi.rowLabel': '{name}, {status}. Tippen zum Erfassen.',
  'status.green': 'Im Ziel',
  'status.amber': 'Außerhalb des Ziels',
  'status.red': 'Kritisch',
  'status.none': 'Kein Messwert',

  // number pad
  'pad.back': 'Letzte Ziffer löschen',
  'reason.typo': 'Tippfehler',
  'reason.wrongKpi': 'Bei der falschen Kennzahl eingetragen',
  'reason.recount': 'Neu gezählt',
  'reason.lateData': 'Daten kamen später',
  'reason.other': 'Sonstiges',

  // saving
  'saved.toast': 'Gespeichert · {value} {name} · {time}',
  'saved.correction': 'Korrigiert · {value} {name} · {time}',

  // readings list
  'list.title': 'Messwerte dieser Schicht',
  'list.empty': 'In dieser Schicht ist noch nichts erfasst.',
  'list.correct': 'Korrigieren',
  'list.correctLabel': '{name} {value} korrigieren',
  'list.superseded': 'Ersetzt',
  'list.correction': 'Korrektur: {reason}',
  'list.by': '{time} · {person}',
  'list.unknownPerson': 'unbekannt',

  // was die angemeldete Person hier darf (das Regelwerk, src/domain/people/permissions.ts)
  'rights.cannotRecordTitle': 'Sie können an dieser Linie keine Messwerte erfassen',
  'rights.cannotCorrectTitle': 'Sie können diesen Messwert nicht korrigieren',
  'rights.ok': 'Verstanden',
  'rights.list': '{first} und {last}',
  'rights.roleCannot.record_reading': 'Als {role} können Sie keine Kennzahlen-Messwerte erfassen. Das tun {who}.',
  'rights.roleCannot.correct_reading': 'Als {role} können Sie keine Messwerte korrigieren. Bitten Sie eine dieser Personen darum: {who}.',
  'rights.wallScreen.record_reading': 'Dies ist ein Wandbildschirm: Er zeigt nur an, hier wird nichts erfasst.',
  'rights.wallScreen.correct_reading': 'Dies ist ein Wandbildschirm: Er zeigt nur an, hier wird nichts korrigiert.',
  'rights.deviceOtherPlant.record_reading': 'Dieses Tablet ist im Werk {devicePlant} angemeldet; es kann keine Messwerte für das Werk {plant} erfassen.',
  'rights.deviceOtherPlant.correct_reading': 'Dieses Tablet ist im Werk {devicePlant} angemeldet; es kann keine Messwerte des Werks {plant} korrigieren.',
  'rights.otherPlant.record_reading': 'Sie arbeiten im Werk {actorPlant}; diese Linie gehört zum Werk {plant}. Hier erfassen dessen eigene {who}.',
  'rights.otherPlant.correct_reading': 'Sie arbeiten im Werk {actorPlant}; diese Linie gehört zum Werk {plant}. Bitten Sie dessen eigene {who}.',
  'rights.inactive.record_reading': 'Ihr Name ist im Personal dieses Werks nicht mehr aktiv. Wenden Sie sich an die Werksadministration.',
  'rights.inactive.correct_reading': 'Ihr Name ist im Personal dieses Werks nicht mehr aktiv. Wenden Sie sich an die Werksadministration.',
  'rights.role.operator': 'Bediener/in',
  'rights.role.shift_lead': 'Schichtleiter/in',
  'rights.role.responder': 'Einsatzkraft',
  'rights.role.supervisor': 'Meister/in',
  'rights.role.plant_head': 'Werkleiter/in',
  'rights.role.plant_admin': 'Werksadministrator/in',
  'rights.role.enterprise_leader': 'Unternehmensleitung',
  'rights.role.enterprise_admin': 'Unternehmensadministrator/in',
  'rights.roles.operator': 'Bediener/innen',
  'rights.roles.shift_lead': 'Schichtleiter/innen',
  'rights.roles.responder': 'Einsatzkräfte',
  'rights.roles.supervisor': 'Meister/innen',
  'rights.roles.plant_head': 'Werkleiter/innen',
  'rights.roles.plant_admin': 'Werksadministrator/innen',
  'rights.roles.enterprise_leader': 'die Unternehmensleitung',
  'rights.roles.enterprise_admin': 'Unternehmensadministrator/innen',

  // ein vom Server abgelehnter Messwert, dort gezeigt, wo er erfasst wurde (shift-readings-list.tsx)
  'refused.badge': 'Abgelehnt – nicht gespeichert',
  'refused.notAllowed.record_reading': 'Der Server hat diesen Messwert abgelehnt: {name} darf an dieser Linie keine Messwerte erfassen. Er zählt nicht.',
  'refused.notAllowed.correct_reading': 'Der Server hat diese Korrektur abgelehnt: {name} darf keine Messwerte korrigieren. Der Wert davor gilt weiter.',
  'refused.other.record_reading': 'Der Server hat diesen Messwert abgelehnt. Er zählt nicht. Der Server meldet: {message}',
  'refused.other.correct_reading': 'Der Server hat diese Korrektur abgelehnt. Der Wert davor gilt weiter. Der Server meldet: {message}',
  'refused.way.record_reading': 'Bitten Sie eine dieser Personen, ihn zu erfassen: {who}. Oder verwerfen Sie den Eintrag.',
  'refused.way.correct_reading': 'Bitten Sie eine dieser Personen, ihn zu korrigieren: {who}. Oder verwerfen Sie den Eintrag.',
  'refused.way.other': 'Wenden Sie sich an die Werksadministration, oder verwerfen Sie den Eintrag.',
  'refused.discard': 'Verwerfen',
  'refused.discardLabel': 'Abgelehnten Eintrag {name} {value} verwerfen',

  // storage problems

  // update
  'update.available': 'Eine neue Version von Tierboard ist bereit.',
  'update.reload': 'Jetzt neu laden',
  'update.waitEntry': 'Sie wird angeboten, sobald Ihre Eingabe abgeschlossen ist.',

  // about

  'language.title': 'Sprache',

  'common.close': 'Schließen',
  'common.dismiss': 'Ausblenden',
  'common.unknown': 'unbekannt',
};
