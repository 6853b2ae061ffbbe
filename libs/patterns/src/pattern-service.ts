import { randomBytes } from 'node:crypto';
import {
  applyVotes,
  CACHE_SCHEMA_VERSION,
  LIMITS,
  MotifError,
  validationError,
  isMotifError,
  notFound,
  parseCacheKey,
  type BatchVariationsRequest,
  type BatchVariationsResult,
  type CardTree,
  type CardsV2Message,
  type CatalogDescription,
  type Clock,
  type DslParseRequest,
  type FeedbackInput,
  type HealthReport,
  type InstancePattern,
  type ListPatternsQuery,
  type MotifConfig,
  type MotifStats,
  type Page,
  type ParsedStructure,
  type PatternInput,
  type PatternService,
  type PatternStore,
  type PatternVariation,
  type RandomSourceFactory,
  type RandomVariationQuery,
  type RecommendRequest,
  type RenderCardRequest,
  type SearchRequest,
  type SearchResponse,
  type StoreManyOutcome,
  type StoreResult,
  type StructureValidateRequest,
  type TieredCache,
  type VariationFamily,
  type VariationRequest,
} from '@motif/core-types';
import { countNodes, flattenTree, renderTree, structureDepth, StyledTextError, type Catalog, type ComponentGraph } from '@motif/dag';
import { pickRandomVariation, VARIATION_ENGINE_VERSION, type VariationEngine } from '@motif/variators';
import type { HybridSearcher, PatternIndexer } from '@motif/vector-store';
import { familyKey } from './family-keys';
import { votesFor } from './feedback-votes';
import { buildPattern } from './pattern-builder';
import { givenIdentityProblem, patternIdOf } from './pattern-identity';
import { invalidParams, type PatternShaper } from './pattern-shaper';
import type { StructureDeriver } from './structure-deriver';

export interface PatternServiceDeps {
  config: MotifConfig;
  clock: Clock;
  catalog: Catalog;
  graph: ComponentGraph;
  deriver: StructureDeriver;
  shaper: PatternShaper;
  store: PatternStore;
  indexer: PatternIndexer;
  searcher: HybridSearcher;
  cache: TieredCache<unknown>;
  engine: VariationEngine;
  random: RandomSourceFactory;
}

/** Writes go to the store in chunks of this size: one transaction each. */
const STORE_BATCH = 500;

/**
 * The one service behind the API, the CLI and the MCP tools. Its inputs come parsed by the edge (zod
 * schemas of core-types); it derives canonical structures through the catalog and keeps the store as the
 * source of truth: the cache only ever holds copies, dropped whenever the pattern changes.
 */
export class DefaultPatternService implements PatternService {
  constructor(private readonly deps: PatternServiceDeps) {}

  private ns(namespace?: string): string {
    return namespace ?? this.deps.config.namespace;
  }

  // ── patterns ───────────────────────────────────────────────────────────────

  private prepare(input: PatternInput, namespace: string | undefined, what: string): { pattern: InstancePattern; repairs: string[]; unknownFields: string[]; legacyId?: string } {
    const target = this.ns(namespace);
    // An exported pattern names its namespace; it is kept for a faithful export, never a second way to pick one.
    if (input.namespace !== undefined && input.namespace !== target) {
      throw validationError(`${what}: it names namespace '${input.namespace}' but is stored in '${target}'`, [
        { path: '/namespace', message: `'${input.namespace}' is not the target namespace '${target}': store it with --namespace ${input.namespace} (HTTP: ?namespace=${input.namespace}), or leave namespace out` },
      ]);
    }
    const shaped = this.deps.shaper.shape(input);
    const context = { namespace: target, catalogId: this.deps.catalog.id, now: this.deps.clock.now() };
    const pattern = buildPattern(input, { ...shaped, instanceParams: flattenTree(shaped.tree, this.deps.catalog) }, context);
    // Before params lived on nodes, the id hashed the flat params as sent: the same input stored
    // again must find that pattern rather than become a second one.
    const legacyId =
      input.instanceParams !== undefined
        ? patternIdOf({ namespace: context.namespace, catalogId: context.catalogId, dsl: shaped.dsl, instanceParams: input.instanceParams, description: input.description.trim() })
        : undefined;
    const problem = givenIdentityProblem(input, { patternId: pattern.patternId, catalogId: context.catalogId, legacyId });
    if (problem) throw validationError(`${what}: ${problem.message}`, [problem]);
    return {
      pattern,
      repairs: shaped.repairs,
      unknownFields: shaped.unknownFields,
      ...(legacyId !== undefined && legacyId !== pattern.patternId ? { legacyId } : {}),
    };
  }

