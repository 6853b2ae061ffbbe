import type { Embedder } from '@motif/core-types';
import { HashingEmbedder } from '@motif/vector-store';
import { seededUniform } from '../measure';

/**
 * The hashing embedder's vectors through one fixed Gaussian projection (d → d, renormalised): every dimension
 * non-zero, as a sentence embedder's (what makes the exact column scan cost dimension × rows), and the corpus's
 * similarities kept in expectation (Johnson–Lindenstrauss). A stand-in for use-lite at 100k rows, whose embedding
 * alone would take ~25 minutes of CPU here; its geometry is harder for HNSW than real sentence vectors (near-duplicate
 * descriptions, near-orthogonal rest), so the recall measured with it is a conservative one.
 */
export class ProjectedEmbedder implements Embedder {
  readonly id: string;
  private readonly hashing: HashingEmbedder;
  private readonly matrix: Float32Array;

  constructor(readonly dimension = 384) {
    this.hashing = new HashingEmbedder({ dimension });
    this.id = `bench-projected:${this.hashing.id}`;
    const uniform = seededUniform(18);
    // Sum of six uniforms: close enough to a Gaussian for a projection, and deterministic across runs.
    this.matrix = Float32Array.from({ length: dimension * dimension }, () => {
      let s = 0;
      for (let j = 0; j < 6; j++) s += uniform();
      return s - 3;
    });
  }

  embedSync(text: string): Float32Array {
    const h = this.hashing.embedSync(text);
    const d = this.dimension;
    const out = new Float32Array(d);
    for (let i = 0; i < d; i++) {
      const w = h[i];
      if (w === 0) continue;
      const row = this.matrix.subarray(i * d, (i + 1) * d);
      for (let j = 0; j < d; j++) out[j] += w * row[j];
    }
    let sq = 0;
    for (let j = 0; j < d; j++) sq += out[j] * out[j];
    const inv = sq > 0 ? 1 / Math.sqrt(sq) : 0;
    for (let j = 0; j < d; j++) out[j] *= inv;
    return out;
  }

  async embed(text: string): Promise<Float32Array> {
    return this.embedSync(text);
  }

  async embedBatch(texts: readonly string[]): Promise<Float32Array[]> {
    return texts.map((t) => this.embedSync(t));
  }
}
