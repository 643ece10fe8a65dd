/**
 * The merge bookkeeping every mutable record carries (`MutableMeta` in record-types.ts).
 */
import type { LosingEdit, MutableMeta } from './record-types.ts';
import { HLC_MAX, type JsonSchemaNode, type PropertiesOf, objectOf, code, listOf, mapOf, ref } from './json-schema.ts';

const hlc = (): JsonSchemaNode => ({ type: 'string', maxLength: HLC_MAX });

/** The widest record (kpi_definitions) has 29 fields; 64 leaves room to grow. */
const MAX_FIELD_CLOCKS = 64;
/**
 * Losing edits wait until their owner looks at them. A week offline on a busy
 * definitions screen produces tens, not hundreds; 1000 only stops a runaway loop.
 */
const MAX_CONFLICTS = 1_000;

const losingEdit = objectOf<LosingEdit>({
  field: code(),
  // Whatever the losing edit set: any JSON value.
  value: {},
  hlc: hlc(),
  deviceId: ref(),
});

export const mutableMeta: PropertiesOf<MutableMeta> = {
  hlc: hlc(),
  fieldClocks: mapOf(hlc(), MAX_FIELD_CLOCKS),
  conflicts: listOf(losingEdit, MAX_CONFLICTS),
};
