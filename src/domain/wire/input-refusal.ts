/**
 * A request that fails its route's schema (protocol-schemas.ts), said in the contract's words:
 * the validator's errors become one refusal, the one the first faulty field in the request earns.
 * Pure, so the server's validator (ajv) and any other client's can use it alike.
 */
import { fillTemplate } from '../records/fill-template.ts';
import { REFUSAL_KEYWORD, type InputRefusal, type InputRefusals, type WireSchema } from './protocol-schemas.ts';

/** What a JSON-schema validator (ajv among them) reports per failure. */
export interface SchemaError {
  keyword: string;
  /** JSON pointer into the input: `/rows/3/newDocumentState`. */
  instancePath: string;
  /** JSON pointer into the schema, ending in the failing keyword: `#/properties/rows/maxItems`. */
  schemaPath: string;
  params: Record<string, unknown>;
}

/** Longest piece of the sender's own input quoted back in a message. */
const QUOTE_MAX = 60;

/**
 * The refusal for a request part (`input`) that failed `schema` with `errors` (all of them: the
 * validator may check `required` before the fields, while the contract refuses the first faulty
 * field in the order the schema lists them). `fallback` serves a node that names no refusal.
 */
export function inputRefusal(schema: WireSchema, input: unknown, errors: readonly SchemaError[], fallback: InputRefusal): InputRefusal {
  const ranked = errors.map((e) => ({ e, at: fieldPath(e) })).sort((a, b) => compareFieldPaths(schema, a.at, b.at));
  const first = ranked[0]?.e;
  if (!first) return fallback;
  const refusal = refusalAt(schema, first) ?? fallback;
  const at = pointer(first.instancePath);
  const value = valueAt(input, at);
  // `Row 3 of the push`: the index of the first array item on the way to the fault.
  const row = at.find((segment) => /^\d+$/.test(segment));
  const params: Record<string, string | number> = {
    value: quoted(value),
    count: Array.isArray(value) ? value.length : 0,
    ...(row !== undefined ? { row } : {}),
  };
  return { ...refusal, message: fillTemplate(refusal.message, params) };
}

/** The field an error is about, as path segments: a missing property counts as its own field. */
function fieldPath(e: SchemaError): string[] {
  const at = pointer(e.instancePath);
  const missing = e.params.missingProperty;
  return e.keyword === 'required' && typeof missing === 'string' ? [...at, missing] : at;
}

/** Earlier field first: array items by index, object fields in the order the schema lists them, a field before what is inside it. */
function compareFieldPaths(schema: WireSchema, a: readonly string[], b: readonly string[]): number {
  let node: WireSchema | undefined = schema;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x !== y) return rank(node, x) - rank(node, y);
    node = childSchema(node, x);
  }
  return a.length - b.length;
}

function rank(node: WireSchema | undefined, segment: string): number {
  if (/^\d+$/.test(segment)) return Number(segment);
  const keys = Object.keys(asSchema(node?.properties) ?? {});
  const i = keys.indexOf(segment);
  return i < 0 ? keys.length : i;
}

function childSchema(node: WireSchema | undefined, segment: string): WireSchema | undefined {
  if (!node) return undefined;
  if (/^\d+$/.test(segment) && node.items) return asSchema(node.items);
  return asSchema(asSchema(node.properties)?.[segment]);
}

/** The refusal of the deepest node on the error's schema path that names one; the node holding the failing keyword may name one for it. */
function refusalAt(schema: WireSchema, e: SchemaError): InputRefusal | undefined {
  const steps = pointer(e.schemaPath.replace(/^#/, ''));
  const keyword = steps.pop() ?? '';
  const missing = typeof e.params.missingProperty === 'string' ? `${keyword}:${e.params.missingProperty}` : '';
  const own = (node: WireSchema | undefined, holdsKeyword: boolean): InputRefusal | undefined => {
    const r = node?.[REFUSAL_KEYWORD] as InputRefusals | undefined;
    if (!r) return undefined;
    return holdsKeyword ? (r[missing] ?? r[keyword] ?? r.default) : r.default;
  };
  let node: WireSchema | undefined = schema;
  let found = own(node, steps.length === 0);
  for (let i = 0; node && i < steps.length; ) {
    const step = steps[i++] as string;
    node = asSchema(node[step]);
    // `properties/<name>`: the map, then the field's own schema.
    if (step === 'properties' && i < steps.length) node = asSchema(node?.[steps[i++] as string]);
    found = own(node, i === steps.length) ?? found;
  }
  return found;
}

/** The sender's value in a message, cut short; an object or array is named, not spelt out. */
function quoted(value: unknown): string {
  if (typeof value === 'object' && value !== null) return Array.isArray(value) ? 'an array' : 'an object';
  return String(value).slice(0, QUOTE_MAX);
}

function asSchema(v: unknown): WireSchema | undefined {
  return typeof v === 'object' && v !== null ? (v as WireSchema) : undefined;
}

/** A JSON pointer's segments, unescaped. */
function pointer(p: string): string[] {
  if (p === '' || p === '/') return p === '/' ? [''] : [];
  return p.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function valueAt(input: unknown, at: readonly string[]): unknown {
  let v = input;
  for (const s of at) {
    if (typeof v !== 'object' || v === null || !Object.hasOwn(v, s)) return undefined;
    v = (v as Record<string, unknown>)[s];
  }
  return v;
}
