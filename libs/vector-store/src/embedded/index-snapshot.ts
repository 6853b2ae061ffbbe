import { closeSync, fstatSync, fsyncSync, openSync, read as readAsync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';
import { DENSE_VECTOR_NAMES, type DenseVectorName } from '@motif/core-types';
import { fsyncDir } from './fsync';
import { decodeSparseColumns, encodeSparseColumns } from './sparse-columns';
import type { MemoryIndexState, OpenedIndexState, VectorState } from './memory-index';
import type { ResidualRows } from './row-index';
import { COLUMN_LAYOUTS, type VectorLayout, type VectorLayouts } from './vector-layout';

/** File (beside `motif.db`) holding the embedded store's search index as of one change-log sequence number. */
export const INDEX_SNAPSHOT_FILE = 'motif.index';

const MAGIC = 'MOTIFIX1';
/**
 * 2 added `layouts` and the `rows` layout's sections (a format-1 file holds every vector in columns); 3 gives every
 * section a CRC-32 of its own in the header (`crcs`) in place of one over the body, so a vector's sections can be
 * read and checked when a search first needs them; 4 stores a columns vector by its non-zero cells when that is
 * smaller (`sparseStarts`, `sparseGaps`, `sparseValues` in place of `columns`: a third of the bytes or less for
 * hashing vectors). Formats 1 and 2 are read whole, as before; 3 as 4 without sparse columns.
 */
export const INDEX_SNAPSHOT_FORMAT = 4;
const READABLE_FORMATS: readonly number[] = [1, 2, 3, 4];
const PREAMBLE = 32;

/** What a snapshot must match to be used for a store: the same database, embedder, dimension and vector layouts. */
export interface SnapshotIdentity {
  storeUid: string;
  embedder: { id: string; dimension: number };
  layouts: VectorLayouts;
}

export interface SnapshotHeader extends SnapshotIdentity {
  format: number;
  /** Change-log sequence number the snapshot covers: changes after it are caught up from SQLite. */
  seq: number;
  rows: number;
  namespaces: string[];
  components: string[];
  docs: number;
  totalLen: number;
  /** Section name → [byte offset in the file, byte length]. */
  sections: Record<string, [number, number]>;
  /** Format 3: section name → CRC-32 of its bytes (the preamble's body CRC is then 0). */
  crcs?: Record<string, number>;
  writtenAt: string;
}

export type SnapshotRead =
  | { ok: true; header: SnapshotHeader; state: OpenedIndexState }
  | { ok: false; reason: string };

/** A vector section read on first use did not check out: the index it belongs to must be rebuilt from SQLite. */
export class SnapshotSectionError extends Error {}

/**
 * A named vector whose sections are still in the snapshot file: `load()` reads them into the sink's arrays and
 * checks their CRCs (throwing `SnapshotSectionError`), once. The file stays open until every such vector of it is
 * loaded or `release()` is called, so a snapshot another process renames over it meanwhile changes nothing here.
 */
export interface PendingVector {
  readonly layout: VectorLayout;
  readonly pending: true;
  load(): VectorState;
  release(): void;
}

type Typed = Uint8Array | Int8Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;

/**
 * Layout: a 32-byte preamble (magic, header length, header CRC-32, body length, body CRC-32), a JSON header, then
 * 8-byte-aligned sections — per-slot columns, one Int8 block per named vector (`columns` layout: dimension-major,
 * column d is bytes [d·rows, (d+1)·rows), or only its non-zero cells when fewer (`SparseColumns`); `rows` layout: rows of `rowStride(dim)` bytes, their residuals alike, then the sign bits,
 * `signStride(dim)` bytes a row, and a CRC-32 per residual row), and the BM25 postings in compressed-row form. Each
 * section is read on its own and checked against its CRC in the header; what is not read into the dense scan's own
 * memory is a view into one buffer of the file's size.
 */
function sectionsOf(state: MemoryIndexState, sparseColumns: boolean): Array<[string, Typed[]]> {
  const out: Array<[string, Typed[]]> = [
    ['slotRowid', [state.slotRowid]],
    ['nsIds', [state.nsIds]],
    ['codes', state.codes],
    ['components', state.components.map((c) => c.mask)],
  ];
  for (const k of DENSE_VECTOR_NAMES) {
    const v = state.vectors[k];
    out.push([`${k}.scales`, [v.scales]]);
    if (v.layout === 'rows') {
      out.push([`${k}.rows`, [v.cells]], [`${k}.residuals`, [v.residuals]], [`${k}.signs`, [v.signs]]);
      out.push([`${k}.residualCrcs`, [rowCrcs(v.residuals, state.rows)]]);
    }
    else {
      const sparse = sparseColumns ? encodeSparseColumns(v.columns, state.rows) : null;
      if (sparse) out.push([`${k}.sparseStarts`, [sparse.starts]], [`${k}.sparseGaps`, [sparse.gaps]], [`${k}.sparseValues`, [sparse.values]]);
      else out.push([`${k}.columns`, v.columns]);
    }
  }
  const b = state.bm25;
  out.push(['bm25.docLen', [b.docLen]], ['bm25.terms', [b.terms]], ['bm25.offsets', [b.offsets]], ['bm25.slots', [b.slots]], ['bm25.tfs', [b.tfs]]);
  return out;
}

const pad8 = (n: number): number => (n + 7) & ~7;

/** CRC-32 of each of `rows` equal rows of `bytes`: a residual row read on its own is checked against its own. */
function rowCrcs(residuals: Int8Array, rows: number): Uint32Array {
  const out = new Uint32Array(rows);
  if (rows === 0) return out;
  const stride = residuals.length / rows;
  const bytes = bytesOf(residuals);
  for (let r = 0; r < rows; r++) out[r] = crc32(bytes.subarray(r * stride, (r + 1) * stride)) >>> 0;
  return out;
}
const bytesOf = (a: Typed): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

export interface SnapshotWriteOptions {
  /**
   * Store a columns vector by its non-zero cells where that is smaller. Off by default: decoding them costs more
   * than reading the dense columns from the page cache; a smaller file for a slower open.
   */
  sparseColumns?: boolean;
}

/** Writes the snapshot to a temporary file, fsyncs it and renames it into place: readers see the old or the new one. */
export function writeIndexSnapshot(path: string, identity: SnapshotIdentity, seq: number, state: MemoryIndexState, options: SnapshotWriteOptions = {}): number {
  const parts = sectionsOf(state, options.sparseColumns === true);
  // Offsets are relative to the body first; the header's length is known only once they are in it.
  const rel: Record<string, [number, number]> = {};
  let bodyLen = 0;
  for (const [name, arrays] of parts) {
    const len = arrays.reduce((s, a) => s + a.byteLength, 0);
    rel[name] = [bodyLen, len];
    bodyLen = pad8(bodyLen + len);
  }
  const crcs: Record<string, number> = {};
  for (const [name, arrays] of parts) crcs[name] = arrays.reduce((crc, a) => crc32(bytesOf(a), crc), 0) >>> 0;
  const headerOf = (base: number): Buffer => {
    const sections: Record<string, [number, number]> = {};
    for (const [name, [off, len]] of Object.entries(rel)) sections[name] = [base + off, len];
    const header: SnapshotHeader = {
      format: INDEX_SNAPSHOT_FORMAT,
      ...identity,
      seq,
      rows: state.rows,
      namespaces: state.namespaces,
      components: state.components.map((c) => c.name),
      docs: state.bm25.docs,
      totalLen: state.bm25.totalLen,
      sections,
      crcs,
      writtenAt: new Date().toISOString(),
    };
    return Buffer.from(JSON.stringify(header), 'utf8');
  };
  // The header's length depends on the offsets' digits: settle it (converges in one or two passes).
  let headerLen = headerOf(0).length;
  let json = headerOf(pad8(PREAMBLE + headerLen));
  while (json.length !== headerLen) {
    headerLen = json.length;
    json = headerOf(pad8(PREAMBLE + headerLen));
  }
  const bodyStart = pad8(PREAMBLE + json.length);
  const zeros = new Uint8Array(8);
  const preamble = Buffer.alloc(PREAMBLE);
  preamble.write(MAGIC, 0, 'latin1');
  preamble.writeUInt32LE(json.length, 8);
  preamble.writeUInt32LE(crc32(json), 12);
  preamble.writeDoubleLE(bodyLen, 16);
  preamble.writeUInt32LE(0, 24); // format 3: the sections' CRCs are in the header
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, preamble);
    writeSync(fd, json);
    writeSync(fd, zeros, 0, bodyStart - PREAMBLE - json.length);
    for (const [, arrays] of parts) {
      let len = 0;
      for (const a of arrays) {
        const bytes = bytesOf(a);
        for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, Math.min(bytes.length - off, 1 << 30));
        len += a.byteLength;
      }
      if (pad8(len) > len) writeSync(fd, zeros, 0, pad8(len) - len);
    }
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  renameSync(tmp, path);
  fsyncDir(dirname(path));
  return bodyStart + bodyLen;
}


