import {
  buildCacheKey,
  type InstancePattern,
  LIMITS,
  MotifError,
  type PatternVariation,
  type RandomSource,
  type RandomSourceFactory,
  type Structure,
  type VariationFamily,
  type VariationOptions,
  type VariationType,
  validationError,
} from '@motif/core-types';
import { bindFlatParams, type ComponentGraph, componentPathsOf } from '@motif/dag';
import type { CatalogLike, StructureValidatorLike } from '../dag-ports';
import type { ParameterVariator } from '../params/parameter-variator';
import { CanonicalFormatter } from '../structure/canonical-form';
import type { StructureVariator } from '../structure/structure-variator';
import { diversityOf } from './diversity';
import { listsFollowCounts } from './list-follows-count';

/** Bumped whenever the same inputs may give a different family (cached families carry it). */
export const VARIATION_ENGINE_VERSION = '1.0.0';

/** Proposals tried per wanted variation before the engine reports a shortfall instead of looping. */
const ATTEMPTS_PER_VARIATION = 8;
const MIN_ATTEMPTS = 16;

interface Candidate {
  type: Exclude<VariationType, 'original'>;
  structure: Structure;
  params: Record<string, unknown>;
  operations: string[];
  /** Compact DSL of the canonical structure, set when the candidate is accepted. */
  dsl?: string;
}

/**
 * Builds variation families: v0 is the original, then `parameter` parameter variations of it,
 * `structure` structure variations (list parameters follow the counts), and min(structure, parameter)
 * combined ones (a new structure with new parameters). Every structure is validated by dag's validator;
 * no two variations are equal (canonical structure + parameters), none equals the original.
 * All randomness comes from one seeded source forked per section, so the same pattern, seed and options
 * give a byte-identical family, and changing one count does not reshuffle the other sections.
 */
export class VariationEngine {
  private readonly canonical: CanonicalFormatter;

  constructor(
    private readonly catalog: CatalogLike,
    private readonly graph: ComponentGraph,
    private readonly validator: StructureValidatorLike,
    private readonly randomFactory: RandomSourceFactory,
    private readonly structureVariator: StructureVariator,
    private readonly parameterVariator: ParameterVariator,
  ) {
    this.canonical = new CanonicalFormatter(graph);
  }

  generate(pattern: InstancePattern, options: VariationOptions): VariationFamily {
    const structureCount = checkCount(options.structure, 'structure');
    const parameterCount = checkCount(options.parameter, 'parameter');
    if (pattern.feedback === 'negative' && options.force !== true) {
      throw new MotifError(
        'PRECONDITION_FAILED',
        `pattern ${pattern.patternId} has negative feedback: no variations are generated for it unless you pass force`,
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
    const original = pattern.structure;
    const seen = new Set<string>([this.keyOf(this.canonical.of(original).key, pattern.instanceParams)]);
    const accepted: Candidate[] = [];
    const combinedCount = Math.min(structureCount, parameterCount);

    const fill = (type: Candidate['type'], want: number, rng: RandomSource, propose: (rng: RandomSource, attempt: number) => Candidate | null): number => {
      let got = 0;
      const budget = want * ATTEMPTS_PER_VARIATION + MIN_ATTEMPTS;
      for (let attempt = 0; got < want && attempt < budget; attempt++) {
        const c = propose(rng, attempt);
        if (!c) continue;
        const form = this.canonical.of(c.structure);
        const key = this.keyOf(form.key, c.params);
        if (seen.has(key)) continue;
        seen.add(key);
        accepted.push({ ...c, type, structure: form.structure, dsl: form.dsl });
        got++;
      }
      return got;
    };

    const params = pattern.instanceParams;
    let produced = fill('parameter', parameterCount, root.fork('parameter'), (rng) => {
      const p = this.parameterVariator.vary(params, rng, { structure: original });
      return p.operations.length === 0 ? null : { type: 'parameter', structure: original, params: p.params, operations: p.operations };
    });
    produced += fill('structure', structureCount, root.fork('structure'), (rng, attempt) => this.structureCandidate(original, params, rng, attempt, structureCount));
    produced += fill('combined', combinedCount, root.fork('combined'), (rng, attempt) => {
      const s = this.structureCandidate(original, params, rng, attempt, combinedCount);
      if (!s) return null;
      const p = this.parameterVariator.vary(s.params, rng, { structure: s.structure });
      if (p.operations.length === 0) return null;
      return { type: 'combined', structure: s.structure, params: p.params, operations: [...s.operations, ...p.operations] };
    });

    const parentId = pattern.patternId;
    const namespace = pattern.namespace;
    const variations: PatternVariation[] = [
      {
        variationId: `${parentId}:v0`,
        variationType: 'original',
        index: 0,
        tree: pattern.tree,
        structure: original,
        componentPaths: pattern.componentPaths,
        instanceParams: params,
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
        tree: bindFlatParams(c.structure, c.params, this.graph.catalog).tree,
        structure: c.structure,
        componentPaths: componentPathsOf(c.structure),
        instanceParams: c.params,
        parentId,
        // The canonical form's DSL is DslCodec.format(structure, 'compact') already: no second formatting pass.
        dslNotation: c.dsl as string,
        cacheKey: buildCacheKey({ namespace, kind: 'variation', id: parentId, version: index }),
        operations: c.operations,
      });
    });

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
      ),
      engineVersion: VARIATION_ENGINE_VERSION,
      shortfall: structureCount + parameterCount + combinedCount - produced,
    };
  }

  /**
   * One structure variation of the original with its lists resized. Usually one operation; once the
   * nearby variations are used up (many duplicates), up to three chained operations reach further.
   */
  private structureCandidate(original: Structure, params: Record<string, unknown>, rng: RandomSource, attempt: number, want: number): Candidate | null {
    const steps = Math.min(3, 1 + Math.floor(attempt / Math.max(2, want * 2)));
    let structure = original;
    const operations: string[] = [];
    for (let i = 0; i < steps; i++) {
      const v = this.structureVariator.vary(structure, rng);
      if (!v) break;
      structure = v.structure;
      operations.push(...v.operations);
    }
    if (operations.length === 0) return null;
    const follow = listsFollowCounts(params, original, structure, this.catalog);
    return { type: 'structure', structure, params: follow.params, operations: [...operations, ...follow.operations] };
  }

  /** Identity of a variation: canonical structure key plus parameters with sorted keys. */
  private keyOf(structureKey: string, params: Record<string, unknown>): string {
    return `${structureKey}\u0000${stableStringify(params)}`;
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

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` are the same parameters. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(obj[k])}`).join(',')}}`;
}
