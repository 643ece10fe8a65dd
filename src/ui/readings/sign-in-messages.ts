/** Words of signing in at the reading screen (badge or name, then PIN). */
import { createCatalogue } from '../i18n/catalogue.ts';

export const sim = createCatalogue({
  en: { 'signin.pinTitle': '{name}: enter your PIN to sign in', 'signin.submit': 'Sign in' },
  de: { 'signin.pinTitle': '{name}: PIN eingeben zum Anmelden', 'signin.submit': 'Anmelden' },
});
