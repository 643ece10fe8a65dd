/**
 * [P5] Pushed records must match the very schema the device stored them
 * under (src/domain/records/schemas.ts): the server refuses what RxDB would refuse.
 * Two things the schema cannot say are checked here too, so that a record
 * refused is refused on its own row and the rest of its push goes in:
 * - text either engine can store ([P5]): PostgreSQL holds no NUL and no
 *   broken surrogate pair in text or jsonb, SQLite does; refusing them on
 *   both keeps the engines alike, and one such row no longer fails the whole
 *   push with a 500 that the device would retry forever;
 * - the collection's own rules ([A14]): thresholds on the right side of a
 *   KPI's target, a tier ladder that climbs;
 * - edit clocks the merge can order ([P7]): a mutable record stored with a
 *   clock that is no HLC stamp could never be merged again, and every later
 *   honest edit of it would be refused instead of the record that broke it.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { collectionInfo, type CollectionName } from '../../src/domain/records/collections.ts';
import { isHlc } from '../../src/domain/merge/hlc.ts';
import { SCHEMAS } from '../../src/domain/records/schemas.ts';
import { recordRuleProblem } from '../../src/domain/records/record-rules.ts';
import { losingEditsProblem } from '../../src/domain/records/value-limits.ts';

// RxDB's own keywords (version, primaryKey, indexes) are not JSON schema;
// strict mode would refuse them, so ajv runs lenient and ignores them.
const ajv = new Ajv({ strict: false, allErrors: false });

interface Checker {
  validate: ValidateFunction;
  /** Mutable records carry edit clocks (hlc, fieldClocks) that the merge orders. */
  mutable: boolean;
}

const checkers = new Map<CollectionName, Checker>();

function checkerFor(collection: CollectionName): Checker {
  let c = checkers.get(collection);
  if (!c) {
    c = { validate: ajv.compile(SCHEMAS[collection]), mutable: collectionInfo(collection)?.immutable === false };
    checkers.set(collection, c);
  }
  return c;
}

/**
 * Null when the record is valid, else one plain sentence saying what is wrong.
 * `mayHoldUnstorableText: false` skips the walk over every string: only for a
 * record parsed from JSON text without a `\u` escape, which cannot hold a NUL
 * or a broken surrogate pair (http/replication-json-body.ts says why).
 */
export function schemaProblem(collection: CollectionName, record: unknown, { mayHoldUnstorableText = true } = {}): string | null {
  const checker = checkerFor(collection);
  if (!checker.validate(record)) return schemaError(checker.validate);
  // The schema passed: the record is an object, and a mutable one has a string hlc and a map of string fieldClocks.
  // Its losing edits' values are the only values of any shape: bounded first, so no walk below can be sent deep.
  const edits = checker.mutable ? losingEditsProblem((record as { conflicts: { value: unknown }[] }).conflicts) : null;
  if (edits) return edits;
  return (
    (mayHoldUnstorableText ? unstorableText(record) : null) ??
    (checker.mutable ? clockProblem(record as ClockedRecord) : null) ??
    // Immutable records have rules too ([K2]: a check-in's confidence, its override's reason).
    recordRuleProblem(collection, record as Record<string, unknown>)
  );
}

function schemaError(validate: ValidateFunction): string {
  const e = validate.errors?.[0];
  if (!e) return 'The record does not match its schema.';
  const where = e.instancePath === '' ? 'The record' : `Field ${e.instancePath.slice(1).replace(/\//g, '.')}`;
  const extra = e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: unknown }).additionalProperty)})` : '';
  return `${where} ${e.message ?? 'is not valid'}${extra}.`;
}

// ---------------------------------------------------------------- storable text

const CANNOT_BE_STORED = 'a character that cannot be stored (a NUL or a broken surrogate pair)';

/** A string both engines store as sent. No allocation: this runs on every string of every pushed row. */
export function storable(text: string): boolean {
  return text.isWellFormed() && !text.includes('\u0000');
}

/** Where the first unstorable string sits: the path from it outwards (innermost first), and whether it is a key. */
interface Unstorable {
  outwardPath: (string | number)[];
  inKey: boolean;
}

/**
 * Walks every string value and key of a JSON value, iteratively (an explicit stack: a hostile
 * value cannot run the walk out of stack). Allocates one small frame per object or array, nothing
 * per string, so a clean row costs one visit per value.
 */
function findUnstorable(value: unknown): Unstorable | null {
  if (typeof value === 'string') return storable(value) ? null : { outwardPath: [], inKey: false };
  if (typeof value !== 'object' || value === null) return null;
  // Each frame: the container, its keys (objects) and the next index; the path is read off the stack.
  const stack: { node: unknown[] | Record<string, unknown>; keys: string[] | null; at: number }[] = [{ node: value as Record<string, unknown>, keys: null, at: 0 }];
  const keysOf = (node: unknown[] | Record<string, unknown>): string[] | null => (Array.isArray(node) ? null : Object.keys(node));
  stack[0]!.keys = keysOf(stack[0]!.node);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const size = frame.keys ? frame.keys.length : (frame.node as unknown[]).length;
    if (frame.at >= size) {
      stack.pop();
      continue;
    }
    const step: string | number = frame.keys ? (frame.keys[frame.at] as string) : frame.at;
    frame.at += 1;
    if (typeof step === 'string' && !storable(step)) return { outwardPath: outward(stack), inKey: true };
    const child = (frame.node as Record<string | number, unknown>)[step];
    if (typeof child === 'string') {
      if (!storable(child)) return { outwardPath: [step, ...outward(stack)], inKey: false };
    } else if (typeof child === 'object' && child !== null) {
      const node = child as unknown[] | Record<string, unknown>;
      stack.push({ node, keys: keysOf(node), at: 0 });
    }
  }
  return null;
}

/**
 * The steps that lead to the innermost open container, innermost first (as the recursive walk
 * built its path on the way back out); the innermost container's own current step is the caller's.
 */
function outward(stack: readonly { keys: string[] | null; at: number }[]): (string | number)[] {
  const path: (string | number)[] = [];
  for (let i = stack.length - 2; i >= 0; i--) {
    const f = stack[i]!;
    path.push(f.keys ? (f.keys[f.at - 1] as string) : f.at - 1);
  }
  return path;
}

function unstorableText(record: unknown): string | null {
  const found = findUnstorable(record);
  if (!found) return null;
  const path = found.outwardPath.reverse().join('.');
  if (found.inKey) return path === '' ? `The record has a field name with ${CANNOT_BE_STORED}.` : `Field ${path} has a key with ${CANNOT_BE_STORED}.`;
  return `Field ${path} holds ${CANNOT_BE_STORED}.`;
}

// ---------------------------------------------------------------- edit clocks

interface ClockedRecord {
  hlc: string;
  fieldClocks: Record<string, string>;
}

/** [P7] The merge orders edits by these stamps (src/domain/merge/merge.ts); isHlc is the HLC module's own pattern. */
function clockProblem(record: ClockedRecord): string | null {
  if (!isHlc(record.hlc)) return notAStamp('hlc');
  for (const field in record.fieldClocks) {
    if (!isHlc(record.fieldClocks[field])) return notAStamp(`fieldClocks.${field.slice(0, 60)}`);
  }
  return null;
}

function notAStamp(field: string): string {
  return `Field ${field} is not an edit clock stamp (such as "001772431200000:000000:tablet-1"), so edits of the record could not be merged.`;
}
