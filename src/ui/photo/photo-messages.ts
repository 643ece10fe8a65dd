/** Words of the photo field, English and German. */
import { createCatalogue } from '../i18n/catalogue.ts';

export const photoText = createCatalogue({
  en: {
    'photo.take': 'Take photo',
    'photo.retake': 'Take another',
    'photo.remove': 'Remove photo',
    'photo.working': 'Preparing photo…',
    'photo.ready': 'Photo added ({size})',
    'photo.alt': 'Photo of the problem',
    'photo.wrongType': 'This file is not a photo Tierboard can use ({type}). Take a photo with the camera (JPEG, PNG, WebP or HEIC).',
    'photo.tooLarge': 'This photo is too large ({size}; at most {max}). Take it again with the tablet camera.',
    'photo.unreadable': 'This photo could not be read on this tablet. Take it again with the tablet camera.',
    'photo.cannotShrink': 'This photo cannot be made small enough to store. Take it again, closer to the problem.',
  },
  de: {
    'photo.take': 'Foto aufnehmen',
    'photo.retake': 'Neues Foto',
    'photo.remove': 'Foto entfernen',
    'photo.working': 'Foto wird vorbereitet…',
    'photo.ready': 'Foto hinzugefügt ({size})',
    'photo.alt': 'Foto des Problems',
    'photo.wrongType': 'Diese Datei ist kein Foto, das Tierboard verwenden kann ({type}). Bitte mit der Kamera fotografieren (JPEG, PNG, WebP oder HEIC).',
    'photo.tooLarge': 'Dieses Foto ist zu groß ({size}; höchstens {max}). Bitte mit der Tablet-Kamera neu aufnehmen.',
    'photo.unreadable': 'Dieses Foto kann auf diesem Tablet nicht gelesen werden. Bitte mit der Tablet-Kamera neu aufnehmen.',
    'photo.cannotShrink': 'Dieses Foto lässt sich nicht klein genug speichern. Bitte neu aufnehmen, näher am Problem.',
  },
});
