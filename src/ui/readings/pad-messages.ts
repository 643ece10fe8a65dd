/**
 * Words only this screen needs (pad.*): they load with it, not with the first screen, whose
 * JavaScript budget (120 kB gzipped) the app-wide catalogue shares with the reading screen.
 */
import { createCatalogue } from '../i18n/catalogue.ts';

export const padText = createCatalogue({
  en: {
    'pad.titleRecord': 'Record {name}',
    'pad.titleCorrect': 'Correct {name}',
    'pad.range': 'Usual range {min} to {max}',
    'pad.empty': 'Type a value',
    'pad.clear': 'Clear',
    'pad.sign': 'Plus or minus',
    'pad.decimal': 'Decimal separator',
    'pad.save': 'Save',
    'pad.cancel': 'Cancel',
    'pad.note': 'Note (optional)',
    'pad.confirmTitle': 'Are you sure?',
    'pad.confirmText': 'This is outside the usual range {min} to {max}.',
    'pad.confirmYes': 'Yes, save it',
    'pad.confirmNo': 'No, change it',
    'pad.reasonTitle': 'Why correct it?',
    'pad.reasonText': 'Details (optional)',
    'pad.reasonNeeded': 'Choose a reason to save the correction',
    'pad.was': 'was {value}',
  },
  de: {
    'pad.titleRecord': '{name} erfassen',
    'pad.titleCorrect': '{name} korrigieren',
    'pad.range': 'Üblicher Bereich {min} bis {max}',
    'pad.empty': 'Wert eingeben',
    'pad.clear': 'Löschen',
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
    'pad.was': 'bisher {value}',
  },
});