  private async existingLegacy(namespace: string, legacyId: string | undefined): Promise<InstancePattern | undefined> {
    if (legacyId === undefined) return undefined;
    const found = await this.deps.store.get(namespace, legacyId);
    return found ? this.deps.shaper.upgrade(found) : undefined;
  }

  async store(input: PatternInput, namespace?: string): Promise<StoreResult> {
    const prepared = this.prepare(input, namespace, 'pattern');
    const { repairs, unknownFields, legacyId } = prepared;
    const legacy = await this.existingLegacy(prepared.pattern.namespace, legacyId);
    if (legacy) return { pattern: legacy, created: false, repairs };
    const { pattern, created } = await this.deps.store.put(await this.deps.indexer.toRecord(prepared.pattern));
    return { pattern: this.deps.shaper.upgrade(pattern), created, repairs, ...(unknownFields.length ? { unknownFields } : {}) };
  }

  async storeMany(inputs: readonly PatternInput[], namespace?: string): Promise<StoreManyOutcome[]> {
    const outcomes: StoreManyOutcome[] = new Array(inputs.length);
    const pending: Array<{ index: number; pattern: InstancePattern; repairs: string[]; unknownFields: string[]; legacyId?: string }> = [];
    inputs.forEach((raw, index) => {
      try {
        // No position in the message: the outcome's place says which input it was (the edge may have dropped some).
        pending.push({ index, ...this.prepare(raw, namespace, 'pattern') });
      } catch (error) {
        outcomes[index] = { ok: false, error: asMotifError(error) };
      }
    });
    for (let start = 0; start < pending.length; start += STORE_BATCH) {
      const chunk = pending.slice(start, start + STORE_BATCH);
      const fresh: typeof chunk = [];
      for (const c of chunk) {
        const legacy = await this.existingLegacy(c.pattern.namespace, c.legacyId);
        if (legacy) outcomes[c.index] = { ok: true, result: { pattern: legacy, created: false, repairs: c.repairs } };
        else fresh.push(c);
      }
      // One embedding batch per chunk: the model embeds a batch several times faster than one call per pattern.
      const records = await this.deps.indexer.toRecords(fresh.map((c) => c.pattern));
      const results = await this.deps.store.putMany(records);
      fresh.forEach((c, i) => {
        const unknown = c.unknownFields.length ? { unknownFields: c.unknownFields } : {};
        outcomes[c.index] = { ok: true, result: { ...results[i], pattern: this.deps.shaper.upgrade(results[i].pattern), repairs: c.repairs, ...unknown } };
      });
    }
    return outcomes;
  }

  async get(patternId: string, namespace?: string): Promise<InstancePattern> {
    const pattern = await this.deps.store.get(this.ns(namespace), patternId);
    if (!pattern) throw notFound('pattern', patternId);
    return this.deps.shaper.upgrade(pattern);
  }

