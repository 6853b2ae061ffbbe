import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { generateJsonl } from './generate-patterns';
import { readRss, sampleAt, type RssSample } from './process-memory';

/**
 * Long fault run: `motif import` of a large generated JSONL file (default 100k lines) as a child
 * process, its RSS sampled every 200 ms beside its progress (patterns already in the database).
 * The importer streams when RSS stays flat between 10 % and 90 % of the progress.
 *
 *   npx tsc -b tools/fault && node tools/fault/dist/import-memory.js [lines]
 */
const ROOT = join(__dirname, '..', '..', '..');
const BIN = join(ROOT, 'apps', 'cli', 'bin', 'motif.js');
const SAMPLE_MS = 200;
const MB = 1024 * 1024;

interface ImportSummary {
  total: number;
  created: number;
  alreadyPresent: number;
  failed: unknown[];
}

function writeInput(file: string, lines: number): void {
  const fd = openSync(file, 'w');
  try {
    for (let from = 0; from < lines; from += 10_000) writeSync(fd, generateJsonl(from, Math.min(lines, from + 10_000)));
  } finally {
    closeSync(fd);
  }
}

/** Patterns stored so far, read beside the writer (WAL: readers never block it); 0 until the schema exists. */
function storedCounter(dbFile: string): () => number {
  let db: Database.Database | undefined;
  return () => {
    try {
      db ??= existsSync(dbFile) ? new Database(dbFile, { readonly: true, fileMustExist: true }) : undefined;
      return db ? (db.prepare('SELECT COUNT(*) AS n FROM patterns').get() as { n: number }).n : 0;
    } catch {
      return 0;
    }
  };
}

async function main(): Promise<void> {
  const lines = Number(process.argv[2] ?? 100_000);
  if (!Number.isInteger(lines) || lines < 1) throw new Error(`usage: import-memory.js [lines] (got ${process.argv[2]})`);
  if (!existsSync(join(ROOT, 'apps', 'cli', 'dist', 'main.js'))) throw new Error('build the CLI first: npx tsc -b apps/cli');
  const dir = mkdtempSync(join(tmpdir(), 'motif-import-memory-'));
  try {
    const file = join(dir, 'patterns.jsonl');
    writeInput(file, lines);
    const dataDir = join(dir, 'data');
    const stored = storedCounter(join(dataDir, 'motif.db'));
    console.log(`input: ${lines} lines, ${(statSync(file).size / MB).toFixed(1)} MB`);

    const started = performance.now();
    const child = spawn(process.execPath, [BIN, '--data-dir', dataDir, 'import', file, '--json'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'silent', MOTIF_EMBEDDER: process.env.MOTIF_EMBEDDER ?? 'hashing' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const samples: RssSample[] = [];
    const timer = setInterval(() => {
      const rss = child.pid === undefined ? undefined : readRss(child.pid);
      if (rss !== undefined) samples.push({ atMs: performance.now() - started, rss, progress: stored() / lines });
    }, SAMPLE_MS);
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    clearInterval(timer);
    const seconds = (performance.now() - started) / 1000;
    if (code !== 0 && code !== 9) throw new Error(`motif import exited with ${code}: ${err}`);
    const summary = JSON.parse(out) as ImportSummary;

    const peak = Math.max(...samples.map((s) => s.rss));
    const at = (f: number) => sampleAt(samples, f);
    const fmt = (s: RssSample | undefined) => (s ? `${(s.rss / MB).toFixed(1)} MB (at ${(s.atMs / 1000).toFixed(1)} s)` : 'n/a');
    const [p10, p50, p90] = [at(0.1), at(0.5), at(0.9)];
    console.log(`created ${summary.created}, already present ${summary.alreadyPresent}, failed ${summary.failed.length} of ${summary.total}`);
    console.log(`duration ${seconds.toFixed(1)} s, ${(summary.total / seconds).toFixed(0)} records/s (process start included)`);
    console.log(`samples ${samples.length} every ${SAMPLE_MS} ms; peak RSS ${(peak / MB).toFixed(1)} MB`);
    console.log(`RSS at 10 % ${fmt(p10)}, 50 % ${fmt(p50)}, 90 % ${fmt(p90)}`);
    if (p10 && p90) console.log(`growth 10 % → 90 %: ${((p90.rss - p10.rss) / MB).toFixed(1)} MB (${(((p90.rss - p10.rss) / p10.rss) * 100).toFixed(1)} %)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
