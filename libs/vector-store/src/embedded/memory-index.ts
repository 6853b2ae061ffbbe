import type { DenseVectorName, FeedbackFilterValue, FeedbackLabel, PatternFilter, SparseVector } from '@motif/core-types';
import { DENSE_VECTOR_NAMES } from '@motif/core-types';
import { Bm25Index, type Bm25State } from './bm25-index';
import { ColumnIndex, defaultDenseScanEngine, type DenseScanEngine } from './column-index';
import { DEFAULT_ANN_ROUTING, denseRoute, type AnnRouting, type DenseRoute } from './hnsw/ann-routing';
import type { HnswSignalSet } from './hnsw/hnsw-signal-set';
import type { PendingVector } from './index-snapshot';
import { RowIndex, type ResidualRows, type SignPrefilter } from './row-index';
import { COLUMN_LAYOUTS, type VectorLayouts } from './vector-layout';

/** Label code per slot: 0 unrated, 1 positive, 2 negative. */
export const labelCode = (label: FeedbackLabel): number => (label === 'positive' ? 1 : label === 'negative' ? 2 : 0);
const filterBits = (values: readonly FeedbackFilterValue[]): number =>
  values.reduce((bits, v) => bits | (1 << (v === 'positive' ? 1 : v === 'negative' ? 2 : 0)), 0);

export interface IndexedRow {
  rowid: number;
  namespace: string;
  labels: { feedback: FeedbackLabel; contentFeedback: FeedbackLabel; formFeedback: FeedbackLabel };
  components: readonly string[];
  vectors: Record<DenseVectorName, Float32Array>;
  lexical: SparseVector;
}

/**
 * Everything a `MemoryIndex` holds, compacted to its live slots (slot order kept): what a snapshot stores and
 * loads back. Typed arrays may be views into one file buffer.
 */
export interface MemoryIndexState {
  dimension: number;
  rows: number;
  slotRowid: Float64Array;
  nsIds: Int32Array;
  codes: [Uint8Array, Uint8Array, Uint8Array];
  namespaces: string[];
  components: Array<{ name: string; mask: Uint8Array }>;
  vectors: Record<DenseVectorName, VectorState>;
  bm25: Bm25State;
}

/** A state as a snapshot opens it: a named vector may still be in the file, loaded on first use. */
export type OpenedIndexState = Omit<MemoryIndexState, 'vectors'> & { vectors: Record<DenseVectorName, VectorState | PendingVector> };

/**
 * One named vector's Int8 cells as its layout holds them: `columns` (dimension-major, one array per dimension) or
 * `rows` (row-major, `stride` bytes a row, with residuals and sign bits). `owner`: the arrays already are the storage of this
 * index (read into it in place): it is adopted.
 */
export type VectorState =
  | { layout: 'columns'; scales: Float32Array; columns: Int8Array[]; owner?: ColumnIndex }
  | { layout: 'rows'; scales: Float32Array; cells: Int8Array; residuals: Int8Array; signs: Uint8Array; owner?: RowIndex; residualRows?: ResidualRows };

/** Options of the dense indexes: scan engine, layout per named vector, the rows layout's sign-bit pre-selection. */
export interface DenseIndexOptions {
  engine?: DenseScanEngine;
  layouts?: VectorLayouts;
  prefilter?: SignPrefilter;
}

/**
 * The embedded store's in-memory search index: per-slot filter columns (alive, namespace id, label codes,
 * component membership) and one dense index per named vector (`ColumnIndex` for sparse vectors, `RowIndex` for
 * dense ones). SQLite stays the source of truth; this is rebuilt on open and updated after every committed write.
 */
