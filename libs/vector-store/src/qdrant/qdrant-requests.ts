import type { Schemas } from '@qdrant/js-client-rest';
import type { DenseVectorName, InstancePattern, PatternRecord, SignalName, StoreSearchRequest, TimedVote, VariationFamily } from '@motif/core-types';
import { DENSE_VECTOR_NAMES } from '@motif/core-types';
import { patternComponents } from '../structure/structure-features';
import { patternPointId } from './point-id';
import { labelValue, PAYLOAD, toQdrantFilter } from './qdrant-filter';

export const LEXICAL_VECTOR = 'lexical';

/** Collection layout: three named cosine vectors and one sparse `lexical` vector weighted by IDF on the server. */
export function collectionConfig(dimension: number): Schemas['CreateCollection'] {
  const dense: Schemas['VectorParams'] = { size: dimension, distance: 'Cosine' };
  return {
    vectors: { description: dense, structure: dense, params: dense },
    sparse_vectors: { [LEXICAL_VECTOR]: { modifier: 'idf' } },
  };
}

/** Payload indexes: namespace is the tenant key; labels, components and tags are keywords; time for ordering. */
export function payloadIndexes(): Array<{ field_name: string; field_schema: Schemas['PayloadFieldSchema'] }> {
  const keyword = (is_tenant = false): Schemas['KeywordIndexParams'] => ({ type: 'keyword', ...(is_tenant ? { is_tenant } : {}) });
  return [
    { field_name: PAYLOAD.namespace, field_schema: keyword(true) },
    { field_name: PAYLOAD.kind, field_schema: keyword() },
    { field_name: PAYLOAD.patternId, field_schema: keyword() },
    { field_name: PAYLOAD.feedback, field_schema: keyword() },
    { field_name: PAYLOAD.contentFeedback, field_schema: keyword() },
    { field_name: PAYLOAD.formFeedback, field_schema: keyword() },
    { field_name: PAYLOAD.components, field_schema: keyword() },
    { field_name: PAYLOAD.tags, field_schema: keyword() },
    { field_name: PAYLOAD.createdMs, field_schema: { type: 'integer', range: true, lookup: false } },
  ];
}

/** Everything a pattern point carries besides its vectors. */
export interface PatternPayload {
  kind: 'pattern';
  namespace: string;
  pattern_id: string;
  pattern: InstancePattern;
  feedback: string;
  content_feedback: string;
  form_feedback: string;
  components: string[];
  tags: string[];
  created_at: string;
  created_ms: number;
  metadata: Record<string, unknown>;
  /** Older builds wrote the lexical text here (for the embedded store's former FTS5 engine); never read now. */
  lexical_text?: string;
  /** Latest vote per dimension (label tie-break). */
  last_votes: TimedVote[];
  family: VariationFamily | null;
}

export function labelPayload(p: InstancePattern): Pick<PatternPayload, 'feedback' | 'content_feedback' | 'form_feedback'> {
  return { feedback: labelValue(p.feedback), content_feedback: labelValue(p.contentFeedback), form_feedback: labelValue(p.formFeedback) };
}

export function toPoint(record: PatternRecord): Schemas['PointStruct'] {
  const p = record.pattern;
  const v = record.vectors;
  const payload: PatternPayload = {
    kind: 'pattern',
    namespace: p.namespace,
    pattern_id: p.patternId,
    pattern: p,
    ...labelPayload(p),
    components: patternComponents(p),
    tags: [...new Set(p.tags)],
    created_at: p.createdAt,
    created_ms: Date.parse(p.createdAt),
    metadata: p.metadata,
    last_votes: [],
    family: null,
  };
  return {
    id: patternPointId(p.namespace, p.patternId),
    vector: {
      description: Array.from(v.description),
      structure: Array.from(v.structure),
      params: Array.from(v.params),
      [LEXICAL_VECTOR]: { indices: [...v.lexical.indices], values: [...v.lexical.values] },
    },
    payload: payload as unknown as Schemas['Payload'],
  };
}

/** The signals a request asks for, in a fixed order (the order of the per-signal queries in the batch). */
export function requestedSignals(request: StoreSearchRequest): SignalName[] {
  const signals: SignalName[] = DENSE_VECTOR_NAMES.filter((n) => request.dense[n] !== undefined);
  if (request.lexical && request.lexical.sparse.indices.length > 0) signals.push('lexical');
  return signals;
}

function signalQuery(request: StoreSearchRequest, signal: SignalName): { query: Schemas['VectorInput']; using: string } {
  const query: Schemas['VectorInput'] =
    signal === 'lexical'
      ? { indices: [...(request.lexical?.sparse.indices ?? [])], values: [...(request.lexical?.sparse.values ?? [])] }
      : Array.from(request.dense[signal as DenseVectorName] as Float32Array);
  return { query, using: signal };
}

/**
 * The search as one Query API batch of one plain query per signal, each carrying the filter and returning only the
 * pattern id: the server does not fuse (HybridSearcher does, the same way for every store). One round trip. Null
 * when no signal is requested.
 */
export function searchBatch(request: StoreSearchRequest, excludePointIds: readonly string[] = []): { signals: SignalName[]; batch: Schemas['QueryRequestBatch'] } | null {
  const signals = requestedSignals(request);
  if (signals.length === 0) return null;
  const filter = toQdrantFilter(request.namespace, request.filter, excludePointIds);
  const searches: Schemas['QueryRequest'][] = signals.map((s) => ({ ...signalQuery(request, s), filter, limit: request.prefetchLimit, with_payload: [PAYLOAD.patternId] }));
  return { signals, batch: { searches } };
}
