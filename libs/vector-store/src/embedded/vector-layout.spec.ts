import { HashingEmbedder } from '../embedding/hashing-embedder';
import { createEmbedderSet, uniformEmbedderSet } from '../embedding/embedder-set';
import { COLUMN_LAYOUTS, vectorLayoutsOf } from './vector-layout';

describe('vectorLayoutsOf', () => {
  it('holds the sentence model’s description in rows and the hashed symbols in columns (the use-lite set)', () => {
    expect(vectorLayoutsOf(createEmbedderSet('use-lite'))).toEqual({ description: 'rows', structure: 'columns', params: 'columns' });
  });

  it('keeps every hashing vector in columns, as a set or a single embedder', () => {
    expect(vectorLayoutsOf(createEmbedderSet('hashing'))).toEqual(COLUMN_LAYOUTS);
    expect(vectorLayoutsOf(new HashingEmbedder())).toEqual(COLUMN_LAYOUTS);
  });

  it('puts a dense embedder’s vectors in rows, and keeps columns for a bare identity', () => {
    const dense = { id: 'dense-test', dimension: 4, embed: async () => new Float32Array(4), embedBatch: async () => [] };
    expect(vectorLayoutsOf(dense)).toEqual({ description: 'rows', structure: 'rows', params: 'rows' });
    expect(vectorLayoutsOf(uniformEmbedderSet(dense))).toEqual({ description: 'rows', structure: 'rows', params: 'rows' });
    expect(vectorLayoutsOf({ id: 'recorded', dimension: 384 })).toEqual(COLUMN_LAYOUTS);
  });
});
