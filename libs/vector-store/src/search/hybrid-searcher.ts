import {
  DENSE_VECTOR_NAMES,
  notFound,
  validationError,
  type DenseVectorName,
  type Embedder,
  type EmbedderSet,
  type InstancePattern,
  type PatternStore,
  type PatternVectors,
  type RecommendQuery,
  type SearchExplanation,
  type SearchHit,
  type SearchMode,
  type SearchQuery,
  type SearchResponse,
  type SignalContribution,
  type SignalName,
  type StoreSearchHit,
  type StoreSearchRequest,
  type Structure,
} from '@motif/core-types';
import { structureSimilarity } from '@motif/dag';
import { asEmbedderSet } from '../embedding/embedder-set';
import { LexicalEncoder } from '../embedding/lexical-encoder';
import { structureText } from '../embedding/pattern-embedding-text';
import { feedbackPrior, MAX_FEEDBACK_PRIOR } from '../feedback/feedback-prior';
import { mmrOrder } from './mmr';

export interface HybridSearcherOptions {
  /** RRF constant k (config `search.rrfK`; default: tuned for the embedder, see `defaultFusion`). */
  rrfK?: number;
  /** Candidates per signal; default max(50, 5 × limit). */
  prefetchLimit?: number;
  /** DSL → structure (the service passes `DslCodec.parse`); without it a DSL feeds the structure vector as text only. */
  parseDsl?: (dsl: string) => Structure;
  /** Structural similarity; defaults to Motif's one notion of it, libs/dag's `structureSimilarity`. */
  structureSimilarity?: (a: Structure, b: Structure) => number;
  lexical?: LexicalEncoder;
  /** Per-signal RRF weights (see DEFAULT_SIGNAL_WEIGHTS). */
  weights?: Partial<SignalWeights>;
  /** A dense hit scoring below this cosine is noise, not evidence: it adds nothing to the fused score. */
  minDenseScore?: number;
  /** …nor does one scoring below this share of the best hit of the same signal. */
  relativeDenseFloor?: number;
}

export type SignalWeights = Record<SignalName | 'structural', number>;

/**
 * Fusion settings chosen per embedder on the tuning split of tools/eval only (hybrid mode, best MRR over a grid of
 * description/params/lexical weights, RRF k and relative dense floor; `npm run eval -- --tune`). docs/eval.md
 * reports them on the held-out split.
 */
export interface FusionDefaults {
  weights: SignalWeights;
  rrfK: number;
  relativeDenseFloor: number;
}

/** The hashing embedder (tuning split, 202 queries: recall@1 63.9 %, MRR 0.710). */
export const HASHING_FUSION: FusionDefaults = {
  weights: { description: 1, params: 0.25, structure: 1, lexical: 1.5, structural: 1 },
  rrfK: 10,
  relativeDenseFloor: 0.5,
};
/**
 * The use-lite sentence model behind the description vector (tuning split: recall@1 74.3 %, MRR 0.818). The params
 * vector (hashed `key=value` text) adds nothing a sentence query can use once the model reads the description.
 */
export const USE_LITE_FUSION: FusionDefaults = {
  weights: { description: 2, params: 0, structure: 1, lexical: 1.5, structural: 1 },
  rrfK: 10,
  relativeDenseFloor: 0,
};

/** Weights of the hashing embedder. */
export const DEFAULT_SIGNAL_WEIGHTS: SignalWeights = HASHING_FUSION.weights;
/** Weights with the use-lite sentence model. */
export const USE_LITE_SIGNAL_WEIGHTS: SignalWeights = USE_LITE_FUSION.weights;

