/**
 * The words of readings the server refused (refused.*): they load with the shift's list of
 * readings once the reading screen is interactive, not with the first screen.
 */
import { createCatalogue } from '../i18n/catalogue.ts';

export const rft = createCatalogue({
  en: {
    'refused.badge': 'Refused – not saved',
    'refused.notAllowed.record_reading': 'The server refused this reading: {name} may not record KPI readings at this line. It does not count.',
    'refused.notAllowed.correct_reading': 'The server refused this correction: {name} may not correct KPI readings. The value before it still counts.',
    'refused.other.record_reading': 'The server refused this reading. It does not count. The server says: {message}',
    'refused.other.correct_reading': 'The server refused this correction. The value before it still counts. The server says: {message}',
    'refused.way.record_reading': 'Ask one of them to record it: {who}. Or discard this entry.',
    'refused.way.correct_reading': 'Ask one of them to correct it: {who}. Or discard this entry.',
    'refused.way.other': 'Ask your plant admin, or discard this entry.',
  },
  de: {
    'refused.badge': 'Abgelehnt – nicht gespeichert',
    'refused.notAllowed.record_reading': 'Der Server hat diesen Messwert abgelehnt: {name} darf an dieser Linie keine Messwerte erfassen. Er zählt nicht.',
    'refused.notAllowed.correct_reading': 'Der Server hat diese Korrektur abgelehnt: {name} darf keine Messwerte korrigieren. Der Wert davor gilt weiter.',
    'refused.other.record_reading': 'Der Server hat diesen Messwert abgelehnt. Er zählt nicht. Der Server meldet: {message}',
    'refused.other.correct_reading': 'Der Server hat diese Korrektur abgelehnt. Der Wert davor gilt weiter. Der Server meldet: {message}',
    'refused.way.record_reading': 'Bitten Sie eine dieser Personen, ihn zu erfassen: {who}. Oder verwerfen Sie den Eintrag.',
    'refused.way.correct_reading': 'Bitten Sie eine dieser Personen, ihn zu korrigieren: {who}. Oder verwerfen Sie den Eintrag.',
    'refused.way.other': 'Wenden Sie sich an die Werksadministration, oder verwerfen Sie den Eintrag.',
  },
});
