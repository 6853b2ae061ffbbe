import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  MotifError,
  notFound,
  type DenseVectorName,
  type Embedder,
  type EmbedderIdentity,
  type EmbedderSet,
  type FeedbackRule,
  type FeedbackVoteInput,
  type InstancePattern,
  type ListQuery,
  type Page,
  type PatternRecord,
  type PatternStore,
  type PatternVectors,
  type PutResult,
  type SignalContribution,
  type SignalName,
  type StoreSearchHit,
  type StoreSearchRequest,
  type StoreStats,
  type TimedVote,
  type VariationFamily,
  type WarmOptions,
} from '@motif/core-types';
import { DENSE_VECTOR_NAMES } from '@motif/core-types';
import { patternComponents } from '../structure/structure-features';
import { decodeCursor, encodeCursor } from './cursor';
import { countAfter, readExportBatch, type ExportedRow } from './export-reader';
import { INDEX_CHANGES_SCHEMA, STORE_UID_KEY, changesSince, lastSeq, pruneLog, prunedTo } from './index-changes';
import { INDEX_SNAPSHOT_FILE, INDEX_SNAPSHOT_FORMAT, readIndexSnapshot, SnapshotSectionError, writeIndexSnapshot, type SnapshotIdentity } from './index-snapshot';
import { ColumnIndex, type DenseScanEngine } from './column-index';
import { DEFAULT_SIGN_PREFILTER, RowIndex, type SignPrefilter } from './row-index';
import { vectorLayoutsOf, type VectorLayout, type VectorLayouts } from './vector-layout';
import { MemoryIndex, type DenseIndexOptions, type VectorState } from './memory-index';
import { AnnBuilder } from './hnsw/ann-builder';
import { DEFAULT_ANN_ROUTING, type AnnRouting, type DenseRoute } from './hnsw/ann-routing';
import { DEFAULT_HNSW_PARAMS, type HnswParams } from './hnsw/hnsw-dense-index';
import { HnswSignalSet } from './hnsw/hnsw-signal-set';
import { HNSW_MANIFEST_SUFFIX, readHnswFiles, removeHnswFiles, writeHnswFiles } from './hnsw/hnsw-file';
import { SCHEMA, SCHEMA_MIGRATIONS, SCHEMA_VERSION } from './schema';
import { filterToSql, hasSqlOnlyConditions } from './sql-filter';
import { fromBlob, toBlob } from './vector-blob';

export const EMBEDDED_DB_FILE = 'motif.db';

export interface EmbeddedPatternStoreOptions {
  dataDir: string;
  /**
   * Identity of the embedder that produced (and will produce) the vectors. Given the embedder (or set) itself, the
   * store also takes each vector's layout from it (`vectorLayoutsOf`).
   */
  embedder: EmbedderIdentity | Embedder | EmbedderSet;
  busyTimeoutMs?: number;
  /** Load the in-memory search index in `init()` instead of on the first search (servers). */
  eagerIndex?: boolean;
  /**
   * Persist the search index as a snapshot beside the database (`motif.index`) and open from it, catching up
   * from SQLite's change log (default true). Off: every open rebuilds the index from SQLite.
   */
  indexSnapshot?: boolean;
  /** Rewrite the snapshot once this many changes were caught up or written since it (default 500). */
  snapshotMinChanges?: number;
  /**
   * Write column vectors (the hashing ones) to the snapshot by their non-zero cells: less than half the file
   * (56 MB against 130 MB at 100k × 384-d), for a slower open when the file is in the page cache (decoding costs
   * more than reading: `motif search` 575–620 ms against 505–560 ms at 100k, measured 2026-12-07). Default off.
   */
  sparseSnapshotColumns?: boolean;
  /**
   * Dense scan engine: `wasm` (default where WebAssembly SIMD validates) runs the SIMD-128 Int8 kernel, `js` the
   * plain loop. Both are exact over the stored Int8 vectors, so filters are exact too.
   */
  denseScan?: DenseScanEngine;
  /**
   * How each named vector is held (default `vectorLayoutsOf(embedder)`): `columns` for sparse hashing vectors,
   * `rows` for a sentence model's, where large searches re-score only the rows nearest in sign bits. A snapshot of
   * other layouts is not used: the index is rebuilt from SQLite once and the snapshot rewritten.
   */
  vectorLayouts?: VectorLayouts;
  /** The `rows` layout's sign-bit pre-selection (default DEFAULT_SIGN_PREFILTER; `minRows: Infinity` = exact). */
  densePrefilter?: Partial<SignPrefilter>;
  /**
   * Live rows from which the dense signals also get HNSW graphs (hnswlib), built in the background from SQLite's
   * float32 vectors and searched, once complete, for dense queries (default: never, graphs are opt-in; 20,000 is where
   * they were measured to pay off). Below it,
   * for sparse queries and for selective filters the column scan stays in charge (config `search.annMinRows`).
   */
  annMinRows?: number;
  /** Graph parameters (default M 32, efConstruction 200, efSearch 800) and routing thresholds. */
  hnsw?: Partial<HnswParams>;
  annRouting?: Partial<Omit<AnnRouting, 'minRows'>>;
}

/** Where the HNSW graphs stand: not used (store below the threshold), being filled, or searched. */
export interface AnnStatus {
  state: 'off' | 'building' | 'ready' | 'failed';
  rows: number;
  /** Dense searches per route since the index was loaded. */
  routes: Record<DenseRoute, number>;
}

