import type { HierarchicalNSW } from 'hnswlib-node';
import { MotifError } from '@motif/core-types';

type Hnswlib = typeof import('hnswlib-node');
let hnswlib: Hnswlib | undefined;
/** The native addon, loaded on first use: commands and stores that never build a graph never load it. */
function loadHnswlib(): Hnswlib {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (hnswlib ??= require('hnswlib-node') as Hnswlib);
}

/** Graph parameters of one HNSW index (chosen by measurement: docs/benchmarks.md, 2026-12-03). */
export interface HnswParams {
  /** Links per node (32: higher recall than 16 at the same efSearch, for twice the links per node). */
  m: number;
  efConstruction: number;
  /**
   * Candidates kept while searching (at least k): the recall/latency knob. On 100k dense (projected hashing)
   * vectors recall@10 was 0.892 at 400, 0.915 at 800 and 0.935 at 1600 (target 0.98, docs/benchmarks.md); real
   * use-lite vectors need less (0.99 at 400, 10k).
   */
  efSearch: number;
}

export const DEFAULT_HNSW_PARAMS: HnswParams = { m: 32, efConstruction: 200, efSearch: 800 };

/** A candidate: the row's id and its float32 inner product with the query (exact for that row). */
export interface AnnHit {
  rowid: number;
  score: number;
}

/**
 * One dense signal's HNSW graph (hnswlib-node, inner-product space) over the float32 vectors. Labels are SQLite
 * rowids, which survive snapshot compaction (slots do not). Rows removed are marked deleted in the graph, never
 * returned; a rowid added again replaces its point.
 */
export class HnswDenseIndex {
  private readonly graph: HierarchicalNSW;
  /** Labels in the graph and not marked deleted. */
  private readonly live = new Set<number>();
  /** Labels marked deleted (hnswlib cannot report them; the file header records them). */
  private readonly deleted = new Set<number>();
  private efInUse = 0;

  private constructor(
    readonly dimension: number,
    readonly params: HnswParams,
    graph: HierarchicalNSW,
  ) {
    this.graph = graph;
  }

  static create(dimension: number, capacity: number, params: HnswParams = DEFAULT_HNSW_PARAMS): HnswDenseIndex {
    const graph = new (loadHnswlib().HierarchicalNSW)('ip', dimension);
    // A fixed seed: the same rows in the same order give the same graph (tests and benchmarks repeat).
    graph.initIndex(Math.max(16, capacity), params.m, params.efConstruction, 100);
    return new HnswDenseIndex(dimension, params, graph);
  }

  /** Reads a graph written by `write` (the caller has checked the file's length and checksum). */
  static read(path: string, dimension: number, params: HnswParams, deleted: readonly number[]): HnswDenseIndex {
    const graph = new (loadHnswlib().HierarchicalNSW)('ip', dimension);
    graph.readIndexSync(path);
    const index = new HnswDenseIndex(dimension, params, graph);
    const gone = new Set(deleted);
    for (const label of graph.getIdsList()) (gone.has(label) ? index.deleted : index.live).add(label);
    if (index.deleted.size !== gone.size) throw new MotifError('INTERNAL', `HNSW file lists ${gone.size} deleted labels, the graph holds ${index.deleted.size} of them`);
    return index;
  }

  get size(): number {
    return this.live.size;
  }

  has(rowid: number): boolean {
    return this.live.has(rowid);
  }

  /** Rowids live in the graph (for consistency checks against the memory index). */
  rowids(): IterableIterator<number> {
    return this.live.values();
  }

  get deletedLabels(): number[] {
    return [...this.deleted];
  }

  add(rowid: number, vector: Float32Array): void {
    if (vector.length !== this.dimension) throw new MotifError('EMBEDDER_MISMATCH', `vector has ${vector.length} dimensions, the HNSW index has ${this.dimension}`);
    const used = this.live.size + this.deleted.size;
    // Doubling: hnswlib copies its whole level-0 block on resize.
    if (!this.live.has(rowid) && !this.deleted.has(rowid) && used >= this.graph.getMaxElements()) this.graph.resizeIndex(Math.max(16, this.graph.getMaxElements() * 2));
    // An existing label (live or deleted) is updated in place and unmarked by hnswlib.
    this.graph.addPoint(Array.from(vector), rowid);
    this.deleted.delete(rowid);
    this.live.add(rowid);
  }

  remove(rowid: number): void {
    if (!this.live.delete(rowid)) return;
    this.graph.markDelete(rowid);
    this.deleted.add(rowid);
  }

  /**
   * Up to `k` rows by inner product with `query`, best first, among those `allow` admits (all live rows when
   * absent). Scores are hnswlib's float32 inner products of the stored vectors: exact for the rows returned.
   */
  search(query: Float32Array, k: number, allow?: (rowid: number) => boolean): AnnHit[] {
    if (this.live.size === 0 || k <= 0) return [];
    const want = Math.min(k, this.graph.getMaxElements());
    const ef = Math.max(this.params.efSearch, want);
    if (ef !== this.efInUse) {
      this.graph.setEf(ef);
      this.efInUse = ef;
    }
    const { neighbors, distances } = this.graph.searchKnn(Array.from(query), want, allow);
    // hnswlib's inner-product distance is 1 − ⟨q, v⟩.
    return neighbors.map((rowid, i) => ({ rowid, score: 1 - distances[i] }));
  }

  /** Writes the graph with hnswlib's own format (the caller adds the header and checksum). */
  write(path: string): void {
    this.graph.writeIndexSync(path);
  }
}