  async list(q: ListPatternsQuery, namespace?: string): Promise<Page<InstancePattern>> {
    const page = await this.deps.store.list({
      namespace: this.ns(namespace),
      limit: q.limit,
      cursor: q.cursor,
      filter: {
        feedback: q.feedback,
        contentFeedback: q.contentFeedback,
        formFeedback: q.formFeedback,
        components: q.component ? { all: q.component.map((c) => this.deps.catalog.resolveName(c) ?? c) } : undefined,
        tags: q.tag,
      },
    });
    return { ...page, items: page.items.map((p) => this.deps.shaper.upgrade(p)) };
  }

  async delete(patternId: string, namespace?: string): Promise<void> {
    const ns = this.ns(namespace);
    // Read first: deleting the pattern deletes its family, and with it the list of keys to drop.
    const family = await this.deps.store.getFamily(ns, patternId);
    const deleted = await this.deps.store.delete(ns, patternId);
    if (!deleted) throw notFound('pattern', patternId);
    await this.dropCached(ns, patternId, family);
  }

  async recordFeedback(patternId: string, { feedback, dimension }: FeedbackInput, namespace?: string): Promise<InstancePattern> {
    const ns = this.ns(namespace);
    // The store refuses votes for a missing pattern with NOT_FOUND (part of its contract).
    const updated = await this.deps.store.addFeedback(ns, patternId, votesFor(feedback, dimension), this.deps.clock.now(), applyVotes);
    // Families embed their source pattern (variations do not): every process must stop serving the old copy.
    await this.dropCached(ns, patternId, null);
    return this.deps.shaper.upgrade(updated);
  }

  /**
   * Drops the family entry and, when given, the family's own variation keys: exact keys, one
   * DEL/UNLINK round trip, never a keyspace scan.
   */
  private async dropCached(namespace: string, patternId: string, family: Pick<VariationFamily, 'cacheKeys'> | null): Promise<void> {
    await this.deps.cache.delete([familyKey(namespace, patternId), ...(family?.cacheKeys ?? [])]);
  }

  // ── retrieval ──────────────────────────────────────────────────────────────

  async search(q: SearchRequest, namespace?: string): Promise<SearchResponse> {
    const parsed =
      q.dsl !== undefined || q.structure !== undefined ? this.deps.deriver.describe({ dsl: q.dsl, structure: q.structure }) : undefined;
    // An invalid query structure is still searched with, but never one over the size bounds: the
    // structure vector's text lists components with counts expanded, so a multiplier bomb
    // (§×1000[Ƀ×1000[ᵬ×1000]]) would exhaust memory.
    if (parsed && (countNodes(parsed.structure) > LIMITS.structureMaxNodes || structureDepth(parsed.structure) > LIMITS.structureMaxDepth)) {
      const path = q.dsl !== undefined ? '/dsl' : '/structure';
      throw new MotifError('VALIDATION_FAILED', `the query structure exceeds ${LIMITS.structureMaxNodes} components (counts expanded) or ${LIMITS.structureMaxDepth} levels`, {
        fieldErrors: [{ path, message: `at most ${LIMITS.structureMaxNodes} components (counts expanded) and ${LIMITS.structureMaxDepth} levels` }],
      });
    }
    return this.upgradeHits(await this.deps.searcher.search({
      query: q.query,
      dsl: parsed?.dsl,
      structure: parsed?.structure,
      namespace: this.ns(namespace),
      limit: q.limit,
      filter: this.resolveFilterComponents(q.filter),
      mode: q.mode,
      diversity: q.diversity,
      explain: q.explain,
    }));
  }

  private upgradeHits(response: SearchResponse): SearchResponse {
    return { ...response, results: response.results.map((hit) => ({ ...hit, pattern: this.deps.shaper.upgrade(hit.pattern) })) };
  }

  async recommend(q: RecommendRequest, namespace?: string): Promise<SearchResponse> {
    const ns = this.ns(namespace);
    const ids = [...q.positive, ...q.negative];
    const present = new Set((await this.deps.store.getMany(ns, ids)).map((p) => p.patternId));
    const missing = ids.find((id) => !present.has(id));
    if (missing) throw notFound('pattern', missing);
    return this.upgradeHits(await this.deps.searcher.recommend({ ...q, namespace: ns, filter: this.resolveFilterComponents(q.filter) }));
  }

