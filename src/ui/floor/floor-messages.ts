/** Words of the floor navigation. */
import { createCatalogue } from '../i18n/catalogue.ts';

export const fm = createCatalogue({
  en: {
    'nav.label': 'Screens',
    'nav.readings': 'Readings',
    'nav.escalations': 'Problems',
    'nav.handover': 'Handover',
    'nav.board': 'Plant board',
    'nav.back': 'Back to the line',
    'nav.loading': 'Opening…',
  },
  de: {
    'nav.label': 'Ansichten',
    'nav.readings': 'Messwerte',
    'nav.escalations': 'Probleme',
    'nav.handover': 'Übergabe',
    'nav.board': 'Werkstafel',
    'nav.back': 'Zurück zur Linie',
    'nav.loading': 'Wird geöffnet…',
  },
});
