import {
  buildCacheKey,
  type CardTree,
  type InstancePattern,
  LIMITS,
  MotifError,
  type PatternVariation,
  type RandomSource,
  type RandomSourceFactory,
  REJECTION_REASONS,
  type RejectionReason,
  type RejectionReport,
  type Structure,
  type VariationFamily,
  type VariationOptions,
  type VariationType,
  validationError,
} from '@motif/core-types';
import { bindFlatParams, type Catalog, type ComponentGraph, componentPathsOf, type DslCodec, flattenTree, structureOfTree, type StructureValidator } from '@motif/dag';
import type { PresentationVariator } from '../tree/presentation-variator';
import { jsonEqual } from '../tree/json-equal';
import { stableStringify } from '../tree/stable-stringify';
import type { TreeStructureVariator } from '../tree/tree-structure-variator';
import { diversityOf } from './diversity';
import { type IssueBaseline, VariationCheck } from './variation-check';

/**
 * Bumped whenever the same inputs may give a different family (cached families carry it, and a family
 * of another version is regenerated, never served). 2.0.0: variations are card trees whose params move
 * with their nodes; parameter variations vary presentation only.
 */
export const VARIATION_ENGINE_VERSION = '2.0.0';

/** Proposals tried per wanted variation before the engine reports a shortfall instead of looping. */
const ATTEMPTS_PER_VARIATION = 8;
const MIN_ATTEMPTS = 16;

interface Proposal {
  tree: CardTree;
  operations: string[];
}

interface Accepted extends Proposal {
  type: Exclude<VariationType, 'original'>;
  structure: Structure;
  dsl: string;
}

/** The validity filter, replaceable only for tests that prove the independent validator catches what it lets through. */
export interface CandidateFilter {
  check: VariationCheck['check'];
}

/**
 * Builds variation families: v0 is the original, then `parameter` parameter variations of it,
 * `structure` structure variations, and min(structure, parameter) combined ones (a structure variation
 * with a parameter variation on top). Variations are card trees: params travel with their nodes.
 * Every candidate passes the validity filter (VariationCheck: structure, DSL round trip, params,
 * rendering) and is deduplicated on its DSL and tree; the family counts what was rejected and why.
 * All randomness comes from one seeded source forked per section, so the same pattern, seed and options
 * give a byte-identical family, and changing one count does not reshuffle the other sections.
 */
export class VariationEngine {
  private readonly checker: VariationCheck;
  private readonly filter: CandidateFilter;

  constructor(
    private readonly catalog: Catalog,
    private readonly graph: ComponentGraph,
    private readonly validator: StructureValidator,
    private readonly codec: DslCodec,
    private readonly randomFactory: RandomSourceFactory,
    private readonly structureVariator: TreeStructureVariator,
    private readonly parameterVariator: PresentationVariator,
    filter?: CandidateFilter,
  ) {
    this.checker = new VariationCheck(catalog, graph, validator, codec);
    this.filter = filter ?? this.checker;
  }

