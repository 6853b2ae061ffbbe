import { closeSync, fstatSync, fsyncSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';
import { DENSE_VECTOR_NAMES, type DenseVectorName } from '@motif/core-types';
import { fsyncDir } from './fsync';
import type { MemoryIndexState, VectorState } from './memory-index';
import { COLUMN_LAYOUTS, type VectorLayout, type VectorLayouts } from './vector-layout';

/** File (beside `motif.db`) holding the embedded store's search index as of one change-log sequence number. */
export const INDEX_SNAPSHOT_FILE = 'motif.index';

const MAGIC = 'MOTIFIX1';
/** 2 added `layouts` and the `rows` layout's sections; a format-1 file holds every vector in columns. */
const FORMAT = 2;
const READABLE_FORMATS: readonly number[] = [1, 2];
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
  writtenAt: string;
}

export type SnapshotRead =
  | { ok: true; header: SnapshotHeader; state: MemoryIndexState }
  | { ok: false; reason: string };

type Typed = Uint8Array | Int8Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;

/**
 * Layout: a 32-byte preamble (magic, header length, header CRC-32, body length, body CRC-32), a JSON header, then
 * 8-byte-aligned sections — per-slot columns, one Int8 block per named vector (`columns` layout: dimension-major,
 * column d is bytes [d·rows, (d+1)·rows); `rows` layout: rows of `rowStride(dim)` bytes, their residuals alike, then the sign bits,
 * `signStride(dim)` bytes a row), and the BM25 postings in compressed-row form. One read brings it all in; every typed
 * array of the loaded index is a view into that one buffer.
 */
function sectionsOf(state: MemoryIndexState): Array<[string, Typed[]]> {
  const out: Array<[string, Typed[]]> = [
    ['slotRowid', [state.slotRowid]],
    ['nsIds', [state.nsIds]],
    ['codes', state.codes],
    ['components', state.components.map((c) => c.mask)],
  ];
  for (const k of DENSE_VECTOR_NAMES) {
    const v = state.vectors[k];
    out.push([`${k}.scales`, [v.scales]]);
    if (v.layout === 'rows') out.push([`${k}.rows`, [v.cells]], [`${k}.residuals`, [v.residuals]], [`${k}.signs`, [v.signs]]);
    else out.push([`${k}.columns`, v.columns]);
  }
  const b = state.bm25;
  out.push(['bm25.docLen', [b.docLen]], ['bm25.terms', [b.terms]], ['bm25.offsets', [b.offsets]], ['bm25.slots', [b.slots]], ['bm25.tfs', [b.tfs]]);
  return out;
}