/** The tuned fusion settings for the embedder set that built the store. */
export const defaultFusion = (embedderId: string): FusionDefaults => (embedderId.startsWith('use-lite-') ? USE_LITE_FUSION : HASHING_FUSION);
/** The tuned weights for the embedder set that built the store. */
export const defaultSignalWeights = (embedderId: string): SignalWeights => defaultFusion(embedderId).weights;
export const DEFAULT_MIN_DENSE_SCORE = 0.05;
/** The hashing embedder's relative dense floor (see `defaultFusion` for the per-embedder value). */
export const DEFAULT_RELATIVE_DENSE_FLOOR = HASHING_FUSION.relativeDenseFloor;
/**
 * A lexical hit scoring under this is a match with no score: BM25 (as FTS5's `bm25()` does) floors the IDF of a
 * term found in half the documents or more at 1e-6, so such a hit scores ~1e-6 per term. It is no evidence and
 * does not enter the fusion (it used to take a rank and push real matches down).
 */
export const MIN_LEXICAL_SCORE = 1e-4;

interface Scored {
  hit: StoreSearchHit;
  pattern: InstancePattern;
  structural?: SignalContribution;
  relevance: number;
  prior: number;
  score: number;
}

/**
 * The one place search results are fused. Picks the signals per mode; the store returns each signal's top
 * `prefetchLimit` (ranks and scores, no fusion). Here: weighted RRF over that union (a dense hit under
 * `minDenseScore` or under `relativeDenseFloor` × the signal's best score adds nothing), the best
 * max(4 × limit, 50) form the pool. With a structure, the whole pool is loaded (`getMany`) and re-fused with
 * structural similarity as a further signal; without one, it is loaded in order until no later candidate can make
 * the results (`scoreUntilSettled`). Each is scored:
 *   score = relevance × prior, where
 *   relevance = Σ_signals w_s/(k + rank_s)  ÷  (Σ_signals w_s × 1/(k + 1))   — 1 when first everywhere
 *   prior     = feedbackPrior(counts)                                               — 0.75 when unrated
 * Optional MMR (λ = diversity) reorders by description-vector novelty without changing the scores.
 */
export class HybridSearcher {
  readonly rrfK: number;
  private readonly lexical: LexicalEncoder;
  private readonly similarity: (a: Structure, b: Structure) => number;
  private readonly weights: SignalWeights;
  private readonly minDense: number;
  private readonly relativeFloor: number;
  private readonly embedders: EmbedderSet;

  constructor(
    private readonly store: PatternStore,
    embedders: Embedder | EmbedderSet,
    private readonly options: HybridSearcherOptions = {},
  ) {
    this.embedders = asEmbedderSet(embedders);
    const tuned = defaultFusion(this.embedders.id);
    this.rrfK = options.rrfK ?? tuned.rrfK;
    this.lexical = options.lexical ?? new LexicalEncoder();
    this.similarity = options.structureSimilarity ?? structureSimilarity;
    this.weights = { ...tuned.weights, ...options.weights };
    this.minDense = options.minDenseScore ?? DEFAULT_MIN_DENSE_SCORE;
    this.relativeFloor = options.relativeDenseFloor ?? tuned.relativeDenseFloor;
  }

