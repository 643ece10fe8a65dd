/**
 * Words only this screen needs (setup.*): they load with it, not with the first screen, whose
 * JavaScript budget (120 kB gzipped) the app-wide catalogue shares with the reading screen.
 */
import { createCatalogue } from '../i18n/catalogue.ts';

export const setupText = createCatalogue({
  en: {
    'setup.title': 'Set up this tablet',
    'setup.howTitle': 'Where does this tablet get its plant data?',
    'setup.connect': 'Connect to the plant server',
    'setup.connectSub': 'With the code or QR code from your plant admin. Readings are shared with the plant.',
    'setup.demo': 'Try it with demo data',
    'setup.demoSub': 'Four demo plants, kept on this tablet only. Nothing is sent anywhere.',
    'setup.waitingForData': 'Connected. Receiving the plant data…',
    'setup.preparing': 'Preparing plant data on this tablet…',
    'setup.choosePlant': 'Which plant is this tablet in?',
    'setup.chooseLine': 'Which line does this tablet stand at?',
    'setup.plantLine': '{code} · {timeZone}',
    'setup.back': 'Back to plants',
    'setup.noLines': 'This plant has no active lines yet. Ask the plant admin.',
    'setup.failed': 'Setting up this tablet did not work. Try again or call your plant admin. Details: {detail}',
  },
  de: {
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
  },
});
