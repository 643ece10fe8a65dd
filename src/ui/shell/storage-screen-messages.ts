/**
 * Words only this screen needs (storage.*): they load with it, not with the first screen, whose
 * JavaScript budget (120 kB gzipped) the app-wide catalogue shares with the reading screen.
 */
import { createCatalogue } from '../i18n/catalogue.ts';

export const storageScreenText = createCatalogue({
  en: {
    'storage.title.quota': 'This tablet’s storage is full',
    'storage.title.unavailable': 'This tablet cannot store data right now',
    'storage.title.other': 'Saving did not work',
    'storage.what.quota': 'The last entry could not be saved because there is no space left for Tierboard on this tablet.',
    'storage.what.unavailable': 'The browser’s storage (IndexedDB) is not available. Private browsing or a browser setting can cause this.',
    'storage.what.other': 'The last entry could not be saved because of an unexpected storage error.',
    'storage.safe': 'Everything saved before is safe and has not been touched.',
    'storage.kept': 'Your entry is kept on screen: {entry}. Try again once the problem is fixed.',
    'storage.todo.quota': 'Free space on the tablet (remove other apps’ data or downloads), or call your plant admin.',
    'storage.todo.unavailable': 'Leave private browsing or call your plant admin.',
    'storage.todo.other': 'Try again. If it keeps happening, call your plant admin.',
    'storage.retry': 'Try again',
    'storage.reload': 'Reload the app',
    'storage.detail': 'Details for the admin: {detail}',
  },
  de: {
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
  },
});