  private resolveFilterComponents<F extends { components?: { all?: string[]; any?: string[]; none?: string[] } }>(filter: F): F {
    if (!filter.components) return filter;
    const r = (names?: string[]) => names?.map((n) => this.deps.catalog.resolveName(n) ?? n);
    const { all, any, none } = filter.components;
    return { ...filter, components: { all: r(all), any: r(any), none: r(none) } };
  }

  // ── variations ─────────────────────────────────────────────────────────────

  async generateVariations(patternId: string, options: VariationRequest, namespace?: string): Promise<VariationFamily> {
    const ns = this.ns(namespace);
    const pattern = await this.get(patternId, ns);
    const family = this.deps.engine.generate(pattern, options);
    // The family replaced here may have had more variations: its keys go too, not only the new ones.
    const previous = await this.deps.store.getFamily(ns, patternId);
    await this.deps.store.saveFamily(family);
    await this.dropCached(ns, patternId, previous);
    await this.cacheFamily(family);
    return family;
  }

  private async cacheFamily(family: VariationFamily): Promise<void> {
    await this.deps.cache.setMany([
      [familyKey(family.namespace, family.parentId), family],
      ...family.variations.map((v) => [v.cacheKey, v] as const),
    ]);
  }

  async getFamily(patternId: string, namespace?: string): Promise<VariationFamily> {
    const ns = this.ns(namespace);
    const cached = (await this.deps.cache.get(familyKey(ns, patternId))) as VariationFamily | undefined;
    if (cached && cached.engineVersion === VARIATION_ENGINE_VERSION) return this.upgradeFamily(cached);
    // One read of the pattern: it proves the pattern exists and is the copy the family serves
    // (feedback may have moved since the family was generated).
    const current = await this.get(patternId, ns);
    const stored = await this.deps.store.getFamily(ns, patternId);
    if (!stored) throw noFamilyYet(patternId);
    if (stored.engineVersion !== VARIATION_ENGINE_VERSION) return this.regenerate(current, stored);
    const family = this.upgradeFamily({ ...stored, sourcePattern: current });
    await this.cacheFamily(family);
    return family;
  }

  /**
   * A family made by another engine version is never served: today's engine generates it again with the
   * same seed and counts, and that is cached in its place (its old keys dropped). The store is left as it is
   * (a read never writes it; the next POST of the family replaces it). `force`: the family existed, so
   * feedback that turned negative since does not take it away.
   */
  private async regenerate(pattern: InstancePattern, stale: VariationFamily): Promise<VariationFamily> {
    const family = this.deps.engine.generate(pattern, { structure: stale.options.structure, parameter: stale.options.parameter, seed: stale.seed, force: true });
    await this.dropCached(family.namespace, family.parentId, stale);
    await this.cacheFamily(family);
    return family;
  }

  /** Families of `parentIds` whose cached or stored copy is of another engine version, regenerated (null: no family at all). */
  private async regenerateStale(ns: string, parentIds: readonly string[]): Promise<Map<string, VariationFamily | null>> {
    const out = new Map<string, VariationFamily | null>();
    if (parentIds.length === 0) return out;
    const cached = (await this.deps.cache.getMany(parentIds.map((id) => familyKey(ns, id)))) as Array<VariationFamily | undefined>;
    for (const [i, id] of parentIds.entries()) {
      const family = cached[i] ?? (await this.deps.store.getFamily(ns, id));
      if (!family || family.engineVersion === VARIATION_ENGINE_VERSION) continue;
      try {
        out.set(id, await this.getFamily(id, ns));
      } catch (error) {
        if (!(isMotifError(error) && error.code === 'NOT_FOUND')) throw error;
        out.set(id, null);
      }
    }
    return out;
  }