  generate(pattern: InstancePattern, options: VariationOptions): VariationFamily {
    const structureCount = checkCount(options.structure, 'structure');
    const parameterCount = checkCount(options.parameter, 'parameter');
    if (pattern.feedback === 'negative' && options.force !== true) {
      throw new MotifError(
        'PRECONDITION_FAILED',
        `pattern ${pattern.patternId} has negative feedback: no variations are generated for it unless forced (\`--force\` in the CLI, \`force: true\` over HTTP and MCP)`,
        { details: { patternId: pattern.patternId, feedback: pattern.feedback } },
      );
    }
    const check = this.validator.validate(pattern.structure);
    if (!check.valid) {
      throw new MotifError('INVALID_STRUCTURE', `pattern ${pattern.patternId} has an invalid structure; it cannot be varied`, {
        details: { patternId: pattern.patternId, issues: check.issues },
      });
    }
    const seed = options.seed === undefined ? `pattern:${pattern.patternId}` : String(options.seed);
    const root = this.randomFactory.create(seed);
    // Patterns stored before params lived on nodes carry no tree: bind their flat params once.
    const original: CardTree = Array.isArray(pattern.tree) ? pattern.tree : bindFlatParams(pattern.structure, pattern.instanceParams ?? {}, this.catalog).tree;
    const baseline: IssueBaseline = this.checker.baseline(original);
    const originalDsl = this.codec.format(structureOfTree(original, this.graph), 'compact');
    const seen = new SeenVariations();
    seen.add(originalDsl, original);
    const accepted: Accepted[] = [];
    const rejected = new Map<RejectionReason, number>(REJECTION_REASONS.map((r) => [r, 0]));
    const reject = (reason: RejectionReason): void => void rejected.set(reason, (rejected.get(reason) ?? 0) + 1);
    const combinedCount = Math.min(structureCount, parameterCount);

    const fill = (type: Accepted['type'], want: number, rng: RandomSource, propose: (rng: RandomSource, attempt: number) => Proposal | 'unfillable' | null): number => {
      let got = 0;
      const budget = want * ATTEMPTS_PER_VARIATION + MIN_ATTEMPTS;
      for (let attempt = 0; got < want && attempt < budget; attempt++) {
        const c = propose(rng, attempt);
        if (c === null) continue;
        if (c === 'unfillable') {
          reject('unfillable');
          continue;
        }
        let duplicate: boolean | undefined;
        let askedDsl = '';
        const result = this.filter.check(c.tree, baseline, (dsl) => {
          askedDsl = dsl;
          return (duplicate = seen.has(dsl, c.tree));
        });
        if (!result.ok) {
          reject(result.reason);
          continue;
        }
        // A filter that skips the duplicate question (a test's) still gets deduplicated here.
        if (duplicate ?? seen.has(result.dsl, c.tree)) {
          reject('duplicate');
          continue;
        }
        seen.add(duplicate === undefined ? result.dsl : askedDsl, c.tree);
        accepted.push({ ...c, type, structure: result.structure, dsl: result.dsl });
        got++;
      }
      return got;
    };

    let produced = fill('parameter', parameterCount, root.fork('parameter'), (rng) => {
      const p = this.parameterVariator.vary(original, rng);
      return p.operations.length === 0 ? null : p;
    });
    produced += fill('structure', structureCount, root.fork('structure'), (rng, attempt) => this.structureCandidate(original, rng, attempt, structureCount));
    produced += fill('combined', combinedCount, root.fork('combined'), (rng, attempt) => {
      const s = this.structureCandidate(original, rng, attempt, combinedCount);
      if (s === null || s === 'unfillable') return s;
      const p = this.parameterVariator.vary(s.tree, rng);
      if (p.operations.length === 0) return null;
      return { tree: p.tree, operations: [...s.operations, ...p.operations] };
    });

    const parentId = pattern.patternId;
    const namespace = pattern.namespace;
    const variations: PatternVariation[] = [
      {
        variationId: `${parentId}:v0`,
        variationType: 'original',
        index: 0,
        tree: original,
        structure: pattern.structure,
        componentPaths: pattern.componentPaths,
        instanceParams: pattern.instanceParams,
        parentId,
        dslNotation: pattern.dslNotation,
        cacheKey: buildCacheKey({ namespace, kind: 'variation', id: parentId, version: 0 }),
        operations: [],
      },
    ];
    accepted.forEach((c, i) => {
      const index = i + 1;
      variations.push({
        variationId: `${parentId}:v${index}`,
        variationType: c.type,
        index,
        tree: c.tree,
        structure: c.structure,
        componentPaths: componentPathsOf(c.structure),
        instanceParams: flattenTree(c.tree, this.catalog),
        parentId,
        dslNotation: c.dsl,
        cacheKey: buildCacheKey({ namespace, kind: 'variation', id: parentId, version: index }),
        operations: c.operations,
      });
    });
    const reasons = Object.fromEntries(rejected) as RejectionReport['reasons'];
    return {
      parentId,
      namespace,
      sourcePattern: pattern,
      variations,
      cacheKeys: variations.map((v) => v.cacheKey),
      seed,
      options: { structure: structureCount, parameter: parameterCount },
      diversity: diversityOf(
        variations.map((v) => v.structure),
        this.graph,
        // The DSL says what the structure says (the filter checked it parses back): it is the structure's identity.
        [originalDsl, ...accepted.map((c) => c.dsl)],
      ),
      engineVersion: VARIATION_ENGINE_VERSION,
      shortfall: structureCount + parameterCount + combinedCount - produced,
      rejected: { total: Object.values(reasons).reduce((a, b) => a + b, 0), reasons },
    };
  }

  /**
   * One structure variation of the original tree. Usually one operation; once the nearby variations are
   * used up (many duplicates), up to three chained operations reach further.
   */
  private structureCandidate(original: CardTree, rng: RandomSource, attempt: number, want: number): Proposal | 'unfillable' | null {
    const steps = Math.min(3, 1 + Math.floor(attempt / Math.max(2, want * 2)));
    let tree = original;
    const operations: string[] = [];
    for (let i = 0; i < steps; i++) {
      const v = this.structureVariator.vary(tree, rng);
      if (typeof v === 'string') {
        if (operations.length === 0) return v === 'unfillable' ? 'unfillable' : null;
        break;
      }
      tree = v.tree;
      operations.push(...v.operations);
    }
    return operations.length === 0 ? null : { tree, operations };
  }
}

/**
 * Identity of a variation: its DSL and its tree's JSON (plain JSON: the variators write the params they change
 * in one order, sorted, so equal trees have equal JSON). Kept by DSL, so a candidate whose DSL is new is not
 * serialised at all, and trees of the same DSL are compared with jsonEqual, which stops at shared subtrees.
 */
class SeenVariations {
  private readonly byDsl = new Map<string, CardTree[]>();

  has(dsl: string, tree: CardTree): boolean {
    const trees = this.byDsl.get(dsl);
    if (trees === undefined) return false;
    for (const t of trees) if (jsonEqual(t, tree)) return true;
    return false;
  }

  add(dsl: string, tree: CardTree): void {
    const trees = this.byDsl.get(dsl);
    if (trees === undefined) this.byDsl.set(dsl, [tree]);
    else trees.push(tree);
  }
}

function checkCount(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > LIMITS.variationsMax) {
    throw validationError(`${name} must be a whole number between 0 and ${LIMITS.variationsMax}`, [
      { path: `/${name}`, message: `expected an integer in [0, ${LIMITS.variationsMax}], got ${String(value)}` },
    ]);
  }
  return value;
}

export { stableStringify };
