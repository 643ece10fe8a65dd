/**
 * Every word of the people screens (PIN pad, signing with a PIN, badge sign-in), in English and German.
 */
import { createCatalogue } from '../i18n/catalogue.ts';

const en = {
  'pin.title': 'Enter your PIN',
  'pin.titleFor': '{name}: enter your PIN to sign',
  'pin.display': 'PIN: {count} digits typed',
  'pin.displayOne': 'PIN: 1 digit typed',
  'pin.back': 'Delete last digit',
  'pin.clear': 'Clear',
  'pin.sign': 'Sign',
  'pin.cancel': 'Cancel',
  'pin.checking': 'Checking the PIN…',
  'pin.wrong': 'Wrong PIN. {left} more tries, then a {seconds} s wait.',
  'pin.wrongLast': 'Wrong PIN. One more wrong PIN and signing waits {seconds} s.',
  'pin.locked': 'Too many wrong PINs. Try again in {seconds} s.',
  'pin.noPin': '{name} has no PIN yet. Ask the plant admin to set one.',
  'pin.serverOnly':
    '{name} is an admin: only the server checks this PIN, so this device does not hold it. Admin steps (the roster, enrolling devices, enterprise settings) work only while the device is online.',
  'pin.needsServer': 'This PIN is checked by the plant server, which this device cannot reach now. Try again when the connection is back.',
  'pin.signed': 'Signed as {name}',
  'badge.title': 'Sign in with your badge',
  'badge.label': 'Badge number',
  'badge.next': 'Next',
  'badge.unknown': 'Badge {badge} is not on this plant’s roster.',
  'badge.notYou': 'Not {name}? Back',
  'badge.looking': 'Looking up the badge…',
} as const;

type Key = keyof typeof en;

const de: Record<Key, string> = {
  'pin.title': 'PIN eingeben',
  'pin.titleFor': '{name}: PIN eingeben, um zu unterschreiben',
  'pin.display': 'PIN: {count} Ziffern eingegeben',
  'pin.displayOne': 'PIN: 1 Ziffer eingegeben',
  'pin.back': 'Letzte Ziffer löschen',
  'pin.clear': 'Löschen',
  'pin.sign': 'Unterschreiben',
  'pin.cancel': 'Abbrechen',
  'pin.checking': 'PIN wird geprüft…',
  'pin.wrong': 'Falsche PIN. Noch {left} Versuche, dann {seconds} s Wartezeit.',
  'pin.wrongLast': 'Falsche PIN. Nach einer weiteren falschen PIN {seconds} s Wartezeit.',
  'pin.locked': 'Zu viele falsche PINs. Erneut versuchen in {seconds} s.',
  'pin.noPin': '{name} hat noch keine PIN. Bitte den Werks-Admin, eine zu setzen.',
  'pin.serverOnly':
    '{name} ist Admin: Diese PIN prüft nur der Server, dieses Gerät kennt sie nicht. Admin-Schritte (Personalliste, Geräte einrichten, Unternehmenseinstellungen) gehen nur, solange das Gerät online ist.',
  'pin.needsServer': 'Diese PIN prüft der Werksserver, den dieses Gerät gerade nicht erreicht. Erneut versuchen, sobald die Verbindung wieder da ist.',
  'pin.signed': 'Unterschrieben als {name}',
  'badge.title': 'Mit dem Ausweis anmelden',
  'badge.label': 'Ausweisnummer',
  'badge.next': 'Weiter',
  'badge.unknown': 'Ausweis {badge} steht nicht auf der Liste dieses Werks.',
  'badge.notYou': 'Nicht {name}? Zurück',
  'badge.looking': 'Ausweis wird gesucht…',
};

export const tp = createCatalogue<Key>({ en, de });
export type PeopleMessageKey = Key;
