/**
 * A message catalogue for one area of the app (readings, escalations, handover, board...):
 * English is the reference, and the German table must have exactly the same keys, so a missing
 * translation is a compile error. `{name}` placeholders are filled from params; an unknown one
 * stays visible (`{x}`) so a missing parameter shows on screen instead of a blank.
 */
import { currentLanguage, type Language } from './language.ts';

export type MessageParams = Record<string, string | number>;

export function fill(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : String(v);
  });
}

export function createCatalogue<K extends string>(
  tables: { en: Record<K, string> } & { [L in Exclude<Language, 'en'>]: Record<K, string> },
): (key: K, params?: MessageParams) => string {
  return (key, params) => fill(tables[currentLanguage()][key] ?? tables.en[key], params);
}