const pad8 = (n: number): number => (n + 7) & ~7;
const bytesOf = (a: Typed): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** Writes the snapshot to a temporary file, fsyncs it and renames it into place: readers see the old or the new one. */
export function writeIndexSnapshot(path: string, identity: SnapshotIdentity, seq: number, state: MemoryIndexState): number {
  const parts = sectionsOf(state);
  // Offsets are relative to the body first; the header's length is known only once they are in it.
  const rel: Record<string, [number, number]> = {};
  let bodyLen = 0;
  for (const [name, arrays] of parts) {
    const len = arrays.reduce((s, a) => s + a.byteLength, 0);
    rel[name] = [bodyLen, len];
    bodyLen = pad8(bodyLen + len);
  }
  const headerOf = (base: number): Buffer => {
    const sections: Record<string, [number, number]> = {};
    for (const [name, [off, len]] of Object.entries(rel)) sections[name] = [base + off, len];
    const header: SnapshotHeader = {
      format: FORMAT,
      ...identity,
      seq,
      rows: state.rows,
      namespaces: state.namespaces,
      components: state.components.map((c) => c.name),
      docs: state.bm25.docs,
      totalLen: state.bm25.totalLen,
      sections,
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
  let crc = 0;
  const zeros = new Uint8Array(8);
  for (const [, arrays] of parts) {
    let len = 0;
    for (const a of arrays) {
      crc = crc32(bytesOf(a), crc);
      len += a.byteLength;
    }
    if (pad8(len) > len) crc = crc32(zeros.subarray(0, pad8(len) - len), crc);
  }
  const preamble = Buffer.alloc(PREAMBLE);
  preamble.write(MAGIC, 0, 'latin1');
  preamble.writeUInt32LE(json.length, 8);
  preamble.writeUInt32LE(crc32(json), 12);
  preamble.writeDoubleLE(bodyLen, 16);
  preamble.writeUInt32LE(crc >>> 0, 24);
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
 * and copied). The state, with its `owner`, is handed back.
 */
export type VectorSink = (vector: DenseVectorName, layout: VectorLayout, dimension: number, rows: number) => VectorState;

/** Bytes per row of the `rows` layout's cells and sign bits (RowIndex's strides: multiples of 32). */
export const rowStride = (dimension: number): number => Math.ceil(dimension / 32) * 32;
export const signStride = (dimension: number): number => Math.ceil(Math.ceil(dimension / 8) / 32) * 32;

/** A vector state's sections: name, the byte arrays that hold it (in order) and the length it must have. */
function vectorSections(k: DenseVectorName, v: VectorState, dim: number, rows: number): Array<[string, Uint8Array[], number]> {
  const bytes = (a: Int8Array | Uint8Array | Float32Array, len: number): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, len);
  const scales: [string, Uint8Array[], number] = [`${k}.scales`, [bytes(v.scales, 4 * rows)], 4 * rows];
  if (v.layout === 'rows') {
    const cells = rows * rowStride(dim);
    const signs = rows * signStride(dim);
    return [scales, [`${k}.rows`, [bytes(v.cells, cells)], cells], [`${k}.residuals`, [bytes(v.residuals, cells)], cells], [`${k}.signs`, [bytes(v.signs, signs)], signs]];
  }
  return [scales, [`${k}.columns`, v.columns.map((c) => bytes(c, rows)), dim * rows]];
}

const layoutsText = (l: VectorLayouts): string => DENSE_VECTOR_NAMES.map((k) => `${k} ${l[k]}`).join(', ');

/** One read of the file, in order: `[file offset, destination]` (destinations tile the body exactly). */
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

/**
 * Reads and checks a snapshot: magic, format, both CRC-32s, exact length, identity and every section's bounds.
 * Anything off comes back as a reason (the caller rebuilds from SQLite); a snapshot is never half-trusted.
 * The header is checked before the body is read; vector sections are read into `sink`'s arrays when given.
 */
export function readIndexSnapshot(path: string, expect: SnapshotIdentity, sink?: VectorSink): SnapshotRead {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'no snapshot' : `unreadable snapshot (${code ?? String(err)})` };
  }
  try {
    return readOpen(fd, expect, sink);
  } catch (err) {
    return { ok: false, reason: `unreadable snapshot (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` };
  } finally {
    closeSync(fd);
  }
}

function readOpen(fd: number, expect: SnapshotIdentity, sink?: VectorSink): SnapshotRead {
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
  if (!READABLE_FORMATS.includes(header.format)) return { ok: false, reason: `snapshot format ${header.format}, this build reads ${READABLE_FORMATS.join(' and ')}` };
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
  // Vector sections straight into the sink's arrays; everything between them into `buf`, in file order.
  const sunk = new Map<string, Uint8Array[]>();
  const sinks = {} as Record<DenseVectorName, VectorState>;
  if (sink) {
    for (const k of DENSE_VECTOR_NAMES as readonly DenseVectorName[]) {
      const into = sink(k, layouts[k], dim, rows);
      sinks[k] = into;
      for (const [name, dests, len] of vectorSections(k, into, dim, rows)) {
        if (sections[name]?.[1] !== len) return { ok: false, reason: `inconsistent snapshot: section ${k} does not hold ${rows} rows` };
        sunk.set(name, dests);
      }
    }
  }
  const placed = [...sunk.keys()].map((name) => ({ name, off: sections[name][0], len: sections[name][1] })).sort((a, b) => a.off - b.off);
  const segments: Segment[] = [];
  let at = bodyStart;
  for (const { name, off, len } of placed) {
    if (off < at || off + len > size) return { ok: false, reason: `inconsistent snapshot: section ${name} out of bounds` };
    if (off > at) segments.push([at, buf.subarray(at, off)]);
    let p = off;
    for (const dest of sunk.get(name) ?? []) {
      segments.push([p, dest]);
      p += dest.length;
    }
    at = off + len;
  }
  if (at < size) segments.push([at, buf.subarray(at, size)]);
  if (readSegments(fd, segments) !== pre.readUInt32LE(24)) return { ok: false, reason: 'corrupt snapshot body (CRC mismatch)' };
  return viewsOf(buf, header, bodyStart, dim, rows, layouts, sink ? sinks : null);
}

