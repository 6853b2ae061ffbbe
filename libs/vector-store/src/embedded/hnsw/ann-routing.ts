/**
 * When a dense search goes to the HNSW graph instead of the exact column scan. The scan costs nnz(query) × rows,
 * so it is cheap for small stores and for sparse (hashing) queries, where HNSW also finds its neighbours poorly:
 * measured at 100k hashing vectors, recall@10 0.88 at ef 1600 and 2.2 ms, against an exact 0.4 ms scan.
 */
export interface AnnRouting {
  /** Live rows from which the graph is built and used (below: exact scan only). */
  minRows: number;
  /** Share of the live rows a filter must admit for a filtered graph search; fewer: exact (the graph would have to visit ~ef / share nodes). */
  minSelectivity: number;
  /** Share of the query's dimensions that must be non-zero for the graph to be used (sparse queries scan exactly). */
  minQueryDensity: number;
}

/**
 * Graphs are opt-in (`minRows` Infinity): on the bench's dense corpus their recall@10 is 0.915, under the 0.98 an
 * approximate answer has to reach before it may replace exact results by default, and they cost every process that
 * opens the store seconds and ~560 MB per 100k rows. A store opts in with `annMinRows` (config `search.annMinRows`).
 */
export const DEFAULT_ANN_ROUTING: AnnRouting = { minRows: Number.POSITIVE_INFINITY, minSelectivity: 0.1, minQueryDensity: 0.5 };

/** `ann`: the graph, unfiltered (the mask admits every live row); `ann-filtered`: the graph with the mask as filter. */
export type DenseRoute = 'ann' | 'ann-filtered' | 'exact';

export interface RouteInput {
  live: number;
  /** Rows the namespace/feedback/component mask admits. */
  allowed: number;
  k: number;
  /** Non-zero dimensions of the query and the dimension. */
  queryNnz: number;
  dimension: number;
}

export function denseRoute(routing: AnnRouting, input: RouteInput): DenseRoute {
  const { live, allowed, k, queryNnz, dimension } = input;
  if (live < routing.minRows || live === 0) return 'exact';
  if (queryNnz < routing.minQueryDensity * dimension) return 'exact';
  // A filter admitting about k rows or fewer: the scan returns every one of them; the graph might stop short.
  if (allowed <= k || allowed < routing.minSelectivity * live) return 'exact';
  return allowed >= live ? 'ann' : 'ann-filtered';
}
