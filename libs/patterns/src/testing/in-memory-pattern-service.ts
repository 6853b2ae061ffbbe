import {
  MotifError,
  notFound,
  validationError,
  type BatchVariationsRequest,
  type CardsV2Message,
  type DslParseRequest,
  type FeedbackInput,
  type HealthReport,
  type ListPatternsQuery,
  type PatternInput,
  type RandomVariationQuery,
  type RecommendRequest,
  type RenderCardRequest,
  type SearchRequest,
  type StructureValidateRequest,
  type VariationRequest,
  type InstancePattern,
  type MotifStats,
  type ParsedStructure,
  type PatternService,
  type PatternVariation,
  type StoreManyOutcome,
  type VariationFamily,
} from '@motif/core-types';

/**
 * Test double of the `PatternService` port, for transport-layer specs (HTTP API, CLI) only. Like the real
 * service it takes what the edge parsed (so a transport that forgets to parse fails to compile) and keeps state in memory, so routing,
 * status codes, exit codes and output formats can be tested without stores, caches or catalogs.
 * Its search, variations and stats are canned, not the engine's: end-to-end specs use the real
 * `createMotifContainer`. Lives here (not in each app) because apps may not import each other.
 */
export class InMemoryPatternService implements PatternService {
  readonly patterns = new Map<string, InstancePattern>();
  readonly families = new Map<string, VariationFamily>();
  health_: HealthReport = { ready: true, components: [{ name: 'store', state: 'up' }, { name: 'cache.l1', state: 'up' }] };
  hits = 0;
  private seq = 0;

  constructor(readonly defaultNamespace = 'default') {}

  async store(v: PatternInput, namespace?: string) {
    const dsl = v.dsl ?? v.dslNotation ?? '§[δ]';
    if (dsl.includes('!')) throw new MotifError('INVALID_STRUCTURE', 'structure breaks the catalog', { details: { issues: [{ code: 'UNKNOWN_COMPONENT', path: 'Card', message: 'unknown component !' }] } });
    const ns = namespace ?? this.defaultNamespace;
    if (v.namespace !== undefined && v.namespace !== ns) throw validationError(`pattern: it names namespace '${v.namespace}' but is stored in '${ns}'`, [{ path: '/namespace', message: 'not the target namespace' }]);
    const existing = [...this.patterns.values()].find((p) => p.namespace === ns && p.description === v.description && p.dslNotation === dsl);
    if (existing) return { pattern: existing, created: false, repairs: [] };
    const now = new Date(Date.UTC(2026, 0, 1, 0, 0, this.seq)).toISOString();
    const id = v.patternId ?? `p_${(++this.seq).toString(16).padStart(24, '0')}`;
    const pattern: InstancePattern = {
      patternId: id, namespace: ns, catalogId: 'google-chat-cards-v2', tree: [{ component: 'Card', params: {} }], structure: [{ component: 'Card' }], componentPaths: ['Card'],
      instanceParams: v.instanceParams ?? {}, description: v.description, dslNotation: dsl, feedback: v.feedback ?? null,
      contentFeedback: v.feedback ?? null, formFeedback: v.feedback ?? null,
      feedbackCounts: { content: { positive: 0, negative: 0 }, form: { positive: 0, negative: 0 }, lastVoteAt: null },
      metadata: v.metadata ?? {}, tags: v.tags ?? [], createdAt: v.createdAt ?? now, updatedAt: v.updatedAt ?? now,
    };
    this.patterns.set(id, pattern);
    return { pattern, created: true, repairs: [] };
  }

  async storeMany(inputs: readonly PatternInput[], namespace?: string): Promise<StoreManyOutcome[]> {
    const out: StoreManyOutcome[] = [];
    for (const input of inputs) {
      try {
        out.push({ ok: true, result: await this.store(input, namespace) });
      } catch (error) {
        out.push({ ok: false, error: error as MotifError });
      }
    }
    return out;
  }

