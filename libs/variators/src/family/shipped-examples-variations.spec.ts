import { renderTree, structureOfTree } from '@motif/dag';
import { chatCardsEngine } from '../testing/dag-fixture';
import { messageProblems } from '../testing/card-v2-rules';
import { inventedValues, orphanParams } from '../testing/fact-audit';
import { shippedExamples } from '../testing/shipped-examples';

/**
 * Every variation of every shipped example (examples/cards/*.json and examples/example-patterns.jsonl),
 * rendered by the card renderer and checked by the independent Card v2 validator of the testing
 * subpath, which shares nothing with the catalog's param check the variator filters through.
 */
const { engine, catalog } = chatCardsEngine();
const examples = shippedExamples();
const SEEDS = ['examples-a', 'examples-b', 'examples-c'];

describe('variations of the shipped examples', () => {
  it('covers every shipped example', () => {
    expect(examples.length).toBeGreaterThanOrEqual(24);
  });

  it.each(examples.map((p) => [p.patternId, p] as const))('%s: every variation is a card Card v2 accepts, with no invented value and no orphan param', (_id, pattern) => {
    expect(messageProblems(renderTree(pattern.tree, pattern.patternId, catalog))).toEqual([]);
    let checked = 0;
    for (const seed of SEEDS) {
      const family = engine.generate(pattern, { structure: 8, parameter: 8, seed });
      for (const v of family.variations.slice(1)) {
        const message = renderTree(v.tree, v.variationId.replace(/:/g, '-'), catalog);
        const problems = messageProblems(message);
        if (problems.length > 0) throw new Error(`${v.variationId} (${v.operations.join('; ')}) is not a valid card: ${JSON.stringify(problems)}`);
        expect({ id: v.variationId, ops: v.operations, invented: inventedValues(pattern.tree, v.tree, catalog) }).toEqual({ id: v.variationId, ops: v.operations, invented: [] });
        expect(orphanParams(pattern.tree, v.tree, catalog)).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(SEEDS.length * 8);
  });
});

describe('the independent validator against the engine without its validity filter', () => {
  it('refuses some of what an unfiltered engine proposes for the same examples (the check can fail)', () => {
    const dag = chatCardsEngine();
    const passThrough = chatCardsEngine({
      check: (tree) => {
        const structure = structureOfTree(tree, dag.graph);
        return { ok: true, structure, dsl: dag.codec.format(structure, 'compact') };
      },
    }).engine;
    let refused = 0;
    for (const pattern of examples) {
      for (const seed of SEEDS) {
        for (const v of passThrough.generate(pattern, { structure: 8, parameter: 8, seed }).variations) {
          if (messageProblems(renderTree(v.tree, 'unfiltered', catalog)).length > 0) refused++;
        }
      }
    }
    expect(refused).toBeGreaterThan(0);
  });
});