/**
 * Where a named vector's sections go as they are read, in the snapshot's layout for it: its row scales and cells
 * (e.g. views into the dense scan engine's own memory, so the largest sections are read in place rather than read
 * and copied), zero-filled: sparse columns write only their non-zero cells. The state, with its `owner`, is handed back.
 */
export type VectorSink = (vector: DenseVectorName, layout: VectorLayout, dimension: number, rows: number) => VectorState;

export interface SnapshotReadOptions {
  /** Vector sections are read into the arrays it hands out (else into the file's one buffer). */
  sink?: VectorSink;
  /**
   * Leave every named vector in the file until first use: the state holds `PendingVector`s for them (format 3;
   * older formats have one CRC over the whole body, so they are always read whole).
   */
  lazyVectors?: boolean;
}

/** Bytes per row of the `rows` layout's cells and sign bits (RowIndex's strides: multiples of 32). */
export const rowStride = (dimension: number): number => Math.ceil(dimension / 32) * 32;
export const signStride = (dimension: number): number => Math.ceil(Math.ceil(dimension / 8) / 32) * 32;

type Sections = SnapshotHeader['sections'];

/** Whether a columns vector is stored by its non-zero cells (format 4). */
const isSparse = (sections: Sections, k: DenseVectorName): boolean => `${k}.sparseValues` in sections;

