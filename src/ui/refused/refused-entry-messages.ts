/**
 * The words every refused entry shares (refused-entry.tsx), wherever it is shown: the escalation
 * screens, the handover screen, the sync details. They load with those screens, not the first.
 */
import { createCatalogue } from '../i18n/catalogue.ts';

export const refusedWords = createCatalogue({
  en: {
    'badge': 'Refused by the server – does not count',
    'discard': 'Discard',
    'discardLabel': 'Discard the refused entry: {what}',
    'confirm': 'Discard this entry? It is not sent again and never counts. It stays in this device’s log, with your name.',
    'confirmYes': 'Yes, discard',
    'confirmNo': 'Keep it',
    'signInToDiscard': 'Sign in to discard it.',
    'way.roles': 'Ask one of them to do it: {who}. Or discard this entry.',
    'way.other': 'Ask your plant admin, or discard this entry.',
  },
  de: {
    'badge': 'Vom Server abgelehnt – zählt nicht',
    'discard': 'Verwerfen',
    'discardLabel': 'Abgelehnten Eintrag verwerfen: {what}',
    'confirm': 'Diesen Eintrag verwerfen? Er wird nicht erneut gesendet und zählt nie. Er bleibt mit Ihrem Namen im Protokoll dieses Geräts.',
    'confirmYes': 'Ja, verwerfen',
    'confirmNo': 'Behalten',
    'signInToDiscard': 'Melden Sie sich an, um ihn zu verwerfen.',
    'way.roles': 'Bitten Sie eine dieser Personen darum: {who}. Oder verwerfen Sie den Eintrag.',
    'way.other': 'Wenden Sie sich an die Werksadministration, oder verwerfen Sie den Eintrag.',
  },
});
