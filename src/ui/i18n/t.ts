/**
 * `t('saved.toast', { value, name, time })`: look up the message in the
 * catalogue of the language chosen in `languageStore` and fill its
 * `{placeholders}`. The language is read on every call, so a screen that
 * re-renders after a switch speaks the new language without remounting.
 * Unknown placeholders stay visible (`{x}`) so a missing parameter is obvious
 * on screen, not blank.
 */
import { createCatalogue, type MessageParams } from './catalogue.ts';
import { de } from './app-messages-de.ts';
import { en, type MessageKey } from './app-messages-en.ts';

export type { MessageParams } from './catalogue.ts';

/** The reading screens' catalogue; `messages.tables` holds both languages (for tests). */
export const messages = createCatalogue<MessageKey>({ en, de });

export function t(key: MessageKey, params?: MessageParams): string {
  return messages(key, params);
}
