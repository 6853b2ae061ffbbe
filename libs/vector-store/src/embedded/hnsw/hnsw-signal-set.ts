import type { DenseVectorName } from '@motif/core-types';
import { DENSE_VECTOR_NAMES } from '@motif/core-types';
import { DEFAULT_HNSW_PARAMS, HnswDenseIndex, type HnswParams } from './hnsw-dense-index';

/**
 * One HNSW graph per named dense vector, kept in step with the memory index (every add and remove goes to all
 * three). `ready` once every live row of the memory index is in: until then searches scan exactly.
 */
export class HnswSignalSet {
  ready = false;

  constructor(readonly indexes: Record<DenseVectorName, HnswDenseIndex>) {}

  static create(dimension: number, capacity: number, params: HnswParams = DEFAULT_HNSW_PARAMS): HnswSignalSet {
    const make = (): HnswDenseIndex => HnswDenseIndex.create(dimension, capacity, params);
    return new HnswSignalSet({ description: make(), structure: make(), params: make() });
  }

  get size(): number {
    return this.indexes.description.size;
  }

  has(rowid: number): boolean {
    return this.indexes.description.has(rowid);
  }

  add(rowid: number, vectors: Record<DenseVectorName, Float32Array>): void {
    for (const k of DENSE_VECTOR_NAMES) this.indexes[k].add(rowid, vectors[k]);
  }

  remove(rowid: number): void {
    for (const k of DENSE_VECTOR_NAMES) this.indexes[k].remove(rowid);
  }
}
