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
  'setup.title': 'Dieses Tablet einrichten',
  'setup.howTitle': 'Woher bekommt dieses Tablet die Daten des Werks?',
  'setup.connect': 'Mit dem Werksserver verbinden',
  'setup.connectSub': 'Mit dem Code oder QR-Code vom Werks-Admin. Die Messwerte werden mit dem Werk geteilt.',
  'setup.demo': 'Mit Demodaten ausprobieren',
  'setup.demoSub': 'Vier Demo-Werke, nur auf diesem Tablet gespeichert. Es wird nichts verschickt.',
  'setup.waitingForData': 'Verbunden. Die Daten des Werks werden empfangen…',
  'setup.preparing': 'Die Daten des Werks werden auf diesem Tablet vorbereitet…',
  'setup.choosePlant': 'In welchem Werk steht dieses Tablet?',
  'setup.chooseLine': 'An welcher Linie steht dieses Tablet?',
  'setup.plantLine': '{code} · {timeZone}',
  'setup.back': 'Zurück zu den Werken',
  'setup.noLines': 'Dieses Werk hat noch keine aktiven Linien. Bitte beim Werks-Admin nachfragen.',
  'setup.failed': 'Das Einrichten dieses Tablets hat nicht geklappt. Bitte erneut versuchen oder den Werks-Admin anrufen. Details: {detail}',

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
  'pad.titleRecord': '{name} erfassen',
  'pad.titleCorrect': '{name} korrigieren',
  'pad.range': 'Üblicher Bereich {min} bis {max}',
  'pad.empty': 'Wert eingeben',
  'pad.clear': 'Löschen',
  'pad.back': 'Letzte Ziffer löschen',
  'pad.sign': 'Plus oder Minus',
  'pad.decimal': 'Dezimaltrennzeichen',
  'pad.save': 'Speichern',
  'pad.cancel': 'Abbrechen',
  'pad.note': 'Notiz (optional)',
  'pad.confirmTitle': 'Sind Sie sicher?',
  'pad.confirmText': 'Der Wert liegt außerhalb des üblichen Bereichs {min} bis {max}.',
  'pad.confirmYes': 'Ja, speichern',
  'pad.confirmNo': 'Nein, ändern',
  'pad.reasonTitle': 'Warum korrigieren?',
  'pad.reasonText': 'Details (optional)',
  'pad.reasonNeeded': 'Bitte einen Grund wählen, um die Korrektur zu speichern',
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

  // storage problems
  'storage.title.quota': 'Der Speicher dieses Tablets ist voll',
  'storage.title.unavailable': 'Dieses Tablet kann gerade keine Daten speichern',
  'storage.title.other': 'Speichern hat nicht geklappt',
  'storage.what.quota': 'Der letzte Eintrag konnte nicht gespeichert werden, weil auf diesem Tablet kein Platz mehr für Tierboard ist.',
  'storage.what.unavailable': 'Der Speicher des Browsers (IndexedDB) ist nicht verfügbar. Das kann am privaten Modus oder an einer Browser-Einstellung liegen.',
  'storage.what.other': 'Der letzte Eintrag konnte wegen eines unerwarteten Speicherfehlers nicht gespeichert werden.',
  'storage.safe': 'Alles, was vorher gespeichert wurde, ist sicher und unverändert.',
  'storage.kept': 'Ihr Eintrag bleibt auf dem Bildschirm: {entry}. Bitte erneut versuchen, sobald das Problem behoben ist.',
  'storage.todo.quota': 'Platz auf dem Tablet schaffen (Daten oder Downloads anderer Apps löschen) oder den Werks-Admin anrufen.',
  'storage.todo.unavailable': 'Den privaten Modus verlassen oder den Werks-Admin anrufen.',
  'storage.todo.other': 'Erneut versuchen. Wenn es wieder passiert, den Werks-Admin anrufen.',
  'storage.retry': 'Erneut versuchen',
  'storage.reload': 'App neu laden',
  'storage.detail': 'Details für den Admin: {detail}',

  // update
  'update.available': 'Eine neue Version von Tierboard ist bereit.',
  'update.reload': 'Jetzt neu laden',
  'update.waitEntry': 'Sie wird angeboten, sobald Ihre Eingabe abgeschlossen ist.',

  // about
  'about.title': 'Über dieses Gerät',
  'about.close': 'Schließen',
  'about.version': 'App-Version',
  'about.build': 'Build',
  'about.device': 'Geräte-ID',
  'about.plantLine': 'Werk und Linie',
  'about.persisted': 'Speicher vom Browser dauerhaft behalten',
  'about.persistedYes': 'Ja (dauerhaft)',
  'about.persistedNo': 'Nein (der Browser kann ihn löschen, wenn der Platz knapp wird)',
  'about.persistedUnknown': 'Unbekannt',
  'about.usage': 'Belegter Speicher',
  'about.usageValue': '{used} von {quota}',
  'about.sw': 'Offline-Betrieb (Service Worker)',
  'about.sw.active': 'Aktiv',
  'about.sw.waiting': 'Neue Version wartet',
  'about.sw.none': 'Nicht installiert',
  'about.sw.unsupported': 'Von diesem Browser nicht unterstützt',
  'about.changeLine': 'Linie wechseln',
  'about.loading': 'Wird geladen…',

  'language.title': 'Sprache',

  'common.close': 'Schließen',
  'common.dismiss': 'Ausblenden',
  'common.unknown': 'unbekannt',
};
