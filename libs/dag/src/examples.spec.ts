import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from './catalog/load-catalog';
import { DslCodec } from './dsl/dsl-codec';
import { ComponentGraph } from './graph/component-graph';
import { componentPathsOf } from './structure/structure-metrics';
import { structureFromPaths } from './structure/structure-from-paths';
import { StructureValidator } from './validator/structure-validator';

// Every example pattern users already send (examples/example-patterns.jsonl, a verbatim copy of the domain reference).
const examples = readFileSync(join(__dirname, '..', '..', '..', 'examples', 'example-patterns.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim().length > 0)
  .map((l) => JSON.parse(l) as { description: string; dsl?: string; componentPaths?: string[] });

const catalog = loadCatalog('google-chat-cards-v2');
const graph = new ComponentGraph(catalog);
const validator = new StructureValidator(graph);
const codec = new DslCodec(catalog, graph);

describe('reference example patterns', () => {
  it('has both DSL and componentPaths examples', () => {
    expect(examples.filter((e) => e.dsl).length).toBeGreaterThan(5);
    expect(examples.filter((e) => e.componentPaths).length).toBeGreaterThan(1);
  });

  it.each(examples.map((e) => [e.description, e]))('%s', (_d, example) => {
    if (example.dsl !== undefined) {
      const structure = codec.parse(example.dsl);
      expect(validator.validate(structure)).toEqual({ valid: true, issues: [] });
      // canonical compact form of an already-canonical example is the example itself
      expect(codec.format(structure)).toBe(example.dsl);
    } else {
      const { structure, repairs } = structureFromPaths(example.componentPaths as string[], graph);
      expect(repairs).toEqual([]);
      expect(validator.validate(structure).valid).toBe(true);
      expect(componentPathsOf(structure)).toEqual(example.componentPaths);
    }
  });
});