  async search(query: SearchQuery & { structure?: Structure }): Promise<SearchResponse> {
    const t0 = performance.now();
    const structure = query.structure ?? (query.dsl && this.options.parseDsl ? this.options.parseDsl(query.dsl) : undefined);
    // "mode structure needs a shape" is SearchRequestSchema's rule (checked at the edge); without one, no signal runs.
    const hasShape = structure !== undefined || Boolean(query.dsl);
    const text = query.query.trim();
    const embedsText = text !== '' && (query.mode === 'hybrid' || query.mode === 'semantic');
    const lexical: StoreSearchRequest['lexical'] = text && (query.mode === 'hybrid' || query.mode === 'lexical') ? { sparse: this.lexical.encode(text) } : undefined;
    // The lexical half needs no embedding: while the embedder works (a model call; in a one-shot CLI, the model's
    // load), the store already ranks BM25, and the dense half follows. The same request either way, in two parts.
    const early = lexical && embedsText && lexical.sparse.indices.length > 0 ? this.store.search(this.storeRequest(query, {}, lexical, [])) : undefined;
    early?.catch(() => undefined); // awaited in `run`; an embedding that fails first must not leave it unhandled
    const dense: StoreSearchRequest['dense'] = {};
    const { description, params, structure: shape } = this.embedders;
    // A signal of weight 0 cannot change a score: it is not embedded, not searched (use-lite's params vector).
    const w = this.weights;
    if (embedsText) {
      const wantParams = w.params !== 0;
      const [d, p] = await Promise.all([description.embed(text), wantParams && params !== description ? params.embed(text) : undefined]);
      dense.description = d;
      if (wantParams) dense.params = p ?? d;
    }
    if (hasShape && query.mode !== 'lexical') {
      dense.structure = await shape.embed(structure ? structureText(structure, query.dsl ?? '') : (query.dsl ?? ''));
    }
    const useStructural = structure !== undefined && query.mode !== 'lexical';
    const results = await this.run(query, dense, early ? { hits: early } : lexical, useStructural ? structure : undefined, []);
    return { mode: query.mode, namespace: query.namespace, results, tookMs: performance.now() - t0 };
  }

  /**
   * Recommend: per named dense vector, query = mean(positive examples) − mean(negative examples), normalised;
   * the examples themselves are excluded. No lexical signal.
   */
  async recommend(query: RecommendQuery): Promise<SearchResponse> {
    const t0 = performance.now();
    if (query.positive.length === 0) throw validationError('recommend needs at least one positive example', [{ path: '/positive', message: 'empty' }]);
    const load = async (ids: readonly string[]): Promise<PatternVectors[]> =>
      Promise.all(
        ids.map(async (id) => {
          const v = await this.store.getVectors(query.namespace, id);
          if (!v) throw notFound('pattern', id);
          return v;
        }),
      );
    const [pos, neg] = await Promise.all([load(query.positive), load(query.negative)]);
    const dense: StoreSearchRequest['dense'] = {};
    for (const name of DENSE_VECTOR_NAMES) dense[name] = combine(pos.map((v) => v[name]), neg.map((v) => v[name]));
    const results = await this.run(
      { namespace: query.namespace, limit: query.limit, filter: query.filter, explain: query.explain },
      dense,
      undefined,
      undefined,
      [...query.positive, ...query.negative],
    );
    return { mode: 'semantic', namespace: query.namespace, results, tookMs: performance.now() - t0 };
  }

  private storeRequest(
    query: Pick<SearchQuery, 'namespace' | 'limit' | 'filter'>,
    dense: StoreSearchRequest['dense'],
    lexical: StoreSearchRequest['lexical'],
    excludeIds: string[],
  ): StoreSearchRequest {
    const limit = Math.max(1, query.limit);
    return { namespace: query.namespace, prefetchLimit: this.options.prefetchLimit ?? Math.max(50, limit * 5), dense, lexical, filter: query.filter, excludeIds };
  }