/**
 * A named vector's sections in the given layout, with the byte length each must have (for sparse columns, the
 * number of cells is the one `sparseValues` declares; the decoder checks that it adds up).
 */
function vectorSectionLengths(k: DenseVectorName, layout: VectorLayout, dim: number, rows: number, sections: Sections): Array<[string, number]> {
  const scales: [string, number] = [`${k}.scales`, 4 * rows];
  if (layout === 'rows') {
    const cells = rows * rowStride(dim);
    return [scales, [`${k}.rows`, cells], [`${k}.residuals`, cells], [`${k}.signs`, rows * signStride(dim)]];
  }
  if (isSparse(sections, k)) {
    const cells = sections[`${k}.sparseValues`][1];
    return [scales, [`${k}.sparseStarts`, 4 * (dim + 1)], [`${k}.sparseGaps`, 2 * cells], [`${k}.sparseValues`, cells]];
  }
  return [scales, [`${k}.columns`, dim * rows]];
}

/** The byte arrays of a vector state that its sections are read into, in `vectorSectionLengths` order. */
function vectorDestinations(v: VectorState, dim: number, rows: number): Uint8Array[][] {
  const bytes = (a: Int8Array | Uint8Array | Float32Array, len: number): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, len);
  const scales = [bytes(v.scales, 4 * rows)];
  if (v.layout === 'rows') {
    const cells = rows * rowStride(dim);
    return [scales, [bytes(v.cells, cells)], [bytes(v.residuals, cells)], [bytes(v.signs, rows * signStride(dim))]];
  }
  return [scales, v.columns.map((c) => bytes(c, rows))];
}