  async get(id: string, namespace?: string) {
    const p = this.patterns.get(id);
    if (!p || p.namespace !== (namespace ?? this.defaultNamespace)) throw notFound('pattern', id);
    return p;
  }

  async list(q: ListPatternsQuery, namespace?: string) {
    const ns = namespace ?? this.defaultNamespace;
    const all = [...this.patterns.values()].filter((p) => p.namespace === ns && (!q.feedback || q.feedback.includes(p.feedback ?? 'unrated')));
    const start = q.cursor ? Number(q.cursor) : 0;
    const items = all.slice(start, start + q.limit);
    return { items, nextCursor: start + q.limit < all.length ? String(start + q.limit) : null };
  }

  async delete(id: string, namespace?: string) {
    await this.get(id, namespace);
    this.patterns.delete(id);
  }

  async recordFeedback(id: string, v: FeedbackInput, namespace?: string) {
    const p = await this.get(id, namespace);
    const updated = { ...p, feedback: v.feedback, contentFeedback: v.feedback, formFeedback: v.feedback };
    this.patterns.set(id, updated);
    return updated;
  }

  async search(r: SearchRequest, namespace?: string) {
    const ns = namespace ?? this.defaultNamespace;
    const words = r.query.toLowerCase().split(/\s+/).filter(Boolean);
    const results = [...this.patterns.values()]
      .filter((p) => p.namespace === ns)
      .map((p) => ({ pattern: p, score: words.filter((w) => p.description.toLowerCase().includes(w)).length / Math.max(1, words.length) }))
      .filter((h) => h.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, r.limit);
    return { mode: r.mode, namespace: ns, results, tookMs: 0 };
  }

  async recommend(r: RecommendRequest, namespace?: string) {
    const ns = namespace ?? this.defaultNamespace;
    for (const id of r.positive) await this.get(id, ns);
    const results = [...this.patterns.values()].filter((p) => p.namespace === ns && !r.positive.includes(p.patternId) && !r.negative.includes(p.patternId)).slice(0, r.limit).map((pattern) => ({ pattern, score: 0.5 }));
    return { mode: 'hybrid' as const, namespace: ns, results, tookMs: 0 };
  }

  async generateVariations(id: string, o: VariationRequest, namespace?: string) {
    const source = await this.get(id, namespace);
    if (source.feedback === 'negative' && !o.force) throw new MotifError('PRECONDITION_FAILED', 'pattern has negative feedback; use force');
    const seed = String(o.seed ?? id);
    const mk = (index: number, type: PatternVariation['variationType']): PatternVariation => ({
      variationId: `${id}:v${index}`, variationType: type, index, tree: source.tree, structure: source.structure, componentPaths: source.componentPaths,
      instanceParams: { ...source.instanceParams, variant: index }, parentId: id, dslNotation: source.dslNotation,
      cacheKey: `motif:1:${source.namespace}:variation:${id}:v${index}`, operations: index === 0 ? [] : [`${type} #${index}`],
    });
    const variations = [mk(0, 'original')];
    for (let i = 0; i < o.structure; i++) variations.push(mk(variations.length, 'structure'));
    for (let i = 0; i < o.parameter; i++) variations.push(mk(variations.length, 'parameter'));
    const family: VariationFamily = {
      parentId: id, namespace: source.namespace, sourcePattern: source, variations, cacheKeys: variations.map((v) => v.cacheKey), seed,
      options: { structure: o.structure, parameter: o.parameter }, diversity: { distinctStructures: 1, edgeCoverage: 0.1, meanPairwiseDistance: 0 }, engineVersion: 'fake-1',
    };
    this.families.set(id, family);
    return family;
  }

  async getFamily(id: string, namespace?: string) {
    await this.get(id, namespace);
    const f = this.families.get(id);
    if (!f) throw notFound('variation family', id);
    this.hits++;
    return f;
  }