  /** `lexical`: the sparse query, or the store's lexical hits already asked for (see `search`). */
  private async run(
    query: Pick<SearchQuery, 'namespace' | 'limit' | 'filter' | 'explain' | 'diversity'>,
    dense: StoreSearchRequest['dense'],
    lexical: StoreSearchRequest['lexical'] | { hits: Promise<StoreSearchHit[]> },
    structure: Structure | undefined,
    excludeIds: string[],
  ): Promise<SearchHit[]> {
    const limit = Math.max(1, query.limit);
    const used = [...(Object.keys(dense) as SignalName[]), ...(lexical ? (['lexical'] as const) : [])];
    if (used.length === 0) return [];
    const asked = lexical && 'hits' in lexical ? lexical.hits : undefined;
    const sparse = lexical && 'sparse' in lexical ? lexical : undefined;
    const parts = await Promise.all([
      Object.keys(dense).length > 0 || sparse ? this.store.search(this.storeRequest(query, dense, sparse, excludeIds)) : [],
      asked ?? [],
    ]);
    const hits = parts[1].length > 0 ? mergeHits(parts[0], parts[1]) : parts[0];
    const k = this.rrfK;
    const w = this.weights;
    const floor = {} as Record<SignalName, number>;
    for (const name of used) {
      const top = Math.max(0, ...hits.map((h) => h.signals[name]?.score ?? 0));
      floor[name] = name === 'lexical' ? MIN_LEXICAL_SCORE : Math.max(this.minDense, this.relativeFloor * top);
    }
    /** Weighted RRF of the store's signals (plus the structural term, added first, when given). */
    const fuse = (hit: StoreSearchHit, st?: SignalContribution): number => {
      let rrf = st ? w.structural / (k + st.rank) : 0;
      for (const name of used) {
        const c = hit.signals[name];
        if (!c || c.score < floor[name]) continue;
        rrf += w[name] / (k + c.rank);
      }
      return rrf;
    };
    // The pool: the best candidates by the store's signals. Without a structure, one no signal supports cannot score
    // and is left out; with one, structural similarity may still lift it.
    const poolSize = Math.max(limit * 4, 50);
    const ranked = hits
      .map((hit) => ({ hit, rrf: fuse(hit) }))
      .filter((c) => structure !== undefined || c.rrf > 0)
      .sort((a, b) => b.rrf - a.rrf || (a.hit.patternId < b.hit.patternId ? -1 : a.hit.patternId > b.hit.patternId ? 1 : 0))
      .slice(0, poolSize);
    const best = (used.reduce((sum, s) => sum + w[s], 0) + (structure ? w.structural : 0)) / (k + 1);
    let scored: Scored[] = structure
      ? await this.scoreWithStructure(query.namespace, ranked, structure, fuse, best)
      : await this.scoreUntilSettled(query.namespace, ranked, best, query.diversity !== undefined ? limit * 3 : limit, limit);
    // A candidate no signal supports (every dense score under its floor, no BM25 match) is noise,
    // not a weak result: it is not returned with a score of 0.
    scored = scored.filter((s) => s.relevance > 0);
    scored.sort((a, b) => b.score - a.score || (a.pattern.patternId < b.pattern.patternId ? -1 : 1));
    if (query.diversity !== undefined) {
      const head = scored.slice(0, Math.max(limit * 3, limit));
      const vectors = await Promise.all(head.map((s) => this.store.getVectors(query.namespace, s.pattern.patternId)));
      const order = mmrOrder(
        head.map((s, i) => ({ relevance: s.score, vector: vectors[i]?.description ?? null })),
        Math.min(1, Math.max(0, query.diversity)),
        limit,
      );
      scored = order.map((i) => head[i]);
    }
    return scored.slice(0, limit).map((s) => ({
      pattern: s.pattern,
      score: s.score,
      ...(query.explain ? { explanation: this.explain(s) } : {}),
    }));
  }

  /** The whole pool loaded: structural similarity ranks every candidate against the others, then re-fuses. */
  private async scoreWithStructure(
    namespace: string,
    ranked: readonly Candidate[],
    structure: Structure,
    fuse: (hit: StoreSearchHit, st?: SignalContribution) => number,
    best: number,
  ): Promise<Scored[]> {
    const pool = await this.load(namespace, ranked);
    const sims = pool.map(({ hit, pattern }) => ({ hit, score: this.similarity(structure, pattern.structure) }));
    sims.sort((a, b) => b.score - a.score);
    const structural = new Map<StoreSearchHit, SignalContribution>();
    sims.forEach((s, i) => structural.set(s.hit, { rank: i + 1, score: s.score }));
    // The structural term changes the fusion: re-fused whole, so the sum keeps its order of terms.
    return pool.map(({ hit, pattern }) => {
      const st = structural.get(hit);
      return scoredOf(hit, pattern, fuse(hit, st) / best, st);
    });
  }

