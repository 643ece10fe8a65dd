// The fences (eslint.config.js) are no-restricted-imports patterns, and that rule reads only static
// imports and re-exports: a lazy `import('../ui/...')` would walk through a fence unseen. This rule
// hands each dynamic import with a literal path to the core rule, as if it were a static import,
// so both kinds are judged by the same patterns and the same matcher.
import { builtinRules } from 'eslint/use-at-your-own-risk';

const core = builtinRules.get('no-restricted-imports');

export default {
  meta: {
    type: 'problem',
    docs: { description: 'no-restricted-imports, applied to dynamic import() with a literal path' },
    schema: core.meta.schema,
    messages: core.meta.messages,
  },
  create(context) {
    const staticImport = core.create(context).ImportDeclaration;
    return {
      ImportExpression(node) {
        if (node.source.type !== 'Literal' || typeof node.source.value !== 'string') return;
        staticImport({ type: 'ImportDeclaration', source: node.source, specifiers: [], importKind: 'value', loc: node.loc, range: node.range, parent: node.parent });
      },
    };
  },
};