export class MemoryIndex {
  private n = 0;
  private capacity: number;
  private alive: Uint8Array;
  private nsIds: Int32Array;
  private codes: Uint8Array[];
  private slotRowid: Float64Array;
  /** rowid → slot of the live rows, built on first use: an open that only searches never needs its 100k entries. */
  private rowidSlotMap: Map<number, number> | null = new Map();
  private live = 0;
  private readonly namespaces = new Map<string, number>();
  private readonly components = new Map<string, Uint8Array>();
  private vectors: Record<DenseVectorName, ColumnIndex | RowIndex | null>;
  /** Vectors still in the snapshot file (`vectors[k]` null until a search or a change first needs them). */
  private pending: Partial<Record<DenseVectorName, PendingVector>> = {};
  private bm25 = new Bm25Index();
  /** Bumped by every change a mask depends on: cached masks of an older version are not reused. */
  private version = 0;
  private readonly maskCache = new Map<string, { version: number; mask: Uint8Array | null }>();
  /** Slots removed since BM25 last dropped them from its statistics (done before the next lexical search). */
  private removedSlots: number[] = [];
  maxRowid = 0;
  /** The HNSW graphs (labels are rowids), kept in step by `add`/`remove`; searched only once `ready`. */
  private ann: HnswSignalSet | null = null;
  private routing: AnnRouting = DEFAULT_ANN_ROUTING;
  /** Rows each mask admits (masks are cached objects: counted once per mask). */
  private readonly allowedCount = new WeakMap<Uint8Array, number>();
  /** How many dense searches took each route (tests and the benchmark check which path ran). */
  readonly denseRoutes: Record<DenseRoute | 'prefilter', number> = { ann: 0, 'ann-filtered': 0, exact: 0, prefilter: 0 };
  /** Rows scored by dense searches over vectors held in rows, in all (the pre-selection's share is reported). */
  denseRowsScored = 0;
  readonly engine: DenseScanEngine;
  readonly layouts: VectorLayouts;
  private readonly prefilter?: SignPrefilter;

  constructor(
    readonly dimension: number,
    initialCapacity = 1024,
    options: DenseIndexOptions = {},
  ) {
    this.engine = options.engine ?? defaultDenseScanEngine();
    this.layouts = options.layouts ?? COLUMN_LAYOUTS;
    this.prefilter = options.prefilter;
    this.capacity = initialCapacity;
    this.alive = new Uint8Array(this.capacity);
    this.nsIds = new Int32Array(this.capacity);
    this.codes = [new Uint8Array(this.capacity), new Uint8Array(this.capacity), new Uint8Array(this.capacity)];
    this.slotRowid = new Float64Array(this.capacity);
    this.vectors = {
      description: this.denseIndex('description', this.capacity),
      structure: this.denseIndex('structure', this.capacity),
      params: this.denseIndex('params', this.capacity),
    };
  }

  /**
   * Vector `name`, read from the snapshot first if it is still there. Throws `SnapshotSectionError` when its
   * sections do not check out: the owner then rebuilds this index from SQLite.
   */
  private vector(name: DenseVectorName): ColumnIndex | RowIndex {
    const have = this.vectors[name];
    if (have) return have;
    const pending = this.pending[name];
    if (!pending) throw new Error(`vector ${name} is neither loaded nor pending`);
    const loaded = this.indexOf(pending.load()); // kept pending if it throws: every later use throws alike
    delete this.pending[name];
    this.vectors[name] = loaded;
    return loaded;
  }

  /**
   * The dense index of a vector state: the one it was read into (`owner`), else a copy. `n` is the state's row
   * count here: a pending vector loads before any change (`add` loads every vector first).
   */
  private indexOf(v: VectorState): ColumnIndex | RowIndex {
    if (v.layout === 'columns') return v.owner ?? ColumnIndex.fromColumns(this.dimension, this.n, v.columns, v.scales, this.engine);
    const rows = v.owner ?? RowIndex.fromRows(this.dimension, this.n, v.cells, v.residuals, v.scales, v.signs, this.engine, this.prefilter);
    if (v.residualRows) rows.attachResidualRows(v.residualRows, this.n);
    return rows;
  }

  /** Vectors not read from the snapshot yet. */
  get pendingVectors(): DenseVectorName[] {
    return DENSE_VECTOR_NAMES.filter((k) => this.vectors[k] === null);
  }

  /**
   * Reads these vectors if they are still in the snapshot, and (`residuals`, the default) their residual rows too:
   * what serving any search without touching the file again takes. Without `residuals`, a vector's residual rows
   * are read as searches re-score them (a one-shot search reads a few dozen).
   */
  loadVectors(names: readonly DenseVectorName[] = DENSE_VECTOR_NAMES, options: { residuals?: boolean } = {}): void {
    for (const k of names) {
      const v = this.vector(k);
      if (options.residuals !== false && v instanceof RowIndex) v.loadResiduals();
    }
  }

