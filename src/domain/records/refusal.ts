/**
 * A refusal the screen can say in its own language: a stable `code` and the
 * values the sentence needs. The domain keeps one English wording per code
 * (the server's push refusals and the logs use it); the UI looks up
 * `refusal.<code>` in its area's catalogue and falls back to the English.
 */
import { fillTemplate, type TemplateParams } from './fill-template.ts';

export type RefusalParams = TemplateParams;

export interface Refusal {
  code: string;
  params?: RefusalParams;
}

export function refusal(code: string, params?: RefusalParams): Refusal {
  return params ? { code, params } : { code };
}

/** The English sentence of a refusal from a table of templates; the code itself when the table has none. */
export function englishText(r: Refusal, templates: Readonly<Record<string, string>>): string {
  const template = templates[r.code];
  return template === undefined ? r.code : fillTemplate(template, r.params);
}