  async randomVariation(id: string, query: RandomVariationQuery, namespace?: string) {
    const f = await this.getFamily(id, namespace);
    const pool = f.variations.filter((v) => !query.type || v.variationType === query.type);
    if (pool.length === 0) throw notFound('variation', `${id}:${query.type}`);
    const n = [...(query.seed ?? 'x')].reduce((a, c) => a + c.charCodeAt(0), 0);
    return pool[n % pool.length];
  }

  async batchVariations(r: BatchVariationsRequest, namespace?: string) {
    const ns = namespace ?? this.defaultNamespace;
    const all = [...this.families.values()].filter((f) => f.namespace === ns).flatMap((f) => f.variations);
    const variations = r.cacheKeys.flatMap((k) => all.filter((v) => v.cacheKey === k));
    return { variations, missing: r.cacheKeys.filter((k) => !all.some((v) => v.cacheKey === k)) };
  }

  /** Canned: the stored pattern's id on an empty card (transport specs check routing, not rendering). */
  async renderCard(ref: RenderCardRequest, namespace?: string): Promise<CardsV2Message> {
    if ('patternId' in ref) {
      await this.get(ref.patternId, namespace);
      return { cardsV2: [{ cardId: ref.variationId ?? ref.patternId, card: { sections: [] } }] };
    }
    return { cardsV2: [{ cardId: 'inline', card: { sections: [] } }] };
  }

  parseDsl(r: DslParseRequest): ParsedStructure {
    if (r.dsl.includes('((')) throw new MotifError('DSL_SYNTAX', 'unexpected ( at 1', { details: { position: 1 } });
    return this.parsed(r.dsl);
  }

  validateStructure(r: StructureValidateRequest): ParsedStructure {
    return this.parsed(r.dsl ?? '§');
  }

  private parsed(dsl: string): ParsedStructure {
    const invalid = dsl.includes('!');
    return {
      structure: [{ component: 'Card' }], componentPaths: ['Card'], dsl, expanded: 'Card', repairs: [],
      validation: { valid: !invalid, issues: invalid ? [{ code: 'UNKNOWN_COMPONENT', path: 'Card', message: 'unknown component !' }] : [] },
    };
  }

  catalog() {
    return {
      // A slice of the real catalog, with its real symbols: examples written against the double run on the real CLI too.
      id: 'google-chat-cards-v2', version: '2', name: 'Google Chat cards', roots: ['Card'], acyclic: true,
      components: [
        { name: 'Card', symbol: '©', children: ['Section'], parameters: {} },
        { name: 'Section', symbol: '§', children: ['DecoratedText', 'ButtonList'], parameters: {} },
        { name: 'DecoratedText', symbol: 'δ', children: [], parameters: { text: { type: 'string' } } },
        { name: 'ButtonList', symbol: 'Ƀ', children: ['Button'], parameters: {} },
        { name: 'Button', symbol: 'ᵬ', children: [], parameters: {} },
      ],
    };
  }

  async *exportPatterns(namespace?: string) {
    for (const p of this.patterns.values()) if (p.namespace === (namespace ?? this.defaultNamespace)) yield p;
  }

  async stats(): Promise<MotifStats> {
    const latency = { p50: 1, p95: 2, p99: 3, unit: 'us' as const };
    return {
      store: { backend: 'embedded', patterns: this.patterns.size, families: this.families.size, embedder: { id: 'hashing-384', dimension: 384 }, location: '/tmp/x' },
      cache: { tiers: [
        { tier: 'l1', backend: 'lru-cache', state: 'up', hits: this.hits, misses: 2, hitRatio: 0.5, evictions: 0, errors: 0, entries: this.families.size, latency },
        { tier: 'l2', backend: 'embedded', state: 'up', hits: 1, misses: 1, hitRatio: 0.5, evictions: 0, errors: 0, latency },
      ] },
      catalog: { id: 'google-chat-cards-v2', components: 5, edges: 4 },
    };
  }

  async health() {
    return this.health_;
  }
}