  /** Reads the residual rows still in the snapshot in the background (`RowIndex.fillResiduals`); resolves when done. */
  async fillResiduals(): Promise<void> {
    await Promise.all(DENSE_VECTOR_NAMES.map((k) => {
      const v = this.vectors[k];
      return v instanceof RowIndex ? v.fillResiduals() : undefined;
    }));
  }

  /** Lets go of the snapshot file (what is still in it can no longer load): the index is being replaced. */
  release(): void {
    for (const k of DENSE_VECTOR_NAMES) {
      this.pending[k]?.release();
      const v = this.vectors[k];
      if (v instanceof RowIndex) v.release();
    }
  }

  /** Residual rows read on demand from the snapshot, per rows-layout vector that still has some there (tests). */
  get residualRowsRead(): Partial<Record<DenseVectorName, number>> {
    const out: Partial<Record<DenseVectorName, number>> = {};
    for (const k of DENSE_VECTOR_NAMES) {
      const v = this.vectors[k];
      const read = v instanceof RowIndex ? v.residualRowsRead : null;
      if (read !== null) out[k] = read;
    }
    return out;
  }

  private denseIndex(name: DenseVectorName, capacity: number): ColumnIndex | RowIndex {
    return this.layouts[name] === 'rows'
      ? new RowIndex(this.dimension, capacity, this.engine, this.prefilter)
      : new ColumnIndex(this.dimension, capacity, this.engine);
  }

  /**
   * The live slots only, renumbered densely in slot order. Without deletions every array is a view of the
   * index's own (nothing is copied); the caller writes it out before the next change.
   */
  exportState(): MemoryIndexState {
    if (this.removedSlots.length) {
      this.bm25.purge(this.removedSlots, this.alive);
      this.removedSlots = [];
    }
    const n = this.n;
    const newSlot = new Int32Array(n);
    let kept = 0;
    for (let s = 0; s < n; s++) newSlot[s] = this.alive[s] ? kept++ : -1;
    const dense = kept === n;
    const pick = <T extends Uint8Array | Int8Array | Int32Array | Float32Array | Float64Array>(a: T, make: (len: number) => T): T => {
      if (dense) return a.subarray(0, n) as T;
      const out = make(kept);
      for (let s = 0; s < n; s++) if (newSlot[s] >= 0) out[newSlot[s]] = a[s];
      return out;
    };
    const u8 = (len: number) => new Uint8Array(len);
    const vectors = {} as MemoryIndexState['vectors'];
    for (const k of DENSE_VECTOR_NAMES) {
      const index = this.vector(k);
      const scales = pick(index.rowScales, (len) => new Float32Array(len));
      if (index instanceof RowIndex) {
        const live = dense ? null : Int32Array.from({ length: n }, (_, s) => s).filter((s) => newSlot[s] >= 0);
        vectors[k] = {
          layout: 'rows',
          scales,
          cells: pickRows(index.rowCells(n), index.stride, live),
          residuals: pickRows(index.rowResiduals(n), index.stride, live),
          signs: pickRows(index.rowSigns(n), index.signStride, live),
        };
      } else {
        vectors[k] = { layout: 'columns', scales, columns: Array.from({ length: this.dimension }, (_, d) => pick(index.column(d), (len) => new Int8Array(len))) };
      }
    }
    const namespaces = [...this.namespaces.entries()].sort((a, b) => a[1] - b[1]).map(([name]) => name);
    return {
      dimension: this.dimension,
      rows: kept,
      slotRowid: pick(this.slotRowid, (len) => new Float64Array(len)),
      nsIds: pick(this.nsIds, (len) => new Int32Array(len)),
      codes: [pick(this.codes[0], u8), pick(this.codes[1], u8), pick(this.codes[2], u8)],
      namespaces,
      components: [...this.components].map(([name, mask]) => ({ name, mask: pick(mask, u8) })),
      vectors,
      bm25: this.bm25.exportState(newSlot, kept),
    };
  }

