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

  // ein vom Server abgelehnter Messwert, dort gezeigt, wo er erfasst wurde (shift-readings-list.tsx)

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
