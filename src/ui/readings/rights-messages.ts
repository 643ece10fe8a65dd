/**
 * The words of who may record and correct (rights.*): they load with the rule book
 * (reading-rights.ts) once the reading screen is interactive, not with the first screen.
 */
import { createCatalogue } from '../i18n/catalogue.ts';

export const rt = createCatalogue({
  en: {
    'rights.cannotRecordTitle': 'You cannot record readings at this line',
    'rights.cannotCorrectTitle': 'You cannot correct this reading',
    'rights.ok': 'OK',
    'rights.roleCannot.record_reading': 'As {role}, you cannot record KPI readings. That is done by {who}.',
    'rights.roleCannot.correct_reading': 'As {role}, you cannot correct KPI readings. Ask one of them to correct it: {who}.',
    'rights.wallScreen.record_reading': 'This is a wall screen: it only displays, nothing is recorded on it.',
    'rights.wallScreen.correct_reading': 'This is a wall screen: it only displays, nothing is corrected on it.',
    'rights.deviceOtherPlant.record_reading': 'This tablet is enrolled at plant {devicePlant}; it cannot record readings for plant {plant}.',
    'rights.deviceOtherPlant.correct_reading': 'This tablet is enrolled at plant {devicePlant}; it cannot correct readings of plant {plant}.',
    'rights.otherPlant.record_reading': 'You work at plant {actorPlant}; this line belongs to plant {plant}. Readings here are recorded by its own {who}.',
    'rights.otherPlant.correct_reading': 'You work at plant {actorPlant}; this line belongs to plant {plant}. Ask one of its own {who}.',
    'rights.inactive.record_reading': 'Your name is no longer active on this plant’s roster. Ask the plant admin.',
    'rights.inactive.correct_reading': 'Your name is no longer active on this plant’s roster. Ask the plant admin.',
  },
  de: {
    'rights.cannotRecordTitle': 'Sie können an dieser Linie keine Messwerte erfassen',
    'rights.cannotCorrectTitle': 'Sie können diesen Messwert nicht korrigieren',
    'rights.ok': 'Verstanden',
    'rights.roleCannot.record_reading': 'Als {role} können Sie keine Kennzahlen-Messwerte erfassen. Das tun {who}.',
    'rights.roleCannot.correct_reading': 'Als {role} können Sie keine Messwerte korrigieren. Bitten Sie eine dieser Personen darum: {who}.',
    'rights.wallScreen.record_reading': 'Dies ist ein Wandbildschirm: Er zeigt nur an, hier wird nichts erfasst.',
    'rights.wallScreen.correct_reading': 'Dies ist ein Wandbildschirm: Er zeigt nur an, hier wird nichts korrigiert.',
    'rights.deviceOtherPlant.record_reading': 'Dieses Tablet ist im Werk {devicePlant} angemeldet; es kann keine Messwerte für das Werk {plant} erfassen.',
    'rights.deviceOtherPlant.correct_reading': 'Dieses Tablet ist im Werk {devicePlant} angemeldet; es kann keine Messwerte des Werks {plant} korrigieren.',
    'rights.otherPlant.record_reading': 'Sie arbeiten im Werk {actorPlant}; diese Linie gehört zum Werk {plant}. Hier erfassen dessen eigene {who}.',
    'rights.otherPlant.correct_reading': 'Sie arbeiten im Werk {actorPlant}; diese Linie gehört zum Werk {plant}. Bitten Sie dessen eigene {who}.',
    'rights.inactive.record_reading': 'Ihr Name ist im Personal dieses Werks nicht mehr aktiv. Wenden Sie sich an die Werksadministration.',
    'rights.inactive.correct_reading': 'Ihr Name ist im Personal dieses Werks nicht mehr aktiv. Wenden Sie sich an die Werksadministration.',
  },
});

export type RightsKey = Parameters<typeof rt>[0];