  /**
   * An index holding a copy of `state`: nothing keeps a view into the state's buffers (a snapshot file's one
   * buffer is then freed; the vectors go into the scan engine's own memory).
   */
  static fromState(state: OpenedIndexState, options: DenseIndexOptions = {}): MemoryIndex {
    const layouts = Object.fromEntries(DENSE_VECTOR_NAMES.map((k) => [k, state.vectors[k].layout])) as VectorLayouts;
    const index = new MemoryIndex(state.dimension, 16, { ...options, layouts });
    const n = state.rows;
    const cap = Math.max(n, 16);
    const fit = <T extends Uint8Array | Int8Array | Int32Array | Float32Array | Float64Array>(a: T, make: (len: number) => T): T => {
      const out = make(cap);
      out.set(a.subarray(0, Math.min(a.length, cap)) as never);
      return out;
    };
    const u8 = (len: number) => new Uint8Array(len);
    index.n = n;
    index.capacity = cap;
    index.alive = new Uint8Array(cap).fill(1, 0, n);
    index.nsIds = fit(state.nsIds, (len) => new Int32Array(len));
    index.codes = [fit(state.codes[0], u8), fit(state.codes[1], u8), fit(state.codes[2], u8)];
    index.slotRowid = fit(state.slotRowid, (len) => new Float64Array(len));
    state.namespaces.forEach((name, id) => index.namespaces.set(name, id));
    for (const { name, mask } of state.components) index.components.set(name, fit(mask, u8));
    index.vectors = { description: null, structure: null, params: null };
    for (const k of DENSE_VECTOR_NAMES) {
      const v = state.vectors[k];
      if ('pending' in v) index.pending[k] = v;
      else index.vectors[k] = index.indexOf(v);
    }
    index.bm25 = Bm25Index.fromState({ ...state.bm25, slots: state.bm25.slots.slice(), tfs: state.bm25.tfs.slice() }, cap);
    index.rowidSlotMap = null;
    index.live = n;
    for (let s = 0; s < n; s++) if (index.slotRowid[s] > index.maxRowid) index.maxRowid = index.slotRowid[s];
    return index;
  }

  get size(): number {
    return this.n;
  }

  /** Attaches HNSW graphs: from now on every add/remove goes to them too; searched once `set.ready`. */
  attachAnn(set: HnswSignalSet | null, routing: AnnRouting = this.routing): void {
    this.ann = set;
    this.routing = routing;
  }

  get annIndex(): HnswSignalSet | null {
    return this.ann;
  }

  get bytes(): number {
    const perSlot = 1 + 4 + 3 + 8 + this.components.size;
    return this.capacity * perSlot + DENSE_VECTOR_NAMES.reduce((s, k) => s + (this.vectors[k]?.bytes ?? 0), 0) + this.bm25.bytes;
  }

  private get rowidSlot(): Map<number, number> {
    if (!this.rowidSlotMap) {
      const map = new Map<number, number>();
      for (let s = 0; s < this.n; s++) if (this.alive[s]) map.set(this.slotRowid[s], s);
      this.rowidSlotMap = map;
    }
    return this.rowidSlotMap;
  }

  slotOf(rowid: number): number | undefined {
    return this.rowidSlot.get(rowid);
  }

  rowidOf(slot: number): number {
    return this.slotRowid[slot];
  }

  /** Sizes every per-slot array for exactly `rows` (when larger): a load of N rows then allocates once. */
  reserve(rows: number): void {
    this.resize(rows);
  }

  private grow(rows: number): void {
    if (rows <= this.capacity) return;
    let next = this.capacity;
    while (next < rows) next *= 2;
    this.resize(next);
  }

  private resize(next: number): void {
    if (next <= this.capacity) return;
    const growU8 = (a: Uint8Array): Uint8Array<ArrayBuffer> => {
      const g = new Uint8Array(next);
      g.set(a);
      return g;
    };
    this.alive = growU8(this.alive);
    this.codes = this.codes.map(growU8);
    for (const [k, v] of this.components) this.components.set(k, growU8(v));
    const ns = new Int32Array(next);
    ns.set(this.nsIds);
    this.nsIds = ns;
    const ids = new Float64Array(next);
    ids.set(this.slotRowid);
    this.slotRowid = ids;
    for (const k of DENSE_VECTOR_NAMES) this.vector(k).ensureCapacity(next, true);
    this.capacity = next;
  }