  /**
   * The pool in order of fusion, loaded a few at a time. A candidate scores at most its relevance (the feedback
   * prior is under 1), and relevance falls along the pool: once `need` loaded candidates score above what the next
   * one could reach, no later one can make the results, and the rest is not read (a search's pool of 50 is mostly
   * such rows, and loading a pattern is a row read and a JSON parse). The results are those of loading it all.
   */
  private async scoreUntilSettled(namespace: string, ranked: readonly Candidate[], best: number, need: number, step: number): Promise<Scored[]> {
    const scored: Scored[] = [];
    for (let next = 0; next < ranked.length; ) {
      if (scored.length >= need) {
        const kth = scored.map((s) => s.score).sort((a, b) => b - a)[need - 1];
        if (Math.min(1, ranked[next].rrf / best) * MAX_FEEDBACK_PRIOR < kth) break;
      }
      const batch = ranked.slice(next, next + (next === 0 ? need + step : step));
      next += batch.length;
      for (const { hit, rrf, pattern } of await this.load(namespace, batch)) scored.push(scoredOf(hit, pattern, rrf / best));
    }
    return scored;
  }

  /** The candidates' patterns, in candidate order; a pattern deleted since the search is simply left out. */
  private async load(namespace: string, candidates: readonly Candidate[]): Promise<Array<Candidate & { pattern: InstancePattern }>> {
    const loaded = new Map((await this.store.getMany(namespace, candidates.map((c) => c.hit.patternId))).map((p) => [p.patternId, p]));
    return candidates.flatMap((c) => {
      const pattern = loaded.get(c.hit.patternId);
      return pattern ? [{ ...c, pattern }] : [];
    });
  }

  private explain(s: Scored): SearchExplanation {
    return {
      signals: s.hit.signals,
      ...(s.structural ? { structural: s.structural } : {}),
      relevance: s.relevance,
      feedbackPrior: s.prior,
      rrfK: this.rrfK,
    };
  }
}

/** A candidate of the pool: a store hit and its weighted RRF over the store's signals. */
interface Candidate {
  hit: StoreSearchHit;
  rrf: number;
}

/** score = relevance × prior, relevance capped at 1 (first everywhere). */
function scoredOf(hit: StoreSearchHit, pattern: InstancePattern, fused: number, structural?: SignalContribution): Scored {
  const relevance = Math.min(1, fused);
  const prior = feedbackPrior(pattern.feedbackCounts);
  return { hit, pattern, structural, relevance, prior, score: relevance * prior };
}

/** The hits of two parts of one search (disjoint signals), one hit per pattern. */
function mergeHits(a: readonly StoreSearchHit[], b: readonly StoreSearchHit[]): StoreSearchHit[] {
  const byId = new Map<string, StoreSearchHit>(a.map((h) => [h.patternId, h]));
  for (const hit of b) {
    const have = byId.get(hit.patternId);
    byId.set(hit.patternId, have ? { patternId: hit.patternId, signals: { ...have.signals, ...hit.signals } } : hit);
  }
  return [...byId.values()];
}

/** mean(positive) − mean(negative), L2-normalised. */
export function combine(positive: readonly Float32Array[], negative: readonly Float32Array[]): Float32Array {
  const dim = positive[0].length;
  const out = new Float32Array(dim);
  for (const v of positive) for (let i = 0; i < dim; i++) out[i] += v[i] / positive.length;
  for (const v of negative) for (let i = 0; i < dim; i++) out[i] -= v[i] / negative.length;
  let norm = 0;
  for (let i = 0; i < dim; i++) norm += out[i] * out[i];
  if (norm > 0) {
    const inv = 1 / Math.sqrt(norm);
    for (let i = 0; i < dim; i++) out[i] *= inv;
  }
  return out;
}