  private upgradeFamily(family: VariationFamily): VariationFamily {
    const { shaper } = this.deps;
    return { ...family, sourcePattern: shaper.upgrade(family.sourcePattern), variations: family.variations.map((v) => shaper.upgradeVariation(v)) };
  }

  /** Reads only: a pattern without a family answers NOT_FOUND (what: 'family'), as `getFamily` does. */
  async randomVariation(patternId: string, query: RandomVariationQuery, namespace?: string): Promise<PatternVariation> {
    const family = await this.getFamily(patternId, this.ns(namespace));
    const seed = query.seed ?? randomBytes(8).toString('hex');
    const variation = pickRandomVariation(family, { type: query.type, seed }, this.deps.random);
    if (!variation) throw new MotifError('NOT_FOUND', `pattern '${patternId}' has no variation of type '${query.type}'`, { details: { what: 'variation', id: patternId } });
    return variation;
  }

  /**
   * Serves only `namespace`'s variations: a key of another namespace is reported missing without
   * being looked up (keys are guessable, namespaces are the tenancy boundary).
   */
  async batchVariations({ cacheKeys }: BatchVariationsRequest, namespace?: string): Promise<BatchVariationsResult> {
    const ns = this.ns(namespace);
    const own = new Map<string, { id: string; version?: number }>();
    for (const key of cacheKeys) {
      const parts = parseCacheKey(key);
      if (parts && parts.kind === 'variation' && parts.namespace === ns && parts.schemaVersion === CACHE_SCHEMA_VERSION) own.set(key, parts);
    }
    const ownKeys = [...own.keys()];
    // A variation cached under another engine version is never served: its family is regenerated first.
    const regenerated = await this.regenerateStale(ns, [...new Set([...own.values()].map((p) => p.id))]);
    const found = new Map<string, PatternVariation>();
    for (const family of regenerated.values()) for (const v of family?.variations ?? []) if (own.has(v.cacheKey)) found.set(v.cacheKey, v);
    const lookup = ownKeys.filter((key) => !regenerated.has((own.get(key) as { id: string }).id));
    const cached = (await this.deps.cache.getMany(lookup)) as Array<PatternVariation | undefined>;
    const misses = new Map<string, Set<string>>(); // parent id → variation keys
    lookup.forEach((key, i) => {
      const hit = cached[i];
      if (hit) return void found.set(key, hit);
      const parts = own.get(key);
      if (!parts || parts.version === undefined) return;
      misses.set(parts.id, (misses.get(parts.id) ?? new Set<string>()).add(key));
    });
    const refill: Array<readonly [string, PatternVariation]> = [];
    for (const [parentId, keys] of misses) {
      let family = await this.deps.store.getFamily(ns, parentId);
      if (family && family.engineVersion !== VARIATION_ENGINE_VERSION) family = await this.getFamily(parentId, ns);
      for (const v of family?.variations ?? []) {
        if (keys.has(v.cacheKey)) {
          found.set(v.cacheKey, v);
          refill.push([v.cacheKey, v]);
        }
      }
    }
    if (refill.length) await this.deps.cache.setMany(refill);
    const variations: PatternVariation[] = [];
    const missing: string[] = [];
    for (const key of cacheKeys) {
      const v = found.get(key);
      if (v) variations.push(this.deps.shaper.upgradeVariation(v));
      else missing.push(key);
    }
    return { variations, missing };
  }

  // ── structure tools ────────────────────────────────────────────────────────