  namespaceId(namespace: string, create = false): number {
    let id = this.namespaces.get(namespace);
    if (id === undefined) {
      if (!create) return -1;
      id = this.namespaces.size;
      this.namespaces.set(namespace, id);
    }
    return id;
  }

  add(row: IndexedRow): void {
    if (this.rowidSlot.has(row.rowid)) return;
    this.loadVectors(); // a vector still in the file must not miss a row
    this.version++;
    this.grow(this.n + 1);
    const slot = this.n++;
    this.rowidSlot.set(row.rowid, slot);
    this.live++;
    this.slotRowid[slot] = row.rowid;
    this.maxRowid = Math.max(this.maxRowid, row.rowid);
    this.alive[slot] = 1;
    this.nsIds[slot] = this.namespaceId(row.namespace, true);
    this.setLabels(row.rowid, row.labels);
    for (const c of row.components) {
      let m = this.components.get(c);
      if (!m) {
        m = new Uint8Array(this.capacity);
        this.components.set(c, m);
      }
      m[slot] = 1;
    }
    for (const k of DENSE_VECTOR_NAMES) this.vector(k).set(slot, row.vectors[k]);
    this.bm25.add(slot, row.lexical);
    this.ann?.add(row.rowid, row.vectors);
  }

  setLabels(rowid: number, labels: IndexedRow['labels']): void {
    const slot = this.rowidSlot.get(rowid);
    if (slot === undefined) return;
    this.version++;
    this.codes[0][slot] = labelCode(labels.feedback);
    this.codes[1][slot] = labelCode(labels.contentFeedback);
    this.codes[2][slot] = labelCode(labels.formFeedback);
  }

  /** Drops the row (its slot stays, dead, until the next snapshot compacts it); the rowid may be added again. */
  remove(rowid: number): void {
    const slot = this.rowidSlot.get(rowid);
    if (slot === undefined) return;
    this.version++;
    this.alive[slot] = 0;
    this.rowidSlot.delete(rowid);
    this.live--;
    this.removedSlots.push(slot);
    this.ann?.remove(rowid);
  }

  /** Rows that are live (added and not removed). */
  get liveRows(): number {
    return this.live;
  }

  /**
   * Slots allowed by namespace, feedback and component filters; `extraRowids` (tags/metadata, resolved in SQL)
   * further restricts when given. Returns null when nothing can match. Read-only: a mask for the namespace and
   * filter alone is cached until the index changes (a server repeats the same few filters).
   */
  mask(namespace: string, filter: PatternFilter, extraRowids?: ReadonlySet<number>, excludeRowids?: ReadonlySet<number>): Uint8Array | null {
    if (extraRowids || excludeRowids?.size) return this.computeMask(namespace, filter, extraRowids, excludeRowids);
    const key = JSON.stringify([namespace, filter]);
    const hit = this.maskCache.get(key);
    if (hit && hit.version === this.version) return hit.mask;
    const mask = this.computeMask(namespace, filter);
    if (this.maskCache.size >= 16 && !hit) this.maskCache.delete(this.maskCache.keys().next().value as string);
    this.maskCache.set(key, { version: this.version, mask });
    return mask;
  }

