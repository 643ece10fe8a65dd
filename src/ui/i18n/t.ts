/**
 * `t('saved.toast', { value, name, time })`: look up the message in the
 * active catalogue and fill its `{placeholders}`. Unknown placeholders stay
 * visible (`{x}`) so a missing parameter is obvious on screen, not blank.
 */
import { en, type MessageKey, type Messages } from './en.ts';

let active: Messages = en;

/** Switch catalogue (German comes later, loaded lazily). */
export function setMessages(messages: Messages): void {
  active = messages;
}

export type MessageParams = Record<string, string | number>;

export function t(key: MessageKey, params?: MessageParams): string {
  const template = active[key] ?? en[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : String(v);
  });
}
