import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { resolveConfig } from '@motif/core-types';
import { createMotifContainer } from '@motif/patterns';
import { run } from './run';
import { memoryIo } from './testing/memory-io';

/**
 * Crash safety of imports: a child process importing patterns is killed with SIGKILL mid-import.
 * After a restart every acknowledged pattern is there, the database passes its integrity check,
 * and no pattern exists without its vectors, components or full-text row.
 */
jest.setTimeout(180_000);

const ROOT = join(__dirname, '..', '..', '..');
const BIN = join(ROOT, 'apps', 'cli', 'bin', 'motif.js');
// Each DSL with params for every node it holds; `n` buttons per DSL.
const DSLS = ['§[δ]', '§[δ, Ƀ[ᵬ×2]]', '§[δ, Ƀ[ᵬ]]'];
const patternLine = (i: number): string => {
  const n = [0, 2, 1][i % 3];
  const buttons = Array.from({ length: n }, (_, k) => ({ text: `Track ${k}`, url: `https://shop.example.com/o/${i}/${k}` }));
  return JSON.stringify({ description: `Crash import card ${i}: order ${i * 13} shipped to warehouse ${i % 11}`, dsl: DSLS[i % DSLS.length], instanceParams: { text: `Order #${i}`, topLabel: `wh-${i % 11}`, ...(n ? { buttons } : {}) }, tags: [`t${i % 4}`] });
};

/**
 * The writer: the compiled runtime (what the CLI runs), `storeMany` in batches of 25; after each
 * batch resolves it prints the acknowledged ids, one a line. It never finishes on its own.
 */
const writerSource = (patternsDist: string, coreTypesDist: string) => `
const { createMotifContainer } = require(${JSON.stringify(patternsDist)});
const { resolveConfig } = require(${JSON.stringify(coreTypesDist)});
const dataDir = process.argv[2];
const DSLS = ${JSON.stringify(DSLS)};
const line = ${patternLine.toString()};
(async () => {
  const runtime = await createMotifContainer({ ...resolveConfig({ env: { MOTIF_EMBEDDER: 'hashing' }, flags: { dataDir } }), logLevel: 'silent' });
  for (let batch = 0; ; batch++) {
    const inputs = Array.from({ length: 25 }, (_, k) => JSON.parse(line(batch * 25 + k)));
    const outcomes = await runtime.service.storeMany(inputs);
    const ids = outcomes.map((o) => { if (!o.ok) throw new Error(o.error.message); return o.result.pattern.patternId; });
    process.stdout.write(ids.join('\\n') + '\\n');
  }
})().catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });
`;

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'motif-fault-crash-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

beforeAll(() => {
  // Incremental: a no-op when the dist is current.
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', join(ROOT, 'apps', 'cli'), join(ROOT, 'libs', 'patterns')], { cwd: ROOT, stdio: 'pipe' });
});

/** Runs a child until it has printed `acks` lines (or `when()` holds, for a child that prints nothing), plus `extraMs`, then SIGKILLs it. */
function runAndKill(args: string[], until: { acks?: number; when?: () => boolean }, extraMs: number): Promise<{ acked: string[]; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'silent', MOTIF_EMBEDDER: 'hashing' } });
    const acked: string[] = [];
    let buffer = '';
    let stderr = '';
    let killing = false;
    const kill = () => {
      if (killing) return;
      killing = true;
      setTimeout(() => child.kill('SIGKILL'), extraMs);
    };
    const poll = until.when && setInterval(() => {
      if (until.when!()) kill();
    }, 20);
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      acked.push(...lines.filter(Boolean));
      if (until.acks !== undefined && acked.length >= until.acks) kill();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (poll) clearInterval(poll);
      return signal === 'SIGKILL' ? resolve({ acked, stderr }) : reject(new Error(`child exited with ${code} before the kill: ${stderr}`));
    });
  });
}

