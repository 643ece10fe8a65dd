/** Words of the storage-error screen that only it needs: they load with it, not with the first screen. */
import { createCatalogue } from '../i18n/catalogue.ts';

export const storageText = createCatalogue({
  en: {
    'kept.many': '{count} entries are kept on screen: {entries}. Try again once the problem is fixed: they are saved in this order.',
  },
  de: {
    'kept.many': '{count} Einträge bleiben auf dem Bildschirm: {entries}. Bitte erneut versuchen, sobald das Problem behoben ist: Sie werden in dieser Reihenfolge gespeichert.',
  },
});