function viewsOf(buf: Buffer, header: SnapshotHeader, bodyStart: number, dim: number, rows: number, layouts: VectorLayouts, sinks: Record<DenseVectorName, VectorState> | null): SnapshotRead {
  const { sections } = header;
  // Typed-array views need aligned offsets; a buffer of our own allocation starts at 0, but do not rely on it.
  const base = buf.byteOffset % 8 === 0 ? buf : Buffer.from(buf);
  const view = <T extends Typed>(name: string, ctor: { new (b: ArrayBufferLike, o: number, l: number): T; BYTES_PER_ELEMENT: number }, count?: number): T => {
    const s = sections[name];
    if (!s) throw new Error(`section ${name} missing`);
    const [off, len] = s;
    if (off % 8 !== 0 || off < bodyStart || off + len > base.length || len % ctor.BYTES_PER_ELEMENT !== 0) throw new Error(`section ${name} out of bounds`);
    const n = len / ctor.BYTES_PER_ELEMENT;
    if (count !== undefined && n !== count) throw new Error(`section ${name} holds ${n} values, expected ${count}`);
    return new ctor(base.buffer, base.byteOffset + off, n);
  };
  const split = <T extends Typed>(whole: T, parts: number, each: number): T[] => Array.from({ length: parts }, (_, i) => whole.subarray(i * each, (i + 1) * each) as T);
  try {
    const codes = split(view('codes', Uint8Array, 3 * rows), 3, rows) as [Uint8Array, Uint8Array, Uint8Array];
    const masks = split(view('components', Uint8Array, header.components.length * rows), header.components.length, rows);
    const vectors = {} as MemoryIndexState['vectors'];
    for (const k of DENSE_VECTOR_NAMES as readonly DenseVectorName[]) {
      const scales = (): Float32Array => view(`${k}.scales`, Float32Array, rows);
      vectors[k] =
        sinks?.[k] ??
        (layouts[k] === 'rows'
          ? {
              layout: 'rows',
              scales: scales(),
              cells: view(`${k}.rows`, Int8Array, rows * rowStride(dim)),
              residuals: view(`${k}.residuals`, Int8Array, rows * rowStride(dim)),
              signs: view(`${k}.signs`, Uint8Array, rows * signStride(dim)),
            }
          : { layout: 'columns', scales: scales(), columns: split(view(`${k}.columns`, Int8Array, dim * rows), dim, rows) });
    }
    const terms = view('bm25.terms', Uint32Array);
    const offsets = view('bm25.offsets', Uint32Array, terms.length + 1);
    const slots = view('bm25.slots', Int32Array);
    const tfs = view('bm25.tfs', Uint16Array, slots.length);
    if (offsets[terms.length] !== slots.length) throw new Error('BM25 offsets do not cover the postings');
    for (let i = 0; i < slots.length; i++) if (slots[i] < 0 || slots[i] >= rows) throw new Error('BM25 posting outside the rows');
    const nsIds = view('nsIds', Int32Array, rows);
    for (let i = 0; i < rows; i++) if (nsIds[i] < 0 || nsIds[i] >= header.namespaces.length) throw new Error('namespace id outside the table');
    const state: MemoryIndexState = {
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
    return { ok: false, reason: `inconsistent snapshot: ${(err as Error).message}` };
  }
}