const layoutsText = (l: VectorLayouts): string => DENSE_VECTOR_NAMES.map((k) => `${k} ${l[k]}`).join(', ');

/** One read of the file, in order: `[file offset, destination]`. */
type Segment = [number, Uint8Array];

function readSegments(fd: number, segments: readonly Segment[]): number {
  let crc = 0;
  for (const [at, dest] of segments) {
    for (let off = 0; off < dest.length; ) {
      const n = readSync(fd, dest, off, Math.min(dest.length - off, 1 << 30), at + off);
      if (n === 0) throw new Error(`snapshot ended at ${at + off}`);
      off += n;
    }
    crc = crc32(dest, crc);
  }
  return crc >>> 0;
}

/** Reads `into` from `at` without blocking the event loop (the file's use is the caller's to hold). */
function readFully(fd: number, into: Uint8Array, at: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const step = (off: number): void => {
      if (off === into.length) return resolve();
      readAsync(fd, into, off, into.length - off, at + off, (err, n) => {
        if (err) return reject(err);
        if (n === 0) return reject(new Error(`snapshot ended at ${at + off}`));
        step(off + n);
      });
    };
    step(0);
  });
}

/** The open snapshot file, closed once nothing pending needs it. */
class SnapshotFile {
  private users = 0;
  private closed = false;
  constructor(readonly fd: number) {}
  use(): void {
    this.users++;
  }
  done(): void {
    if (--this.users <= 0) this.close();
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}

/**
 * Reads and checks a snapshot: magic, format, the CRC-32s, exact length, identity and every section's bounds.
 * Anything off comes back as a reason (the caller rebuilds from SQLite); a snapshot is never half-trusted.
 * The header is checked before the body is read. With `lazyVectors` (format 3), the named vectors' sections are
 * checked when loaded, and a bad one then throws `SnapshotSectionError`.
 */
export function readIndexSnapshot(path: string, expect: SnapshotIdentity, options: SnapshotReadOptions = {}): SnapshotRead {
  let file: SnapshotFile;
  try {
    file = new SnapshotFile(openSync(path, 'r'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'no snapshot' : `unreadable snapshot (${code ?? String(err)})` };
  }
  file.use(); // this read's own use; pending vectors add theirs
  try {
    return readOpen(file, expect, options);
  } catch (err) {
    file.close();
    return { ok: false, reason: `unreadable snapshot (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` };
  } finally {
    file.done();
  }
}

function readOpen(file: SnapshotFile, expect: SnapshotIdentity, options: SnapshotReadOptions): SnapshotRead {
  const { fd } = file;
  const size = fstatSync(fd).size;
  const pre = Buffer.alloc(PREAMBLE);
  if (size < PREAMBLE || readSync(fd, pre, 0, PREAMBLE, 0) < PREAMBLE || pre.toString('latin1', 0, 8) !== MAGIC) {
    return { ok: false, reason: 'not a snapshot (bad magic or truncated preamble)' };
  }
  const headerLen = pre.readUInt32LE(8);
  const bodyLen = pre.readDoubleLE(16);
  const bodyStart = pad8(PREAMBLE + headerLen);
  if (size !== bodyStart + bodyLen) return { ok: false, reason: `torn snapshot: ${size} bytes, header says ${bodyStart + bodyLen}` };
  // One buffer for the whole file (one allocation, pages touched only where read), so section offsets stay file offsets.
  const buf = Buffer.allocUnsafeSlow(size);
  pre.copy(buf);
  if (readSync(fd, buf, PREAMBLE, headerLen, PREAMBLE) < headerLen) return { ok: false, reason: 'torn snapshot: header cut short' };
  const json = buf.subarray(PREAMBLE, PREAMBLE + headerLen);
  if (crc32(json) !== pre.readUInt32LE(12)) return { ok: false, reason: 'corrupt snapshot header (CRC mismatch)' };
  let header: SnapshotHeader;
  try {
    header = JSON.parse(json.toString('utf8')) as SnapshotHeader;
  } catch {
    return { ok: false, reason: 'corrupt snapshot header (not JSON)' };
  }
  if (!READABLE_FORMATS.includes(header.format)) return { ok: false, reason: `snapshot format ${header.format}, this build reads ${READABLE_FORMATS.join(', ')}` };
  const layouts = header.layouts ?? COLUMN_LAYOUTS;
  if (DENSE_VECTOR_NAMES.some((k) => layouts[k] !== expect.layouts[k])) {
    return { ok: false, reason: `snapshot holds vectors as ${layoutsText(layouts)}, the store uses ${layoutsText(expect.layouts)}` };
  }
  if (header.storeUid !== expect.storeUid) return { ok: false, reason: 'snapshot of another database' };
  if (header.embedder?.id !== expect.embedder.id || header.embedder?.dimension !== expect.embedder.dimension) {
    return { ok: false, reason: `snapshot built with embedder '${header.embedder?.id}' (${header.embedder?.dimension}-d), the store uses '${expect.embedder.id}' (${expect.embedder.dimension}-d)` };
  }
  const { rows, sections } = header;
  const dim = header.embedder.dimension;
  for (const [name, [off, len]] of Object.entries(sections)) {
    if (off < bodyStart || off + len > size) return { ok: false, reason: `inconsistent snapshot: section ${name} out of bounds` };
  }
  for (const k of DENSE_VECTOR_NAMES as readonly DenseVectorName[]) {
    for (const [name, len] of vectorSectionLengths(k, layouts[k], dim, rows, sections)) {
      if (sections[name]?.[1] !== len) return { ok: false, reason: `inconsistent snapshot: section ${k} does not hold ${rows} rows` };
    }
  }
  const body = { buf, header, bodyStart, dim, rows, layouts };
  if (header.format < 3) {
    const whole = readWhole(fd, body, options.sink);
    if (whole.crc !== pre.readUInt32LE(24)) return { ok: false, reason: 'corrupt snapshot body (CRC mismatch)' };
    const vectors = {} as OpenedIndexState['vectors'];
    for (const k of DENSE_VECTOR_NAMES as readonly DenseVectorName[]) vectors[k] = whole.sunk?.[k] ?? vectorViews(body, k);
    return viewsOf(body, vectors);
  }
  const crcs = header.crcs ?? {};
  /** Reads section `name` into `dests` (which tile it, in order) and checks its CRC. */
  const check = (name: string, dests: Uint8Array[]): boolean => {
    let at = sections[name][0];
    const segments = dests.map((dest): Segment => {
      const seg: Segment = [at, dest];
      at += dest.length;
      return seg;
    });
    return readSegments(fd, segments) === crcs[name];
  };
  const vectorNames = new Set(DENSE_VECTOR_NAMES.flatMap((k) => vectorSectionLengths(k, layouts[k], dim, rows, sections).map(([name]) => name)));
  const inBuf = (name: string): Uint8Array => buf.subarray(sections[name][0], sections[name][0] + sections[name][1]);
  for (const name of Object.keys(sections)) {
    if (vectorNames.has(name)) continue;
    if (!check(name, [inBuf(name)])) return { ok: false, reason: `corrupt snapshot body: section ${name} (CRC mismatch)` };
  }
  /**
   * Reads one vector's sections (into the sink's arrays, else the buffer) and checks them; null when one is off.
   * Lazily opened, a rows vector leaves its residuals in the file, read a row at a time (`ResidualRows`).
   */
  const loadVector = (k: DenseVectorName): VectorState | null => {
    const into = options.sink?.(k, layouts[k], dim, rows);
    const names = vectorSectionLengths(k, layouts[k], dim, rows, sections);
    if (layouts[k] === 'columns' && isSparse(sections, k)) return loadSparse(k, names, into);
    const dests = into ? vectorDestinations(into, dim, rows) : names.map(([name]) => [inBuf(name)]);
    const rowCrcSection = `${k}.residualCrcs`;
    const leaveResiduals = options.lazyVectors === true && layouts[k] === 'rows' && sections[rowCrcSection]?.[1] === 4 * rows;
    for (let i = 0; i < names.length; i++) {
      if (leaveResiduals && names[i][0] === `${k}.residuals`) continue;
      if (!check(names[i][0], dests[i])) return null;
    }
    const v = into ?? vectorViews(body, k);
    if (leaveResiduals && v.layout === 'rows') v.residualRows = residualRows(file, k, sections[`${k}.residuals`], crcs[`${k}.residuals`], sectionView(body, rowCrcSection, Uint32Array, rows));
    return v;
  };
  /** Sparse columns: the scales into their destination, the cells into the buffer, then decoded into the columns. */
  const loadSparse = (k: DenseVectorName, names: Array<[string, number]>, into: VectorState | undefined): VectorState | null => {
    const [scales, ...cells] = names.map(([name]) => name);
    if (!check(scales, [into ? bytesOf(into.scales).subarray(0, 4 * rows) : inBuf(scales)])) return null;
    for (const name of cells) if (!check(name, [inBuf(name)])) return null;
    const v: VectorState = into ?? { layout: 'columns', scales: sectionView(body, scales, Float32Array, rows), columns: split(new Int8Array(dim * rows), dim, rows) };
    if (v.layout !== 'columns') throw new Error(`the sink gave rows for the ${k} vector, held in columns`);
    try {
      decodeSparseColumns(
        { starts: sectionView(body, `${k}.sparseStarts`, Uint32Array, dim + 1), gaps: sectionView(body, `${k}.sparseGaps`, Uint16Array), values: sectionView(body, `${k}.sparseValues`, Int8Array) },
        rows,
        v.columns,
      );
    } catch (err) {
      throw new SnapshotSectionError(`inconsistent snapshot: the ${k} vector's sparse columns (${(err as Error).message})`);
    }
    return v;
  };
  const vectors = {} as OpenedIndexState['vectors'];
  for (const k of DENSE_VECTOR_NAMES as readonly DenseVectorName[]) {
    if (options.lazyVectors) {
      vectors[k] = pendingVector(file, k, layouts[k], loadVector);
      continue;
    }
    let v: VectorState | null;
    try {
      v = loadVector(k);
    } catch (err) {
      if (err instanceof SnapshotSectionError) return { ok: false, reason: err.message };
      throw err;
    }
    if (!v) return { ok: false, reason: `corrupt snapshot body: section of ${k} (CRC mismatch)` };
    vectors[k] = v;
  }
  return viewsOf(body, vectors);
}

/** A rows vector's residual section left in the file: rows read (and checked) one at a time, or all at once. */
function residualRows(file: SnapshotFile, k: DenseVectorName, [off, len]: [number, number], sectionCrc: number | undefined, crcs: Uint32Array): ResidualRows {
  file.use();
  let released = false;
  const stride = crcs.length === 0 ? 0 : len / crcs.length;
  const notReleased = (): void => {
    if (released) throw new SnapshotSectionError(`the snapshot's ${k} residuals were released before they were read`);
  };
  const unreadable = (err: unknown): SnapshotSectionError =>
    new SnapshotSectionError(`unreadable snapshot: the ${k} residuals (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  /** Reads `into` from file offset `at`; the CRC-32 of what was read. */
  const read = (at: number, into: Int8Array): number => {
    notReleased();
    try {
      return readSegments(file.fd, [[at, bytesOf(into)]]);
    } catch (err) {
      throw unreadable(err);
    }
  };
  return {
    readRows: async (from, to) => {
      notReleased();
      const into = new Int8Array((to - from) * stride);
      file.use(); // an in-flight read keeps the descriptor open past a release
      try {
        await readFully(file.fd, bytesOf(into), off + from * stride);
      } catch (err) {
        throw unreadable(err);
      } finally {
        file.done();
      }
      const got = rowCrcs(into, to - from);
      for (let r = from; r < to; r++) {
        if (got[r - from] !== crcs[r]) throw new SnapshotSectionError(`corrupt snapshot body: residual row ${r} of the ${k} vector (CRC mismatch)`);
      }
      return into;
    },
    readRow: (row, into) => {
      if (read(off + row * stride, into) !== crcs[row]) throw new SnapshotSectionError(`corrupt snapshot body: residual row ${row} of the ${k} vector (CRC mismatch), found when a search first needed it`);
    },
    readAll: (into) => {
      if (read(off, into) !== sectionCrc) throw new SnapshotSectionError(`corrupt snapshot body: the residuals of the ${k} vector (CRC mismatch)`);
    },
    release: () => {
      if (released) return;
      released = true;
      file.done();
    },
  };
}

function pendingVector(file: SnapshotFile, k: DenseVectorName, layout: VectorLayout, loadVector: (k: DenseVectorName) => VectorState | null): PendingVector {
  file.use();
  let settled = false;
  const settle = (): void => {
    if (settled) return;
    settled = true;
    file.done();
  };
  return {
    layout,
    pending: true,
    load: () => {
      if (settled) throw new SnapshotSectionError(`the snapshot's ${k} vector was released before it was loaded`);
      try {
        const v = loadVector(k);
        if (!v) throw new SnapshotSectionError(`corrupt snapshot body: a section of the ${k} vector (CRC mismatch), found when a search first needed it`);
        return v;
      } catch (err) {
        if (err instanceof SnapshotSectionError) throw err;
        throw new SnapshotSectionError(`unreadable snapshot: the ${k} vector (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
      } finally {
        settle();
      }
    },
    release: settle,
  };
}

interface SnapshotBody {
  buf: Buffer;
  header: SnapshotHeader;
  bodyStart: number;
  dim: number;
  rows: number;
  layouts: VectorLayouts;
}

/**
 * Formats 1 and 2: the whole body in one pass, vector sections into the sink's arrays when given. Returns the
 * body's CRC-32 and the sink's vector states.
 */
function readWhole(fd: number, body: SnapshotBody, sink?: VectorSink): { crc: number; sunk?: Record<DenseVectorName, VectorState> } {
  const { buf, header, bodyStart, dim, rows, layouts } = body;
  const { sections } = header;
  const size = buf.length;
  const sunk = new Map<string, Uint8Array[]>();
  let states: Record<DenseVectorName, VectorState> | undefined;
  if (sink) {
    states = {} as Record<DenseVectorName, VectorState>;
    for (const k of DENSE_VECTOR_NAMES as readonly DenseVectorName[]) {
      const into = sink(k, layouts[k], dim, rows);
      states[k] = into;
      const dests = vectorDestinations(into, dim, rows);
      vectorSectionLengths(k, layouts[k], dim, rows, sections).forEach(([name], i) => sunk.set(name, dests[i]));
    }
  }
  // Vector sections straight into the sink's arrays; everything between them into `buf`, in file order.
  const placed = [...sunk.keys()].map((name) => ({ name, off: sections[name][0], len: sections[name][1] })).sort((a, b) => a.off - b.off);
  const segments: Segment[] = [];
  let at = bodyStart;
  for (const { name, off, len } of placed) {
    if (off < at) throw new Error(`section ${name} overlaps another`);
    if (off > at) segments.push([at, buf.subarray(at, off)]);
    let p = off;
    for (const dest of sunk.get(name) ?? []) {
      segments.push([p, dest]);
      p += dest.length;
    }
    at = off + len;
  }
  if (at < size) segments.push([at, buf.subarray(at, size)]);
  return { crc: readSegments(fd, segments), sunk: states };
}

type TypedCtor<T extends Typed> = { new (b: ArrayBufferLike, o: number, l: number): T; BYTES_PER_ELEMENT: number };

/** A typed-array view of a section (bounds, alignment and, when given, the element count checked). */
function sectionView<T extends Typed>(body: SnapshotBody, name: string, ctor: TypedCtor<T>, count?: number): T {
  const { buf, header, bodyStart } = body;
  const s = header.sections[name];
  if (!s) throw new Error(`section ${name} missing`);
  const [off, len] = s;
  // Typed-array views need aligned offsets: the buffer is of our own allocation (offset 0), sections 8-aligned.
  if (off % 8 !== 0 || buf.byteOffset % 8 !== 0 || off < bodyStart || off + len > buf.length || len % ctor.BYTES_PER_ELEMENT !== 0) throw new Error(`section ${name} out of bounds`);
  const n = len / ctor.BYTES_PER_ELEMENT;
  if (count !== undefined && n !== count) throw new Error(`section ${name} holds ${n} values, expected ${count}`);
  return new ctor(buf.buffer, buf.byteOffset + off, n);
}

const split = <T extends Typed>(whole: T, parts: number, each: number): T[] => Array.from({ length: parts }, (_, i) => whole.subarray(i * each, (i + 1) * each) as T);

/** A named vector as views into the buffer (its sections already read). */
function vectorViews(body: SnapshotBody, k: DenseVectorName): VectorState {
  const { dim, rows, layouts } = body;
  const scales = sectionView(body, `${k}.scales`, Float32Array, rows);
  return layouts[k] === 'rows'
    ? {
        layout: 'rows',
        scales,
        cells: sectionView(body, `${k}.rows`, Int8Array, rows * rowStride(dim)),
        residuals: sectionView(body, `${k}.residuals`, Int8Array, rows * rowStride(dim)),
        signs: sectionView(body, `${k}.signs`, Uint8Array, rows * signStride(dim)),
      }
    : { layout: 'columns', scales, columns: split(sectionView(body, `${k}.columns`, Int8Array, dim * rows), dim, rows) };
}

function viewsOf(body: SnapshotBody, vectors: OpenedIndexState['vectors']): SnapshotRead {
  const { header, dim, rows } = body;
  const view = <T extends Typed>(name: string, ctor: TypedCtor<T>, count?: number): T => sectionView(body, name, ctor, count);
  try {
    const codes = split(view('codes', Uint8Array, 3 * rows), 3, rows) as [Uint8Array, Uint8Array, Uint8Array];
    const masks = split(view('components', Uint8Array, header.components.length * rows), header.components.length, rows);
    const terms = view('bm25.terms', Uint32Array);
    const offsets = view('bm25.offsets', Uint32Array, terms.length + 1);
    const slots = view('bm25.slots', Int32Array);
    const tfs = view('bm25.tfs', Uint16Array, slots.length);
    if (offsets[terms.length] !== slots.length) throw new Error('BM25 offsets do not cover the postings');
    for (let i = 0; i < slots.length; i++) if (slots[i] < 0 || slots[i] >= rows) throw new Error('BM25 posting outside the rows');
    const nsIds = view('nsIds', Int32Array, rows);
    for (let i = 0; i < rows; i++) if (nsIds[i] < 0 || nsIds[i] >= header.namespaces.length) throw new Error('namespace id outside the table');
    const state: OpenedIndexState = {
      dimension: dim,
      rows,
      slotRowid: view('slotRowid', Float64Array, rows),
      nsIds,
      codes,
      namespaces: header.namespaces,
      components: header.components.map((name, i) => ({ name, mask: masks[i] })),
      vectors,
      bm25: { docLen: view('bm25.docLen', Float32Array, rows), docs: header.docs, totalLen: header.totalLen, terms, offsets, slots, tfs },
    };
    return { ok: true, header, state };
  } catch (err) {
    for (const k of DENSE_VECTOR_NAMES) {
      const v = vectors[k];
      if ('pending' in v) v.release();
    }
    return { ok: false, reason: `inconsistent snapshot: ${(err as Error).message}` };
  }
}
