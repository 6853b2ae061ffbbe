import type { Schemas } from '@qdrant/js-client-rest';
import type { StoreSearchRequest } from '@motif/core-types';
import { HashingEmbedder } from '../embedding/hashing-embedder';
import { PatternIndexer } from '../embedding/pattern-indexer';
import { CORPUS } from '../contract/test-patterns';
import { patternPointId } from './point-id';
import { toQdrantFilter } from './qdrant-filter';
import { collectionConfig, payloadIndexes, searchBatch, toPoint, type PatternPayload } from './qdrant-requests';

describe('Qdrant request builders', () => {
  it('maps every PatternFilter field to typed conditions, namespace and kind always first', () => {
    const filter: Schemas['Filter'] = toQdrantFilter(
      'team-a',
      {
        feedback: ['positive', 'unrated'],
        formFeedback: ['negative'],
        components: { all: ['Grid'], any: ['Image', 'Icon'], none: ['Divider'] },
        tags: ['ops'],
        metadata: { team: 'sre', priority: 1, internal: true },
      },
      ['11111111-1111-5111-8111-111111111111'],
    );
    expect(filter).toEqual({
      must: [
        { key: 'kind', match: { value: 'pattern' } },
        { key: 'namespace', match: { value: 'team-a' } },
        { key: 'feedback', match: { any: ['positive', 'unrated'] } },
        { key: 'form_feedback', match: { any: ['negative'] } },
        { key: 'components', match: { value: 'Grid' } },
        { key: 'components', match: { any: ['Image', 'Icon'] } },
        { key: 'tags', match: { value: 'ops' } },
        { key: 'metadata.team', match: { value: 'sre' } },
        { key: 'metadata.priority', match: { value: 1 } },
        { key: 'metadata.internal', match: { value: true } },
      ],
      must_not: [{ key: 'components', match: { any: ['Divider'] } }, { has_id: ['11111111-1111-5111-8111-111111111111'] }],
    });
    expect(toQdrantFilter('x', {})).toEqual({ must: [{ key: 'kind', match: { value: 'pattern' } }, { key: 'namespace', match: { value: 'x' } }] });
  });

  it('declares named dense vectors, a sparse IDF vector and a tenant namespace index', () => {
    const config: Schemas['CreateCollection'] = collectionConfig(384);
    expect(config.vectors).toEqual({
      description: { size: 384, distance: 'Cosine' },
      structure: { size: 384, distance: 'Cosine' },
      params: { size: 384, distance: 'Cosine' },
    });
    expect(config.sparse_vectors).toEqual({ lexical: { modifier: 'idf' } });
    const indexes = payloadIndexes();
    expect(indexes.find((i) => i.field_name === 'namespace')?.field_schema).toEqual({ type: 'keyword', is_tenant: true });
    expect(indexes.map((i) => i.field_name)).toEqual(expect.arrayContaining(['feedback', 'content_feedback', 'form_feedback', 'components', 'tags']));
  });

  it('builds a point with a deterministic id, named vectors and the filterable payload', () => {
    const record = new PatternIndexer(new HashingEmbedder({ dimension: 32 })).toRecordSync(CORPUS.status());
    const point: Schemas['PointStruct'] = toPoint(record);
    expect(point.id).toBe(patternPointId('default', 'status'));
    const vector = point.vector as Record<string, number[] | Schemas['SparseVector']>;
    expect(vector.description).toHaveLength(32);
    expect(vector.lexical).toEqual(record.vectors.lexical);
    const payload = point.payload as unknown as PatternPayload;
    expect(payload).toMatchObject({ kind: 'pattern', namespace: 'default', pattern_id: 'status', feedback: 'unrated', tags: ['ops'] });
    expect(payload.components).toEqual(['Button', 'ButtonList', 'DecoratedText', 'Section']);
  });

  it('builds one batch of one filtered plain query per signal, asking only for the pattern id (no server-side fusion)', () => {
    const request: StoreSearchRequest = {
      namespace: 'default',
      prefetchLimit: 40,
      dense: { description: new Float32Array([0.5, 0.5]), structure: new Float32Array([1, 0]) },
      lexical: { sparse: { indices: [7, 9], values: [1, 2] } },
      filter: { feedback: ['positive'] },
    };
    const built = searchBatch(request, ['id-1']);
    expect(built?.signals).toEqual(['description', 'structure', 'lexical']);
    const filter = toQdrantFilter('default', { feedback: ['positive'] }, ['id-1']);
    expect(built?.batch.searches).toEqual([
      { query: [0.5, 0.5], using: 'description', filter, limit: 40, with_payload: ['pattern_id'] },
      { query: [1, 0], using: 'structure', filter, limit: 40, with_payload: ['pattern_id'] },
      { query: { indices: [7, 9], values: [1, 2] }, using: 'lexical', filter, limit: 40, with_payload: ['pattern_id'] },
    ]);
    expect(searchBatch({ ...request, dense: {}, lexical: undefined })).toBeNull();
  });
});