  private computeMask(namespace: string, filter: PatternFilter, extraRowids?: ReadonlySet<number>, excludeRowids?: ReadonlySet<number>): Uint8Array | null {
    const ns = this.namespaceId(namespace);
    if (ns < 0) return null;
    const n = this.n;
    const mask = new Uint8Array(n);
    const dims: Array<[Uint8Array, number]> = [];
    if (filter.feedback?.length) dims.push([this.codes[0], filterBits(filter.feedback)]);
    if (filter.contentFeedback?.length) dims.push([this.codes[1], filterBits(filter.contentFeedback)]);
    if (filter.formFeedback?.length) dims.push([this.codes[2], filterBits(filter.formFeedback)]);
    const alive = this.alive;
    const nsIds = this.nsIds;
    for (let i = 0; i < n; i++) {
      if (alive[i] === 0 || nsIds[i] !== ns) continue;
      let ok = 1;
      for (const [codes, bits] of dims) if (((bits >> codes[i]) & 1) === 0) ok = 0;
      mask[i] = ok;
    }
    const comps = filter.components;
    for (const name of comps?.all ?? []) {
      const m = this.components.get(name);
      if (!m) return null;
      for (let i = 0; i < n; i++) mask[i] &= m[i];
    }
    if (comps?.any?.length) {
      const any = new Uint8Array(n);
      for (const name of comps.any) {
        const m = this.components.get(name);
        if (m) for (let i = 0; i < n; i++) any[i] |= m[i];
      }
      for (let i = 0; i < n; i++) mask[i] &= any[i];
    }
    for (const name of comps?.none ?? []) {
      const m = this.components.get(name);
      if (m) for (let i = 0; i < n; i++) if (m[i]) mask[i] = 0;
    }
    if (extraRowids) {
      for (let i = 0; i < n; i++) if (mask[i] && !extraRowids.has(this.slotRowid[i])) mask[i] = 0;
    }
    for (const rowid of excludeRowids ?? []) {
      const slot = this.rowidSlot.get(rowid);
      if (slot !== undefined) mask[slot] = 0;
    }
    return mask;
  }

  /**
   * Top `k` rows by inner product with `query` on vector `name`, among `mask`. Large stores with a dense query ask
   * the HNSW graph (float32 scores of the stored vectors), filtered by the same mask, so a filter never admits a row
   * it excludes; a selective mask, a sparse query or a graph answer short of min(k, allowed) scans exactly.
   */
  search(name: DenseVectorName, query: Float32Array, k: number, mask: Uint8Array): Array<{ rowid: number; score: number }> {
    const ann = this.ann;
    if (ann?.ready) {
      const allowed = this.allowedOf(mask);
      let nnz = 0;
      for (let d = 0; d < query.length; d++) if (query[d] !== 0) nnz++;
      const route = denseRoute(this.routing, { live: this.liveRows, allowed, k, queryNnz: nnz, dimension: this.dimension });
      if (route !== 'exact') {
        const rowidSlot = this.rowidSlot;
        const allow = route === 'ann' ? undefined : (rowid: number): boolean => mask[rowidSlot.get(rowid) ?? -1] === 1;
        const hits = ann.indexes[name].search(query, k, allow);
        if (hits.length >= Math.min(k, allowed)) {
          this.denseRoutes[route]++;
          return hits;
        }
      }
    }
    const vectors = this.vector(name);
    const hits = vectors.top(query, this.n, k, mask).map(({ index, score }) => ({ rowid: this.slotRowid[index], score }));
    if (vectors instanceof RowIndex) this.denseRowsScored += vectors.lastScored;
    this.denseRoutes[vectors instanceof RowIndex && vectors.lastRoute === 'prefilter' ? 'prefilter' : 'exact']++;
    return hits;
  }

  private allowedOf(mask: Uint8Array): number {
    let count = this.allowedCount.get(mask);
    if (count === undefined) {
      count = 0;
      for (let i = 0; i < mask.length; i++) count += mask[i];
      this.allowedCount.set(mask, count);
    }
    return count;
  }

  /** Top `k` slots by BM25 over hashed query terms (the sparse lexical vector's indices), among `mask`. */
  searchLexical(terms: readonly number[], k: number, mask: Uint8Array): Array<{ rowid: number; score: number }> {
    if (this.removedSlots.length) {
      this.bm25.purge(this.removedSlots, this.alive);
      this.removedSlots = [];
    }
    return this.bm25.search(terms, k, mask).map(({ slot, score }) => ({ rowid: this.slotRowid[slot], score }));
  }
}

/** Rows of `stride` bytes: a view of all of them (`live` null), or a copy of the rows `live` lists, in order. */
function pickRows<T extends Int8Array | Uint8Array>(all: T, stride: number, live: Int32Array | null): T {
  if (!live) return all;
  const out = new (all.constructor as { new (len: number): T })(live.length * stride);
  live.forEach((s, i) => out.set(all.subarray(s * stride, (s + 1) * stride), i * stride));
  return out;
}
