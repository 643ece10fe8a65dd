/**
 * A message catalogue for one area of the app (readings, escalations, handover, board...), kept
 * beside the area's screens as `<area>-messages.ts` (the app-wide one, used through `t`, is
 * `app-messages-en.ts` with `app-messages-de.ts` here, split by language for its size):
 * English is the reference, and the German table must have exactly the same keys, so a missing
 * translation is a compile error. `{name}` placeholders are filled from params by the domain's
 * `fillTemplate` (the same filler as the refusal texts): an unknown one stays visible (`{x}`).
 *
 * The returned lookup also carries its `tables`, so one test can check every area's German
 * (same placeholders as English, nothing left empty) without each area exporting its tables.
 */
import { fillTemplate, type TemplateParams } from '../../domain/records/fill-template.ts';
import { currentLanguage, type Language } from './language.ts';

export type MessageParams = TemplateParams;

export type CatalogueTables<K extends string> = { en: Record<K, string> } & {
  [L in Exclude<Language, 'en'>]: Record<K, string>;
};

export type Catalogue<K extends string> = ((key: K, params?: MessageParams) => string) & {
  readonly tables: Readonly<Record<Language, Readonly<Record<K, string>>>>;
};

export function createCatalogue<K extends string>(tables: CatalogueTables<K>): Catalogue<K> {
  // The language is read on every call, never cached: a switch shows at the next render.
  const lookup = (key: K, params?: MessageParams) => fillTemplate(tables[currentLanguage()][key] ?? tables.en[key], params);
  return Object.assign(lookup, { tables });
}