/** Integrity and "no partial pattern" checks on the raw database; returns the pattern count. */
function checkDatabase(dataDir: string): number {
  const db = new Database(join(dataDir, 'motif.db'), { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
    expect(count('SELECT COUNT(*) AS n FROM patterns p WHERE NOT EXISTS (SELECT 1 FROM pattern_vectors v WHERE v.pattern_rowid = p.id)')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM patterns p WHERE NOT EXISTS (SELECT 1 FROM pattern_components c WHERE c.pattern_rowid = p.id)')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM pattern_vectors v WHERE NOT EXISTS (SELECT 1 FROM patterns p WHERE p.id = v.pattern_rowid)')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM pattern_components c WHERE NOT EXISTS (SELECT 1 FROM patterns p WHERE p.id = c.pattern_rowid)')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM pattern_vectors')).toBe(count('SELECT COUNT(*) AS n FROM patterns'));
    return count('SELECT COUNT(*) AS n FROM patterns');
  } finally {
    db.close();
  }
}

describe('SIGKILL mid-import', () => {
  it.each([
    [50, 0],
    [150, 5],
  ])('a batch writer on the compiled runtime: every acknowledged pattern survives, none is partial (kill after %i acks + %i ms)', async (acks, extraMs) => {
    const dataDir = tmp();
    const script = join(dataDir, 'writer.js');
    writeFileSync(script, writerSource(join(ROOT, 'libs', 'patterns', 'dist', 'index.js'), join(ROOT, 'libs', 'core-types', 'dist', 'index.js')));
    const { acked } = await runAndKill([script, dataDir], { acks }, extraMs);
    expect(acked.length).toBeGreaterThanOrEqual(acks);

    const stored = checkDatabase(dataDir);
    expect(stored).toBeGreaterThanOrEqual(acked.length);
    // Batches are all-or-nothing: nothing from a half-written batch.
    expect(stored % 25).toBe(0);

    const runtime = await createMotifContainer({ ...resolveConfig({ env: { MOTIF_EMBEDDER: 'hashing' }, flags: { dataDir } }), logLevel: 'silent' });
    try {
      const got = await Promise.all(acked.map((id) => runtime.service.get(id)));
      expect(got.map((p) => p.patternId)).toEqual(acked);
      // The store takes writes again after the crash.
      expect((await runtime.service.store(JSON.parse(patternLine(1_000_000)))).created).toBe(true);
    } finally {
      await runtime.close();
    }
  });

  it('the built `motif import`: after the kill the database is intact, and re-running the import completes it', async () => {
    const dataDir = tmp();
    const file = join(dataDir, 'in.jsonl');
    const total = 6_000;
    writeFileSync(file, Array.from({ length: total }, (_, i) => patternLine(i)).join('\n') + '\n');
    // `motif import` prints only a final summary, so it is killed once the database (read beside it) holds some batches.
    const stored = (): number => {
      try {
        const db = new Database(join(dataDir, 'motif.db'), { readonly: true, fileMustExist: true });
        try {
          return (db.prepare('SELECT COUNT(*) AS n FROM patterns').get() as { n: number }).n;
        } finally {
          db.close();
        }
      } catch {
        return 0; // not created yet, or the schema is still being written
      }
    };
    await runAndKill([BIN, '--data-dir', dataDir, 'import', file, '--batch-size', '50', '--json'], { when: () => stored() >= 500 }, 3);
    const before = checkDatabase(dataDir);
    expect(before).toBeGreaterThanOrEqual(500);
    expect(before).toBeLessThan(total);
    expect(before % 50).toBe(0);

    const io = memoryIo({ cwd: dataDir });
    expect(await run(['--data-dir', dataDir, 'import', file, '--json'], io)).toBe(0);
    expect(JSON.parse(io.out())).toEqual({ total, created: total - before, alreadyPresent: before, failed: [] });
    expect(checkDatabase(dataDir)).toBe(total);
  });
});
