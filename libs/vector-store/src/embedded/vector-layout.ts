import { DENSE_VECTOR_NAMES, type DenseVectorName, type Embedder, type EmbedderIdentity, type EmbedderSet } from '@motif/core-types';

/**
 * How the embedded index holds one named vector: `columns` (dimension-major; a query costs its non-zero dimensions
 * × rows: right for sparse hashing vectors) or `rows` (row-major with sign bits; large searches re-score only the
 * rows nearest in sign bits: right for dense model vectors, whose every dimension is non-zero).
 */
export type VectorLayout = 'columns' | 'rows';
export type VectorLayouts = Record<DenseVectorName, VectorLayout>;

/** Every vector in columns: the layout of every store before dense vectors had their own. */
export const COLUMN_LAYOUTS: VectorLayouts = { description: 'columns', structure: 'columns', params: 'columns' };

/**
 * The layouts for what a store is given as its embedder: per embedder of a set, one embedder for all three, columns
 * for the sparse ones (`sparse: true`) and rows for the others; a bare identity (no embedder to ask) keeps columns.
 */
export function vectorLayoutsOf(embedder: EmbedderIdentity | Embedder | EmbedderSet): VectorLayouts {
  const layoutOf = (e: Partial<Embedder>): VectorLayout => (e.sparse ? 'columns' : 'rows');
  if ('description' in embedder) return { description: layoutOf(embedder.description), structure: layoutOf(embedder.structure), params: layoutOf(embedder.params) };
  if (!('embed' in embedder)) return COLUMN_LAYOUTS;
  const one = layoutOf(embedder);
  return { description: one, structure: one, params: one };
}