/** How the last index load went: from a snapshot plus catch-up, or a full rebuild (and why). */
export interface IndexLoadReport {
  source: 'snapshot' | 'rebuild';
  /** Why the snapshot was not used (absent when it was). */
  reason?: string;
  /** Changed rows applied from the change log after the snapshot. */
  caughtUp: number;
  rows: number;
  ms: number;
  /** Set when writing a new snapshot failed (the store works on; the next open rebuilds). */
  snapshotError?: string;
  /** The HNSW graphs: read with the snapshot, or (re)built in the background, and why (absent below the threshold). */
  ann?: { source: 'file' | 'build'; reason?: string };
}

type Row = { id: number; json: string };

/**
 * The default store: one SQLite file (WAL, synchronous=FULL) is the source of truth for patterns, vectors
 * (dense and term frequencies), votes and families; an in-memory index (column scan + BM25, from a snapshot or
 * rebuilt on open) answers searches. Every write is one immediate transaction: a pattern is fully present (row,
 * components, tags, vectors) or absent, and an acknowledged write survives kill -9.
 */
export class EmbeddedPatternStore implements PatternStore {
  readonly backend = 'embedded' as const;
  readonly path: string;
  private db: Database.Database | null = null;
  private index: MemoryIndex;
  /**
   * Pattern id of each row a search has returned, so a repeated candidate costs no SQL lookup. Kept with the index:
   * an entry goes when its row changes or is deleted (rowids are reused) and all go when the index is reloaded.
   */
  private readonly patternIds = new Map<number, string>();
  /** The search path's statements, prepared once per connection (preparing costs about as much as running them). */
  private readonly statements = new Map<string, Database.Statement>();
  private dataVersion = 0;
  private indexReady = false;
  /** The background read of residual rows that `warm()` started (resolved when there is none). */
  private residualFill: Promise<void> = Promise.resolve();
  /** Change-log sequence number the in-memory index reflects (every change at or below it is in). */
  private appliedSeq = 0;
  /** Sequence number of the snapshot on disk that this process last read or wrote. */
  private snapshotSeq = -1;
  private storeUid = '';
  readonly snapshotPath: string;
  lastLoad: IndexLoadReport | null = null;
  /** Milliseconds the last index load from disk took (reported by the benchmark). */
  loadMs = 0;
  private annBuilder: AnnBuilder | null = null;
  private annTimer: NodeJS.Timeout | null = null;
  /** Whether the stored vectors are dense enough for the graphs to be used (decided once, from a sample). */
  private annDense: boolean | undefined;

  constructor(private readonly options: EmbeddedPatternStoreOptions) {
    this.path = join(options.dataDir, EMBEDDED_DB_FILE);
    this.snapshotPath = join(options.dataDir, INDEX_SNAPSHOT_FILE);
    this.index = new MemoryIndex(options.embedder.dimension, 1024, this.denseOptions);
  }

  private get denseOptions(): DenseIndexOptions & { layouts: VectorLayouts } {
    const { denseScan, vectorLayouts, densePrefilter } = this.options;
    return { engine: denseScan, layouts: vectorLayouts ?? vectorLayoutsOf(this.options.embedder), prefilter: { ...DEFAULT_SIGN_PREFILTER, ...densePrefilter } };
  }

  private prepared<P extends unknown[], R>(sql: string): Database.Statement<P, R> {
    let stmt = this.statements.get(sql);
    if (!stmt) this.statements.set(sql, (stmt = this.conn.prepare(sql)));
    return stmt as unknown as Database.Statement<P, R>;
  }

  private get conn(): Database.Database {
    if (!this.db) throw new MotifError('INTERNAL', 'EmbeddedPatternStore used before init()');
    return this.db;
  }