  async renderCard(request: RenderCardRequest, namespace?: string): Promise<CardsV2Message> {
    if ('patternId' in request) {
      const ref = request;
      const pattern = await this.get(ref.patternId, namespace);
      if (ref.variationId === undefined) return this.render(pattern.tree, pattern.patternId);
      const family = await this.getFamily(ref.patternId, namespace);
      const variation = family.variations.find((v) => v.variationId === ref.variationId);
      if (!variation) throw notFound('variation', ref.variationId);
      return this.render(variation.tree, variation.variationId.replace(/:/g, '-'));
    }
    const shaped = this.deps.shaper.shape(request);
    const id = patternIdOf({ namespace: 'inline', catalogId: this.deps.catalog.id, dsl: shaped.dsl, instanceParams: flattenTree(shaped.tree, this.deps.catalog), description: '' });
    return this.render(shaped.tree, `inline-${id.slice(2, 14)}`);
  }

  private render(tree: CardTree, cardId: string): CardsV2Message {
    try {
      return renderTree(tree, cardId, this.deps.catalog);
    } catch (error) {
      if (!(error instanceof StyledTextError)) throw error;
      throw invalidParams([{ code: 'INVALID_PARAM', path: 'card', pointer: '/card', message: error.message, fix: 'use literal text and the documented filters' }]);
    }
  }

  parseDsl({ dsl }: DslParseRequest): ParsedStructure {
    return this.deps.deriver.describe({ dsl });
  }

  validateStructure(source: StructureValidateRequest): ParsedStructure {
    const shaped = this.deps.shaper.describe(source);
    const checksParams = source.card !== undefined || source.instanceParams !== undefined;
    const { tree: _tree, unknownFields: _unknown, paramIssues, ...parsed } = shaped;
    if (!checksParams) return parsed;
    return { ...parsed, validation: { ...parsed.validation, valid: parsed.validation.valid && paramIssues.length === 0 }, paramIssues };
  }

  catalog(): CatalogDescription {
    const { catalog, graph } = this.deps;
    return {
      id: catalog.id,
      version: catalog.version,
      name: catalog.name,
      roots: catalog.roots,
      acyclic: graph.isAcyclic(),
      components: catalog.components().map((c) => ({
        name: c.name,
        symbol: c.symbol,
        children: graph.children(c.name),
        parameters: c.params,
        ...(c.wrapper ? { wrapper: c.wrapper } : {}),
      })),
    };
  }

  // ── operations ─────────────────────────────────────────────────────────────

  async *exportPatterns(namespace?: string): AsyncIterable<InstancePattern> {
    let cursor: string | undefined;
    do {
      const page = await this.deps.store.list({ namespace: this.ns(namespace), limit: 500, cursor, filter: {} });
      for (const item of page.items) yield this.deps.shaper.upgrade(item);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  async stats(): Promise<MotifStats> {
    return {
      store: await this.deps.store.stats(),
      cache: this.deps.cache.stats(),
      catalog: { id: this.deps.catalog.id, components: this.deps.catalog.components().length, edges: this.deps.graph.edges().length },
    };
  }

  async health(): Promise<HealthReport> {
    const components: HealthReport['components'] = [];
    try {
      await this.deps.store.ping();
      components.push({ name: `store:${this.deps.store.backend}`, state: 'up' });
    } catch (error) {
      components.push({ name: `store:${this.deps.store.backend}`, state: 'down', detail: (error as Error).message });
    }
    for (const tier of this.deps.cache.stats().tiers) {
      components.push({ name: `cache:${tier.tier}:${tier.backend}`, state: tier.state });
    }
    // The cache is an accelerator: a degraded tier is reported, but only the store decides readiness.
    return { ready: components[0].state === 'up', components };
  }
}

function noFamilyYet(patternId: string): MotifError {
  return new MotifError('NOT_FOUND', `pattern '${patternId}' has no variation family yet: generate one with POST /v1/patterns/${patternId}/variations (or motif vary ${patternId})`, {
    details: { what: 'family', id: patternId },
  });
}

function asMotifError(error: unknown): MotifError {
  if (error instanceof MotifError) return error;
  return new MotifError('INTERNAL', error instanceof Error ? error.message : String(error), { cause: error });
}
