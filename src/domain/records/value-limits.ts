/**
 * Limits on the one part of a record whose schema allows any JSON value: a losing edit's `value`
 * (the merge keeps whatever the lost edit set, mutable-meta-schema.ts). Every other field's shape
 * is fixed by its schema. Without a limit, a value nested thousands deep was stored and then broke
 * every recursive walk over the record (a comparison, a canonical form) with "Maximum call stack
 * size exceeded", for every retry and every honest edit after it.
 *
 * The walk here is iterative (an explicit stack), so checking a hostile value cannot itself run
 * out of stack.
 */
import type { LosingEdit } from './record-types.ts';

/**
 * Deepest nesting a losing edit's value may have. The deepest field any record has today is a
 * plant's tier ladder (a list of objects: 2 levels); 16 leaves room for fields to come and keeps
 * every walk over a stored record far from any stack limit.
 */
export const LOSING_EDIT_MAX_DEPTH = 16;

/**
 * Largest a losing edit's value may be, as JSON text. The largest mutable field is a rotating
 * shift pattern's rotation (366 days x 6 shifts of short codes, about 80,000 characters); an edit
 * of it that lost must fit, a payload the size of a push body must not.
 */
export const LOSING_EDIT_MAX_CHARS = 100_000;

/** How deep `value` nests (a scalar is 0, `[1]` is 1), counting no further than `stopAt`. */
export function nestingDepth(value: unknown, stopAt: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    const inner = depth + 1;
    if (inner > deepest) deepest = inner;
    if (deepest > stopAt) return deepest;
    if (Array.isArray(v)) for (const item of v) stack.push([item, inner]);
    else for (const key in v as Record<string, unknown>) stack.push([(v as Record<string, unknown>)[key], inner]);
  }
  return deepest;
}

/** Why a record's losing edits break the limits above, naming the field, or null. */
export function losingEditsProblem(conflicts: readonly Pick<LosingEdit, 'value'>[]): string | null {
  for (let i = 0; i < conflicts.length; i++) {
    const value = conflicts[i]?.value;
    if (nestingDepth(value, LOSING_EDIT_MAX_DEPTH) > LOSING_EDIT_MAX_DEPTH) {
      return `Field conflicts.${i}.value is nested deeper than ${LOSING_EDIT_MAX_DEPTH} levels.`;
    }
    // Safe now: the depth is bounded, so JSON.stringify cannot run out of stack.
    const size = JSON.stringify(value ?? null).length;
    if (size > LOSING_EDIT_MAX_CHARS) return `Field conflicts.${i}.value is larger than ${LOSING_EDIT_MAX_CHARS.toLocaleString('en')} characters.`;
  }
  return null;
}
