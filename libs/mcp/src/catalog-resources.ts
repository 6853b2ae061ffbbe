import { LIMITS, type CatalogDescription } from '@motif/core-types';

export const SYMBOLS_RESOURCE_URI = 'motif://catalog/symbols';
export const DSL_RULES_RESOURCE_URI = 'motif://dsl/rules';

/** Examples valid in the built-in catalog (a spec validates each); other catalogs get none. */
export const BUILT_IN_DSL_EXAMPLES: ReadonlyArray<{ dsl: string; means: string }> = [
  { dsl: '§[δ×3, Ƀ[ᵬ×2]]', means: 'a Section with three DecoratedTexts and a ButtonList of two Buttons' },
  { dsl: '§[δ[ɨ]×2, Ƀ[ᵬ]]', means: 'two DecoratedTexts, each with an Icon, then one Button' },
  { dsl: 'Section[TextParagraph, ButtonList[Button x2]]', means: 'names work too, and x or * for ×' },
];
const BUILT_IN_CATALOG = 'google-chat-cards-v2';

/** The symbol table: what each DSL symbol means and what it may contain, as a Markdown table. */
export function symbolTable(catalog: CatalogDescription): string {
  const symbolOf = new Map(catalog.components.map((c) => [c.name, c.symbol]));
  const rows = catalog.components.map((c) => {
    const children = c.children.map((n) => `${symbolOf.get(n) ?? '?'} ${n}`).join(', ') || '—';
    return `| ${c.symbol} | ${c.name} | ${children} | ${c.wrapper ?? ''} |`;
  });
  return [
    `# ${catalog.name} (${catalog.id} ${catalog.version}): DSL symbols`,
    '',
    `Roots (where a structure may start): ${catalog.roots.map((r) => `${symbolOf.get(r) ?? '?'} ${r}`).join(', ')}.`,
    '',
    '| symbol | component | may contain | must sit in |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

/** The DSL grammar and the rules the validator applies, with examples when the catalog is the built-in one. */
export function dslRules(catalog: CatalogDescription): string {
  const wrapped = catalog.components.filter((c) => c.wrapper).map((c) => `${c.name} → ${c.wrapper}`);
  const lines = [
    '# Motif structure DSL',
    '',
    'A structure is a forest of components written with the catalog\'s symbols (or component names):',
    '',
    '```',
    "forest     := node (',' node)*",
    "node       := head multiplier? ('[' node (',' node)* ']')? multiplier?   -- at most one multiplier",
    'head       := symbol | ComponentName',
    `multiplier := ('×' | '*' | 'x') N                                        -- 1 ≤ N ≤ ${LIMITS.nodeCountMax}`,
    '```',
    '',
    '- `[…]` holds the children of a component; a multiplier repeats the node with its whole subtree.',
    `- A structure starts at a root: ${catalog.roots.join(', ')}.`,
    '- A child must be one the parent may contain (see the symbol table, motif://catalog/symbols); slot bounds apply (e.g. at most one button in a DecoratedText).',
    ...(wrapped.length ? [`- Some components must sit in a wrapper, never directly in a section: ${wrapped.join(', ')}.`] : []),
    `- At most ${LIMITS.structureMaxNodes} components (multipliers expanded) and ${LIMITS.structureMaxDepth} levels.`,
    '- Check a structure with the validate_structure tool: every issue comes with its path and a fix (e.g. NEEDS_WRAPPER: wrap Button in ButtonList).',
  ];
  if (catalog.id === BUILT_IN_CATALOG) {
    lines.push('', '## Examples', '', ...BUILT_IN_DSL_EXAMPLES.map((e) => `- \`${e.dsl}\`: ${e.means}`));
  }
  return lines.join('\n') + '\n';
}
