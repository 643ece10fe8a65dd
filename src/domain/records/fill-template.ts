/**
 * The one placeholder filler: `{name}` in a sentence is replaced by `params.name`.
 * The domain's English refusal texts and every UI message catalogue use it.
 * An unknown name stays visible (`{x}`), so a missing parameter shows on screen
 * instead of a blank.
 */
export type TemplateParams = Record<string, string | number>;

export function fillTemplate(template: string, params?: TemplateParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : String(v);
  });
}