  async init(): Promise<void> {
    if (this.db) return;
    mkdirSync(this.options.dataDir, { recursive: true });
    const db = new Database(this.path);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma(`busy_timeout = ${this.options.busyTimeoutMs ?? 5000}`);
      db.transaction(() => {
        db.exec(SCHEMA);
        db.exec(INDEX_CHANGES_SCHEMA);
        const get = db.prepare<[string], { value: string }>('SELECT value FROM store_meta WHERE key = ?');
        const set = db.prepare('INSERT OR REPLACE INTO store_meta (key, value) VALUES (?, ?)');
        const version = get.get('schema_version');
        if (version && Number(version.value) > SCHEMA_VERSION) {
          throw new MotifError('CONFIG_INVALID', `${this.path} has schema version ${version.value}, newer than this build (${SCHEMA_VERSION})`);
        }
        if (!version) set.run('schema_version', String(SCHEMA_VERSION));
        else if (Number(version.value) < SCHEMA_VERSION) {
          for (const step of SCHEMA_MIGRATIONS) if (step.to > Number(version.value)) db.exec(step.sql);
          set.run('schema_version', String(SCHEMA_VERSION));
        }
        const uid = get.get(STORE_UID_KEY);
        this.storeUid = uid?.value ?? randomUUID();
        if (!uid) set.run(STORE_UID_KEY, this.storeUid);
        const id = get.get('embedder_id');
        const dim = get.get('embedder_dimension');
        const want = this.options.embedder;
        if (!id || !dim) {
          set.run('embedder_id', want.id);
          set.run('embedder_dimension', String(want.dimension));
        } else if (id.value !== want.id || Number(dim.value) !== want.dimension) {
          throw new MotifError(
            'EMBEDDER_MISMATCH',
            `the store at ${this.path} was built with embedder '${id.value}' (dimension ${dim.value}) but the configured embedder is '${want.id}' (dimension ${want.dimension}); run \`motif reindex\` to re-embed it with the configured embedder, or configure the embedder it was built with (MOTIF_EMBEDDER)`,
            { details: { stored: { id: id.value, dimension: Number(dim.value) }, configured: want } },
          );
        }
      }).immediate();
    } catch (err) {
      db.close();
      throw err;
    }
    this.db = db;
    if (this.options.eagerIndex) await this.warm();
  }

  /**
   * Loads the in-memory search index (otherwise done by the first search), so short-lived processes that never
   * search (most CLI commands) do not pay for it. Every named vector too, the residual bytes only the final
   * re-score reads following in the background (`residualsLoaded`; a search before then reads the rows it needs);
   * or only the `vectors` listed, and of those only the rows a search re-scores: the rest stays in the snapshot
   * file until a search or a change first needs it (as after an open by the first search). Idempotent.
   */
  async warm(options: WarmOptions = {}): Promise<void> {
    this.ensureIndex();
    const { vectors = 'all' } = options;
    this.onIndex(() => this.index.loadVectors(vectors === 'all' ? DENSE_VECTOR_NAMES : vectors, { residuals: false }));
    if (vectors === 'all') this.residualFill = this.index.fillResiduals();
  }

  /** Resolves once the residual rows `warm()` left to the background are all in memory (or it stopped: see `fillResiduals`). */
  get residualsLoaded(): Promise<void> {
    return this.residualFill;
  }

  /**
   * Runs `fn` on the index. A vector still in the snapshot whose sections turn out bad when first read
   * (`SnapshotSectionError`) gets the index rebuilt from SQLite, as a bad snapshot does at open; `fn` then runs
   * again, so it must be safe to repeat (reads, and index updates after a commit, which the rebuild already holds).
   */
  private onIndex<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (!(err instanceof SnapshotSectionError)) throw err;
      this.rebuildAfterBadSection(err.message);
      return fn();
    }
  }

  private rebuildAfterBadSection(reason: string): void {
    const t0 = performance.now();
    this.resetAnn();
    this.rebuildIndex();
    this.dataVersion = this.readDataVersion();
    this.loadMs = performance.now() - t0;
    this.lastLoad = { source: 'rebuild', reason, caughtUp: 0, rows: this.index.liveRows, ms: this.loadMs };
    if (this.options.indexSnapshot !== false) this.saveSnapshot();
    this.maybeStartAnn();
  }

  private ensureIndex(): void {
    if (this.indexReady) return;
    const t0 = performance.now();
    this.dataVersion = this.readDataVersion();
    const useSnapshot = this.options.indexSnapshot !== false;
    const fromSnapshot = useSnapshot ? this.openSnapshot() : { reason: 'snapshots disabled' };
    let report: IndexLoadReport;
    if ('caughtUp' in fromSnapshot) {
      report = { source: 'snapshot', caughtUp: fromSnapshot.caughtUp, rows: this.index.liveRows, ms: 0 };
      if (fromSnapshot.ann) report.ann = fromSnapshot.ann;
    } else {
      this.rebuildIndex();
      report = { source: 'rebuild', reason: fromSnapshot.reason, caughtUp: 0, rows: this.index.liveRows, ms: 0 };
    }
    if (!report.ann && this.index.liveRows >= this.annRouting.minRows) report.ann = { source: 'build', reason: report.source === 'rebuild' ? 'index rebuilt' : 'no HNSW graphs' };
    this.indexReady = true;
    this.resetAnn();
    this.loadMs = report.ms = performance.now() - t0;
    this.lastLoad = report;
    // A snapshot of an older format is rewritten once, so the next open reads it in today's (vectors on demand).
    const outdated = 'outdated' in fromSnapshot && fromSnapshot.outdated;
    const stale = report.source === 'rebuild' ? report.rows > 0 : report.caughtUp >= this.snapshotMinChanges || outdated;
    if (useSnapshot && stale) this.saveSnapshot();
    this.maybeStartAnn();
  }

  private get hnswParams(): HnswParams {
    return { ...DEFAULT_HNSW_PARAMS, ...this.options.hnsw };
  }

  private get annRouting(): AnnRouting {
    return { ...DEFAULT_ANN_ROUTING, ...this.options.annRouting, minRows: this.options.annMinRows ?? DEFAULT_ANN_ROUTING.minRows };
  }

  /** Forgets the graphs of a replaced memory index (they track that index's rows). */
  private resetAnn(): void {
    if (this.annTimer) clearTimeout(this.annTimer);
    this.annTimer = null;
    this.annBuilder = null;
  }

  /** Attaches empty graphs and starts filling them once the store reaches the threshold. */
  private maybeStartAnn(): void {
    if (this.annBuilder || !this.indexReady) return;
    const routing = this.annRouting;
    if (!(this.index.liveRows >= routing.minRows) || !this.vectorsLookDense(routing)) return;
    let set = this.index.annIndex;
    try {
      set ??= HnswSignalSet.create(this.options.embedder.dimension, this.index.liveRows + 1024, this.hnswParams);
    } catch (err) {
      // The native addon did not load (not built on this machine): the exact scan serves every search.
      this.annDense = false;
      if (this.lastLoad) this.lastLoad.ann = { source: 'build', reason: `hnswlib-node unavailable: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
      return;
    }
    this.index.attachAnn(set, routing);
    this.annBuilder = new AnnBuilder(this.conn, this.index, set);
    this.scheduleAnn();
  }

  /**
   * Sparse (hashing) queries never take the graphs (ann-routing.ts), and a store's queries are as dense as its
   * vectors: graphs over sparse vectors would cost minutes and hundreds of MB for nothing. Decided on the latest
   * 32 description vectors.
   */
  private vectorsLookDense(routing: AnnRouting): boolean {
    if (this.annDense === undefined) {
      const dim = this.options.embedder.dimension;
      const sample = this.conn.prepare<[], { description: Buffer }>('SELECT description FROM pattern_vectors ORDER BY pattern_rowid DESC LIMIT 32').all();
      let nnz = 0;
      for (const r of sample) for (const x of fromBlob(r.description)) if (x !== 0) nnz++;
      this.annDense = sample.length > 0 && nnz / (sample.length * dim) >= routing.minQueryDensity;
    }
    return this.annDense;
  }

  /** One bounded build step per timer turn (unref'd: a CLI process exits without waiting for it). */
  private scheduleAnn(): void {
    const builder = this.annBuilder;
    if (this.annTimer || !builder || builder.set.ready || builder.gaveUp) return;
    this.annTimer = setTimeout(() => {
      this.annTimer = null;
      if (this.annBuilder !== builder || !this.db) return;
      if (builder.step(25)) this.onAnnReady();
      else this.scheduleAnn();
    }, 0);
    this.annTimer.unref();
  }

  /** Saves the new graphs with a fresh snapshot: the next open reads them instead of building them again. */
  private onAnnReady(): void {
    if (this.options.indexSnapshot !== false) this.saveSnapshot();
  }

  /**
   * Builds the HNSW graphs now, to the end (benchmarks, tests, a server that prefers waiting to scanning). True
   * when they are in use; false below the threshold.
   */
  async buildAnnIndex(): Promise<boolean> {
    this.ensureIndex();
    this.maybeStartAnn();
    const builder = this.annBuilder;
    if (!builder) return false;
    if (this.annTimer) clearTimeout(this.annTimer);
    this.annTimer = null;
    const done = builder.step(Infinity);
    if (done) this.onAnnReady();
    return done;
  }

  get annStatus(): AnnStatus {
    const set = this.index.annIndex;
    const builder = this.annBuilder;
    const state = !set ? 'off' : set.ready ? 'ready' : builder?.gaveUp ? 'failed' : 'building';
    return { state, rows: set?.size ?? 0, routes: { ...this.index.denseRoutes } };
  }

  private get snapshotMinChanges(): number {
    return this.options.snapshotMinChanges ?? 500;
  }

  private get identity(): SnapshotIdentity {
    return { storeUid: this.storeUid, embedder: { id: this.options.embedder.id, dimension: this.options.embedder.dimension }, layouts: this.denseOptions.layouts };
  }

  /**
   * The index from the snapshot plus the change log, or why not (torn, corrupt, stale, another store or embedder).
   * The HNSW graphs of the same sequence number come with it when the store is over the threshold; the catch-up
   * then updates both.
   */
  private openSnapshot(): { caughtUp: number; ann?: IndexLoadReport['ann']; outdated: boolean } | { reason: string } {
    const { engine, prefilter } = this.denseOptions;
    const sink = (_vector: DenseVectorName, layout: VectorLayout, dimension: number, rows: number): VectorState => {
      if (layout === 'rows') {
        const into = RowIndex.forLoad(dimension, rows, engine, prefilter);
        return { layout, scales: into.scales, cells: into.cells, residuals: into.residuals, signs: into.signs, owner: into.owner };
      }
      const into = ColumnIndex.forLoad(dimension, rows, engine);
      return { layout, scales: into.scales, columns: into.columns, owner: into.owner };
    };
    // Each named vector stays in the file until a search (or a change) first needs it: see `warm`.
    const read = readIndexSnapshot(this.snapshotPath, this.identity, { sink, lazyVectors: true });
    if (!read.ok) return { reason: read.reason };
    const db = this.conn;
    const last = lastSeq(db);
    const opened = MemoryIndex.fromState(read.state, this.denseOptions);
    if (read.header.seq > last) {
      opened.release();
      return { reason: `stale snapshot: it covers change ${read.header.seq}, the database knows only ${last} (an older copy of the database?)` };
    }
    this.index.release();
    this.index = opened;
    this.patternIds.clear();
    this.appliedSeq = read.header.seq;
    const ann = read.state.rows >= this.annRouting.minRows ? this.openAnn(read.header.seq) : undefined;
    let caughtUp: number;
    try {
      caughtUp = this.catchUp(); // a change reads every vector still in the file first
    } catch (err) {
      if (err instanceof SnapshotSectionError) return { reason: err.message };
      throw err;
    }
    if (caughtUp < 0) return { reason: `stale snapshot: it covers changes up to ${read.header.seq}, the change log was pruned past it` };
    const rows = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM patterns').get()?.n ?? 0;
    if (rows !== this.index.liveRows) return { reason: `stale snapshot: ${this.index.liveRows} rows after catch-up, the database holds ${rows}` };
    this.snapshotSeq = read.header.seq;
    return { caughtUp, ann, outdated: read.header.format < INDEX_SNAPSHOT_FORMAT };
  }

  private get hnswPath(): string {
    return this.snapshotPath + HNSW_MANIFEST_SUFFIX;
  }

  /** Attaches the graphs saved with the snapshot at `seq` when they check out (every live row in, nothing else). */
  private openAnn(seq: number): IndexLoadReport['ann'] {
    const read = readHnswFiles(this.hnswPath, this.identity, seq, this.hnswParams.efSearch);
    if (!read.ok) return { source: 'build', reason: read.reason };
    const { set } = read;
    if (set.size !== this.index.liveRows) return { source: 'build', reason: `inconsistent HNSW graphs: ${set.size} rows, the snapshot ${this.index.liveRows}` };
    for (const rowid of set.indexes.description.rowids()) {
      if (this.index.slotOf(rowid) === undefined) return { source: 'build', reason: `inconsistent HNSW graphs: row ${rowid} is not in the snapshot` };
    }
    this.index.attachAnn(set, this.annRouting);
    return { source: 'file' };
  }

  /** Every row from SQLite, in one read transaction (a consistent view together with the log position). */
  private rebuildIndex(): void {
    const db = this.conn;
    db.transaction(() => {
      this.index.release();
      this.index = new MemoryIndex(this.options.embedder.dimension, 1024, this.denseOptions);
      this.patternIds.clear();
      this.appliedSeq = lastSeq(db);
      this.loadIndex();
    })();
  }

  /**
   * Applies the changes logged after `appliedSeq`: a row deleted, moved or re-embedded meanwhile is reloaded, a
   * row the index holds gets its current labels. Returns the number of changed rows, or −1 when the log no longer
   * reaches back to `appliedSeq` (another process published a newer snapshot and pruned it).
   */
  private catchUp(): number {
    const db = this.conn;
    return db.transaction((): number => {
      const last = lastSeq(db);
      if (last === this.appliedSeq) return 0;
      if (this.appliedSeq < prunedTo(db)) return -1;
      const changes = changesSince(db, this.appliedSeq);
      const current = new Map<number, { feedback: string | null; content_feedback: string | null; form_feedback: string | null }>();
      for (const r of db
        .prepare<[string], { id: number; feedback: string | null; content_feedback: string | null; form_feedback: string | null }>(
          'SELECT id, feedback, content_feedback, form_feedback FROM patterns WHERE id IN (SELECT value FROM json_each(?))',
        )
        .iterate(JSON.stringify(changes.map((c) => c.rowid)))) {
        current.set(r.id, r);
      }
      const reload: number[] = [];
      for (const c of changes) {
        this.patternIds.delete(c.rowid);
        const row = current.get(c.rowid);
        if (row && !c.deleted && !c.reload && this.index.slotOf(c.rowid) !== undefined) {
          this.index.setLabels(c.rowid, { feedback: asLabel(row.feedback), contentFeedback: asLabel(row.content_feedback), formFeedback: asLabel(row.form_feedback) });
          continue;
        }
        this.index.remove(c.rowid);
        if (row) reload.push(c.rowid);
      }
      if (reload.length) this.loadIndex(reload);
      this.appliedSeq = last;
      return changes.length;
    })();
  }

  /**
   * Publishes the index as the snapshot, under the write lock: nobody commits meanwhile, so after catching up with
   * other connections every logged change is in the index. Then the log drops what the snapshot covers.
   * A failure is recorded, not thrown: the snapshot only saves time.
   */
  private saveSnapshot(): void {
    const db = this.conn;
    try {
      db.transaction(() => {
        this.syncIfChanged();
        const seq = lastSeq(db);
        if (this.appliedSeq < prunedTo(db)) return;
        writeIndexSnapshot(this.snapshotPath, this.identity, seq, this.index.exportState(), { sparseColumns: this.options.sparseSnapshotColumns === true });
        // The graphs go with the snapshot they match; graphs not complete are removed rather than left stale.
        const ann = this.index.annIndex;
        if (ann?.ready) writeHnswFiles(this.hnswPath, this.identity, seq, ann);
        else removeHnswFiles(this.hnswPath);
        pruneLog(db, seq);
        this.appliedSeq = seq;
        this.snapshotSeq = seq;
      }).immediate();
    } catch (err) {
      if (err instanceof SnapshotSectionError) return this.rebuildAfterBadSection(err.message); // then writes a good one
      if (this.lastLoad) this.lastLoad.snapshotError = err instanceof Error ? err.message : String(err);
    }
  }

  /** Writes a fresh snapshot now (also done by `close()` and after a rebuild). Idempotent; a no-op before any search. */
  async snapshot(): Promise<void> {
    if (this.indexReady && this.options.indexSnapshot !== false) this.saveSnapshot();
  }

  private readDataVersion(): number {
    return this.conn.pragma('data_version', { simple: true }) as number;
  }

  /** Adds every stored row to the memory index, or only the listed rowids (catching up with other writers). */
  private loadIndex(only?: readonly number[]): void {
    const db = this.conn;
    const ids = only ? JSON.stringify(only) : null;
    const pending = only ? only.length : (db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM patterns').get()?.n ?? 0);
    // Room for what is on disk plus some growth, allocated once (doubling from 1k would copy ~2× and overshoot).
    this.index.reserve(this.index.size + pending + 1024);
    const comps = new Map<number, string[]>();
    for (const r of db
      .prepare<[{ ids: string | null }], { pattern_rowid: number; component: string }>(
        'SELECT pattern_rowid, component FROM pattern_components WHERE @ids IS NULL OR pattern_rowid IN (SELECT value FROM json_each(@ids))',
      )
      .iterate({ ids })) {
      let list = comps.get(r.pattern_rowid);
      if (!list) comps.set(r.pattern_rowid, (list = []));
      list.push(r.component);
    }
    const rows = db.prepare<
      [{ ids: string | null }],
      { id: number; namespace: string; feedback: string | null; content_feedback: string | null; form_feedback: string | null; description: Buffer; structure: Buffer; params: Buffer; lexical: string }
    >(
      `SELECT p.id, p.namespace, p.feedback, p.content_feedback, p.form_feedback, v.description, v.structure, v.params, v.lexical
       FROM patterns p JOIN pattern_vectors v ON v.pattern_rowid = p.id
       WHERE @ids IS NULL OR p.id IN (SELECT value FROM json_each(@ids)) ORDER BY p.id`,
    );
    for (const r of rows.iterate({ ids })) {
      this.index.add({
        rowid: r.id,
        namespace: r.namespace,
        labels: { feedback: asLabel(r.feedback), contentFeedback: asLabel(r.content_feedback), formFeedback: asLabel(r.form_feedback) },
        components: comps.get(r.id) ?? [],
        vectors: { description: fromBlob(r.description), structure: fromBlob(r.structure), params: fromBlob(r.params) },
        lexical: JSON.parse(r.lexical) as PatternVectors['lexical'],
      });
    }
  }

  /** Catches up with writes another connection (another process on the same file) committed, from the change log. */
  private syncIfChanged(): void {
    if (!this.indexReady) return;
    const version = this.readDataVersion();
    if (version === this.dataVersion) return;
    this.dataVersion = version;
    if (this.catchUp() < 0) {
      // Another process published a newer snapshot and pruned the log behind us: start again from that snapshot.
      this.indexReady = false;
      this.ensureIndex();
    }
    this.maybeStartAnn();
  }

  async put(record: PatternRecord): Promise<PutResult> {
    return (await this.putMany([record]))[0];
  }

  async putMany(records: readonly PatternRecord[]): Promise<PutResult[]> {
    const db = this.conn;
    this.onIndex(() => this.syncIfChanged());
    for (const r of records) this.checkDimensions(r.vectors);
    const existing = db.prepare<[string, string], Row>('SELECT id, json FROM patterns WHERE namespace = ? AND pattern_id = ?');
    const insert = db.prepare(
      'INSERT INTO patterns (namespace, pattern_id, json, feedback, content_feedback, form_feedback, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const insertComp = db.prepare('INSERT OR IGNORE INTO pattern_components (pattern_rowid, component) VALUES (?, ?)');
    const insertTag = db.prepare('INSERT OR IGNORE INTO pattern_tags (pattern_rowid, tag) VALUES (?, ?)');
    const insertVec = db.prepare('INSERT INTO pattern_vectors (pattern_rowid, description, structure, params, lexical) VALUES (?, ?, ?, ?, ?)');
    const added: Array<{ rowid: number; record: PatternRecord; components: string[] }> = [];
    const results = db
      .transaction((): PutResult[] =>
        records.map((record): PutResult => {
          const p = record.pattern;
          const found = existing.get(p.namespace, p.patternId);
          if (found) return { pattern: JSON.parse(found.json) as InstancePattern, created: false };
          const info = insert.run(p.namespace, p.patternId, JSON.stringify(p), p.feedback, p.contentFeedback, p.formFeedback, p.createdAt);
          const rowid = Number(info.lastInsertRowid);
          const components = patternComponents(p);
          for (const c of components) insertComp.run(rowid, c);
          for (const t of new Set(p.tags)) insertTag.run(rowid, t);
          const v = record.vectors;
          insertVec.run(rowid, toBlob(v.description), toBlob(v.structure), toBlob(v.params), JSON.stringify(v.lexical));
          added.push({ rowid, record, components });
          return { pattern: p, created: true };
        }),
      )
      .immediate();
    // Only after the commit: the index never shows what the database does not hold (a rebuild holds them all).
    this.onIndex(() => {
      for (const { rowid, record, components } of this.indexReady ? added : []) {
        const p = record.pattern;
        this.index.add({
          rowid,
          namespace: p.namespace,
          labels: { feedback: p.feedback, contentFeedback: p.contentFeedback, formFeedback: p.formFeedback },
          components,
          vectors: record.vectors,
          lexical: record.vectors.lexical,
        });
      }
    });
    this.maybeStartAnn();
    return results;
  }

  private checkDimensions(v: PatternVectors): void {
    const want = this.options.embedder.dimension;
    for (const name of DENSE_VECTOR_NAMES) {
      if (v[name].length !== want) {
        throw new MotifError('EMBEDDER_MISMATCH', `vector '${name}' has dimension ${v[name].length}, the store expects ${want} (${this.options.embedder.id})`);
      }
    }
  }

  async get(namespace: string, patternId: string): Promise<InstancePattern | null> {
    const row = this.conn.prepare<[string, string], Row>('SELECT id, json FROM patterns WHERE namespace = ? AND pattern_id = ?').get(namespace, patternId);
    return row ? (JSON.parse(row.json) as InstancePattern) : null;
  }

  async getMany(namespace: string, patternIds: readonly string[]): Promise<InstancePattern[]> {
    if (patternIds.length === 0) return [];
    // One statement for all (a search loads its pool of ~50 this way; single-row lookups cost more at 100k).
    const json = new Map<string, string>();
    for (const row of this.prepared<[string, string], { pattern_id: string; json: string }>(
      'SELECT pattern_id, json FROM patterns WHERE namespace = ? AND pattern_id IN (SELECT value FROM json_each(?))',
    ).all(namespace, JSON.stringify(patternIds))) {
      json.set(row.pattern_id, row.json);
    }
    return patternIds.flatMap((id) => {
      const text = json.get(id);
      return text === undefined ? [] : [JSON.parse(text) as InstancePattern];
    });
  }

  async getVectors(namespace: string, patternId: string): Promise<PatternVectors | null> {
    const row = this.conn
      .prepare<[string, string], { description: Buffer; structure: Buffer; params: Buffer; lexical: string }>(
        `SELECT v.description, v.structure, v.params, v.lexical FROM patterns p
         JOIN pattern_vectors v ON v.pattern_rowid = p.id
         WHERE p.namespace = ? AND p.pattern_id = ?`,
      )
      .get(namespace, patternId);
    if (!row) return null;
    return {
      description: fromBlob(row.description),
      structure: fromBlob(row.structure),
      params: fromBlob(row.params),
      lexical: JSON.parse(row.lexical) as PatternVectors['lexical'],
    };
  }

  async list(query: ListQuery): Promise<Page<InstancePattern>> {
    const { where, params } = filterToSql(query.filter);
    const conds = ['p.namespace = ?', ...where];
    const args: Array<string | number> = [query.namespace, ...params];
    if (query.cursor) {
      const c = decodeCursor(query.cursor);
      conds.push('(p.created_at > ? OR (p.created_at = ? AND p.id > ?))');
      args.push(c.createdAt, c.createdAt, c.rowid);
    }
    const limit = Math.max(1, Math.floor(query.limit));
    const rows = this.conn
      .prepare<Array<string | number>, Row & { created_at: string }>(
        `SELECT p.id, p.json, p.created_at FROM patterns p WHERE ${conds.join(' AND ')} ORDER BY p.created_at, p.id LIMIT ?`,
      )
      .all(...args, limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => JSON.parse(r.json) as InstancePattern),
      nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.created_at, rowid: last.id }) : null,
    };
  }

  async delete(namespace: string, patternId: string): Promise<boolean> {
    const db = this.conn;
    const rowid = db
      .transaction((): number | null => {
        const row = db.prepare<[string, string], Row>('SELECT id, json FROM patterns WHERE namespace = ? AND pattern_id = ?').get(namespace, patternId);
        if (!row) return null;
        for (const table of ['pattern_components', 'pattern_tags', 'pattern_vectors']) {
          db.prepare(`DELETE FROM ${table} WHERE pattern_rowid = ?`).run(row.id);
        }
        db.prepare('DELETE FROM patterns WHERE id = ?').run(row.id);
        db.prepare('DELETE FROM feedback_votes WHERE namespace = ? AND pattern_id = ?').run(namespace, patternId);
        db.prepare('DELETE FROM families WHERE namespace = ? AND parent_id = ?').run(namespace, patternId);
        return row.id;
      })
      .immediate();
    if (rowid === null) return false;
    this.index.remove(rowid);
    this.patternIds.delete(rowid);
    return true;
  }

  async addFeedback(namespace: string, patternId: string, votes: readonly FeedbackVoteInput[], at: Date, apply: FeedbackRule): Promise<InstancePattern> {
    const db = this.conn;
    const when = at.toISOString();
    const latest = db.prepare<[string, string, string], TimedVote & { id: number }>(
      'SELECT id, dimension, polarity, at FROM feedback_votes WHERE namespace = ? AND pattern_id = ? AND dimension = ? ORDER BY at DESC, id DESC LIMIT 1',
    );
    const { rowid, pattern } = db
      .transaction(() => {
        const row = db.prepare<[string, string], Row>('SELECT id, json FROM patterns WHERE namespace = ? AND pattern_id = ?').get(namespace, patternId);
        if (!row) throw notFound('pattern', patternId);
        const insert = db.prepare('INSERT INTO feedback_votes (pattern_id, namespace, dimension, polarity, at) VALUES (?, ?, ?, ?, ?)');
        for (const v of votes) insert.run(patternId, namespace, v.dimension, v.polarity, when);
        const recent = [latest.get(namespace, patternId, 'content'), latest.get(namespace, patternId, 'form')]
          .filter((v): v is TimedVote & { id: number } => v !== undefined)
          .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id - b.id))
          .map(({ dimension, polarity, at: votedAt }): TimedVote => ({ dimension, polarity, at: votedAt }));
        const next = apply(JSON.parse(row.json) as InstancePattern, votes.map((v) => ({ dimension: v.dimension, polarity: v.polarity, at: when })), recent);
        db.prepare('UPDATE patterns SET json = ?, feedback = ?, content_feedback = ?, form_feedback = ? WHERE id = ?').run(
          JSON.stringify(next),
          next.feedback,
          next.contentFeedback,
          next.formFeedback,
          row.id,
        );
        return { rowid: row.id, pattern: next };
      })
      .immediate();
    this.index.setLabels(rowid, pattern);
    return pattern;
  }

  async search(request: StoreSearchRequest): Promise<StoreSearchHit[]> {
    this.ensureIndex();
    return this.onIndex(() => this.searchIndex(request));
  }

  private searchIndex(request: StoreSearchRequest): StoreSearchHit[] {
    this.syncIfChanged();
    const extra = hasSqlOnlyConditions(request.filter) ? this.sqlOnlyRowids(request) : undefined;
    const exclude = request.excludeIds?.length ? this.rowidsOf(request.namespace, request.excludeIds) : undefined;
    const mask = this.index.mask(request.namespace, request.filter, extra, exclude);
    if (!mask) return [];
    // The union of the signals' top lists, keyed by rowid; fusion is the caller's (HybridSearcher).
    const union = new Map<number, Partial<Record<SignalName, SignalContribution>>>();
    const collect = (signal: SignalName, hits: ReadonlyArray<{ rowid: number; score: number }>): void =>
      hits.forEach((h, i) => {
        let signals = union.get(h.rowid);
        if (!signals) union.set(h.rowid, (signals = {}));
        signals[signal] = { rank: i + 1, score: h.score };
      });
    for (const name of DENSE_VECTOR_NAMES) {
      const q = request.dense[name];
      if (!q) continue;
      if (q.length !== this.options.embedder.dimension) {
        throw new MotifError('EMBEDDER_MISMATCH', `query vector '${name}' has dimension ${q.length}, the store expects ${this.options.embedder.dimension}`);
      }
      collect(name, this.index.search(name as DenseVectorName, q, request.prefetchLimit, mask));
    }
    if (request.lexical && request.lexical.sparse.indices.length) {
      collect('lexical', this.index.searchLexical(request.lexical.sparse.indices, request.prefetchLimit, mask));
    }
    if (union.size === 0) return [];
    // Rows not seen before get their pattern ids in one statement (~1 µs a row at 100k; repeats cost nothing).
    const unknown = [...union.keys()].filter((rowid) => !this.patternIds.has(rowid));
    if (unknown.length) {
      for (const row of this.prepared<[string], { id: number; pattern_id: string }>(
        'SELECT id, pattern_id FROM patterns WHERE id IN (SELECT value FROM json_each(?))',
      ).all(JSON.stringify(unknown))) {
        this.patternIds.set(row.id, row.pattern_id);
      }
    }
    const hits: StoreSearchHit[] = [];
    for (const [rowid, signals] of union) {
      const patternId = this.patternIds.get(rowid);
      if (patternId !== undefined) hits.push({ patternId, signals });
    }
    return hits;
  }

  private sqlOnlyRowids(request: StoreSearchRequest): Set<number> {
    const { where, params } = filterToSql(request.filter, { sqlOnly: true });
    const rows = this.conn
      .prepare<Array<string | number>, { id: number }>(`SELECT p.id FROM patterns p WHERE ${['p.namespace = ?', ...where].join(' AND ')}`)
      .all(request.namespace, ...params);
    return new Set(rows.map((r) => r.id));
  }

  private rowidsOf(namespace: string, patternIds: readonly string[]): Set<number> {
    const stmt = this.conn.prepare<[string, string], { id: number }>('SELECT id FROM patterns WHERE namespace = ? AND pattern_id = ?');
    const out = new Set<number>();
    for (const id of patternIds) {
      const r = stmt.get(namespace, id);
      if (r) out.add(r.id);
    }
    return out;
  }

  async saveFamily(family: VariationFamily): Promise<void> {
    this.conn
      .prepare('INSERT INTO families (namespace, parent_id, json) VALUES (?, ?, ?) ON CONFLICT (namespace, parent_id) DO UPDATE SET json = excluded.json')
      .run(family.namespace, family.parentId, JSON.stringify(family));
  }

  async getFamily(namespace: string, parentId: string): Promise<VariationFamily | null> {
    const row = this.conn.prepare<[string, string], { json: string }>('SELECT json FROM families WHERE namespace = ? AND parent_id = ?').get(namespace, parentId);
    return row ? (JSON.parse(row.json) as VariationFamily) : null;
  }

  async deleteFamily(namespace: string, parentId: string): Promise<boolean> {
    return this.conn.prepare('DELETE FROM families WHERE namespace = ? AND parent_id = ?').run(namespace, parentId).changes > 0;
  }

  async count(namespace?: string): Promise<number> {
    const row =
      namespace === undefined
        ? this.conn.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM patterns').get()
        : this.conn.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM patterns WHERE namespace = ?').get(namespace);
    return row?.n ?? 0;
  }

  async stats(): Promise<StoreStats> {
    const families = this.conn.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM families').get()?.n ?? 0;
    return { backend: 'embedded', patterns: await this.count(), families, embedder: { id: this.options.embedder.id, dimension: this.options.embedder.dimension }, location: this.path };
  }

  /** Random id of this database, recorded at creation (snapshots and migrations key off it). */
  get uid(): string {
    return this.storeUid;
  }

  /** Up to `limit` patterns after `afterRowid`, in rowid order, with their latest votes (streaming export). */
  exportBatch(afterRowid: number, limit: number): ExportedRow[] {
    return readExportBatch(this.conn, afterRowid, limit);
  }

  /** Patterns after `afterRowid` (0: all). */
  countAfter(afterRowid: number): number {
    return countAfter(this.conn, afterRowid);
  }

  /** Rows scored exactly by dense searches over vectors held in rows, since open (the sign-bit pre-selection's work). */
  get denseRowsScored(): number {
    return this.index.denseRowsScored;
  }

  /** The dense scan engine in use (`wasm` falls back to `js` where the kernel cannot run). */
  get denseScanEngine(): DenseScanEngine {
    return this.index.engine;
  }

  /** Named vectors the open index has not read from its snapshot yet (each is read when a search first needs it). */
  get vectorsInSnapshot(): DenseVectorName[] {
    return this.index.pendingVectors;
  }

  /** Per rows-layout vector whose residuals are still in the snapshot: how many of its rows searches have read. */
  get residualRowsRead(): Partial<Record<DenseVectorName, number>> {
    return this.index.residualRowsRead;
  }

  /** Bytes held by the in-memory search index. */
  get indexBytes(): number {
    return this.index.bytes;
  }

  async ping(): Promise<void> {
    this.conn.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.db && this.indexReady && this.options.indexSnapshot !== false) {
      // Rewrite the snapshot when enough changed since it (a server: whenever anything did), so the next open is one read.
      const pending = lastSeq(this.db) - Math.max(0, this.snapshotSeq);
      if (pending >= this.snapshotMinChanges || (pending > 0 && this.options.eagerIndex) || this.snapshotSeq < 0) this.saveSnapshot();
    }
    this.resetAnn();
    this.index.release();
    await this.residualFill; // its read in flight, if any, ends (and lets go of the file) first
    this.db?.close();
    this.db = null;
    this.statements.clear();
  }
}

const asLabel = (v: string | null): 'positive' | 'negative' | null => (v === 'positive' || v === 'negative' ? v : null);
