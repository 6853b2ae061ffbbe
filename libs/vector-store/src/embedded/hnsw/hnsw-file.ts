import { closeSync, fstatSync, openSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';
import { DENSE_VECTOR_NAMES, type DenseVectorName } from '@motif/core-types';
import { fsyncDir, fsyncFile } from '../fsync';
import type { SnapshotIdentity } from '../index-snapshot';
import { HnswDenseIndex, type HnswParams } from './hnsw-dense-index';
import { HnswSignalSet } from './hnsw-signal-set';

/**
 * Beside the index snapshot: one hnswlib graph file per dense signal (`motif.index.hnsw.<signal>`) and a manifest
 * (`motif.index.hnsw`) written last, naming the snapshot's change-log sequence number and each graph file's length
 * and CRC-32. The graphs are used only with the snapshot of the same sequence number (the change log after it
 * catches both up); a torn, corrupt or stale set is reported and rebuilt, never trusted.
 */
export const HNSW_MANIFEST_SUFFIX = '.hnsw';
const FORMAT = 1;

interface HnswManifest extends SnapshotIdentity {
  format: number;
  seq: number;
  rows: number;
  m: number;
  efConstruction: number;
  graphs: Record<DenseVectorName, { bytes: number; crc: number; deleted: number[] }>;
  writtenAt: string;
}

export type HnswRead = { ok: true; set: HnswSignalSet; seq: number } | { ok: false; reason: string };

const graphPath = (manifestPath: string, k: DenseVectorName): string => `${manifestPath}.${k}`;

/** CRC-32 of a whole file, read in 64 MiB pieces (graphs reach hundreds of MB). */
function fileCrc(path: string): { bytes: number; crc: number } {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const chunk = Buffer.allocUnsafe(Math.min(size, 64 << 20) || 1);
    let crc = 0;
    for (let at = 0; at < size; ) {
      const n = readSync(fd, chunk, 0, Math.min(chunk.length, size - at), at);
      if (n === 0) break;
      crc = crc32(chunk.subarray(0, n), crc);
      at += n;
    }
    return { bytes: size, crc: crc >>> 0 };
  } finally {
    closeSync(fd);
  }
}

/** Writes every graph (temporary file, fsync, rename), then the manifest the same way. Returns the bytes written. */
export function writeHnswFiles(manifestPath: string, identity: SnapshotIdentity, seq: number, set: HnswSignalSet): number {
  const graphs = {} as HnswManifest['graphs'];
  let total = 0;
  for (const k of DENSE_VECTOR_NAMES) {
    const path = graphPath(manifestPath, k);
    const tmp = `${path}.${process.pid}.tmp`;
    try {
      set.indexes[k].write(tmp);
      fsyncFile(tmp);
      const { bytes, crc } = fileCrc(tmp);
      renameSync(tmp, path);
      graphs[k] = { bytes, crc, deleted: set.indexes[k].deletedLabels };
      total += bytes;
    } catch (err) {
      rmSync(tmp, { force: true });
      throw err;
    }
  }
  const { m, efConstruction } = set.indexes.description.params;
  const manifest: HnswManifest = { format: FORMAT, ...identity, seq, rows: set.size, m, efConstruction, graphs, writtenAt: new Date().toISOString() };
  const json = JSON.stringify(manifest);
  const text = `${crc32(json) >>> 0}\n${json}`;
  const tmp = `${manifestPath}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  fsyncFile(tmp);
  renameSync(tmp, manifestPath);
  fsyncDir(dirname(manifestPath));
  return total + text.length;
}

/** Removes the manifest (graph files without it are never read) and the graphs. */
export function removeHnswFiles(manifestPath: string): void {
  rmSync(manifestPath, { force: true });
  for (const k of DENSE_VECTOR_NAMES) rmSync(graphPath(manifestPath, k), { force: true });
}

/**
 * The graphs for the snapshot at `seq`, or why not: absent, torn/corrupt manifest, another database, embedder or
 * dimension, another sequence number (stale), or a graph file whose length or CRC-32 differs from the manifest's.
 */
export function readHnswFiles(manifestPath: string, expect: SnapshotIdentity, seq: number, efSearch: number): HnswRead {
  let text: string;
  try {
    text = readFileSync(manifestPath, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'no HNSW file' : `unreadable HNSW manifest (${code ?? String(err)})` };
  }
  const nl = text.indexOf('\n');
  const json = nl < 0 ? '' : text.slice(nl + 1);
  if (nl < 0 || String(crc32(json) >>> 0) !== text.slice(0, nl)) return { ok: false, reason: 'torn HNSW manifest (CRC mismatch)' };
  let manifest: HnswManifest;
  try {
    manifest = JSON.parse(json) as HnswManifest;
  } catch {
    return { ok: false, reason: 'corrupt HNSW manifest (not JSON)' };
  }
  if (manifest.format !== FORMAT) return { ok: false, reason: `HNSW format ${manifest.format}, this build reads ${FORMAT}` };
  if (manifest.storeUid !== expect.storeUid) return { ok: false, reason: 'HNSW graphs of another database' };
  if (manifest.embedder?.id !== expect.embedder.id || manifest.embedder?.dimension !== expect.embedder.dimension) return { ok: false, reason: 'HNSW graphs of another embedder' };
  if (manifest.seq !== seq) return { ok: false, reason: `stale HNSW graphs: they cover change ${manifest.seq}, the snapshot ${seq}` };
  const indexes = {} as Record<DenseVectorName, HnswDenseIndex>;
  for (const k of DENSE_VECTOR_NAMES) {
    const g = manifest.graphs?.[k];
    if (!g) return { ok: false, reason: `HNSW manifest lacks the ${k} graph` };
    const path = graphPath(manifestPath, k);
    let got: { bytes: number; crc: number };
    try {
      got = fileCrc(path);
    } catch (err) {
      return { ok: false, reason: `unreadable HNSW graph ${k} (${(err as NodeJS.ErrnoException).code ?? String(err)})` };
    }
    if (got.bytes !== g.bytes) return { ok: false, reason: `torn HNSW graph ${k}: ${got.bytes} bytes, manifest says ${g.bytes}` };
    if (got.crc !== g.crc) return { ok: false, reason: `corrupt HNSW graph ${k} (CRC mismatch)` };
    const params: HnswParams = { m: manifest.m, efConstruction: manifest.efConstruction, efSearch };
    try {
      indexes[k] = HnswDenseIndex.read(path, expect.embedder.dimension, params, g.deleted);
    } catch (err) {
      return { ok: false, reason: `unreadable HNSW graph ${k} (${(err as Error).message})` };
    }
    if (indexes[k].size !== manifest.rows) return { ok: false, reason: `inconsistent HNSW graph ${k}: ${indexes[k].size} live rows, manifest says ${manifest.rows}` };
  }
  const set = new HnswSignalSet(indexes);
  set.ready = true;
  return { ok: true, set, seq };
}
