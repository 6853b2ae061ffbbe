import fc from 'fast-check';
import { MotifError, type Structure, type StructureNode } from '@motif/core-types';
import { loadCatalog } from './catalog/load-catalog';
import { ComponentGraph } from './graph/component-graph';
import { structureFromPaths } from './structure/structure-from-paths';
import { StructureValidator } from './validator/structure-validator';

// Hostile or random input never crashes the library: the validator always answers, structureFromPaths either
// builds a valid tree or throws a MotifError saying why.
const catalog = loadCatalog('google-chat-cards-v2');
const graph = new ComponentGraph(catalog);
const validator = new StructureValidator(graph);
const names = [...catalog.components().map((c) => c.name), 'Gizmo', ''];

const node: fc.Memo<StructureNode> = fc.memo((n) =>
  fc.record(
    {
      component: fc.constantFrom(...names),
      count: fc.oneof(fc.integer({ min: -2, max: 5 }), fc.constant(1.5)),
      field: fc.constantFrom('widgets', 'buttons', 'startIcon', 'nope'),
      children: n > 1 ? fc.array(node(n - 1), { maxLength: 5 }) : fc.constant([]),
    },
    { requiredKeys: ['component'] },
  ),
);

describe('robustness', () => {
  it('the validator answers every structure-shaped input with issues, never an exception', () => {
    fc.assert(
      fc.property(fc.array(node(5), { maxLength: 3 }), (s) => {
        const r = validator.validate(s as Structure);
        expect(r.valid).toBe(r.issues.length === 0);
        for (const issue of r.issues) {
          expect(issue.path.length).toBeGreaterThan(0);
          expect(issue.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('the validator survives arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const r = validator.validate((Array.isArray(v) ? v : [v]) as unknown as Structure);
        expect(typeof r.valid).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });

  it('structureFromPaths builds a valid tree or throws INVALID_STRUCTURE', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...names, 'ᵬ', 'decorated_text'), { maxLength: 25 }), (paths) => {
        try {
          const { structure } = structureFromPaths(paths, graph);
          expect(validator.validate(structure).valid).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(MotifError);
          expect((e as MotifError).code).toBe('INVALID_STRUCTURE');
          expect(((e as MotifError).details.issues as unknown[]).length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
