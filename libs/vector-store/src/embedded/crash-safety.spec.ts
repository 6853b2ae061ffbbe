import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DEFAULT_NAMESPACE } from '@motif/core-types';
import { HashingEmbedder } from '../embedding/hashing-embedder';
import { EmbeddedPatternStore } from './embedded-pattern-store';

/** Runs the writer until it has acknowledged `acks` ids plus a little more, then SIGKILLs it. */
function runAndKill(dir: string, acks: number, extraMs: number): Promise<{ acked: string[]; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(__dirname, 'testing', 'crash-writer.js'), dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: string[] = [];
    let buffer = '';
    let stderr = '';
    let killing = false;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      acked.push(...lines.filter(Boolean));
      if (!killing && acked.length >= acks) {
        killing = true;
        setTimeout(() => child.kill('SIGKILL'), extraMs);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve({ acked, signal }) : reject(new Error(`writer exited early: ${stderr}`))));
  });
}

describe('embedded store crash safety (kill -9 mid-write)', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it.each([
    [25, 0],
    [40, 7],
  ])('keeps every acknowledged pattern and never a partial one (after %i acks + %i ms)', async (acks, extraMs) => {
    const dir = mkdtempSync(join(tmpdir(), 'motif-crash-'));
    dirs.push(dir);
    const { acked, signal } = await runAndKill(dir, acks, extraMs);
    expect(signal).toBe('SIGKILL');
    expect(acked.length).toBeGreaterThanOrEqual(acks);

    const db = new Database(join(dir, 'motif.db'));
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
      // No pattern without its vectors (dense and term frequencies) or components, and nothing orphaned.
      expect(count('SELECT COUNT(*) AS n FROM patterns p LEFT JOIN pattern_vectors v ON v.pattern_rowid = p.id WHERE v.pattern_rowid IS NULL')).toBe(0);
      expect(count('SELECT COUNT(*) AS n FROM patterns p WHERE NOT EXISTS (SELECT 1 FROM pattern_components c WHERE c.pattern_rowid = p.id)')).toBe(0);
      expect(count('SELECT COUNT(*) AS n FROM pattern_vectors v WHERE NOT EXISTS (SELECT 1 FROM patterns p WHERE p.id = v.pattern_rowid)')).toBe(0);
      expect(count('SELECT COUNT(*) AS n FROM pattern_components c WHERE NOT EXISTS (SELECT 1 FROM patterns p WHERE p.id = c.pattern_rowid)')).toBe(0);
      expect(count('SELECT COUNT(*) AS n FROM pattern_vectors')).toBe(count('SELECT COUNT(*) AS n FROM patterns'));
      // Batches are all-or-nothing: the stored count is 6·m or 6·m + 1 (a single put, then a batch of 5).
      expect([0, 1]).toContain(count('SELECT COUNT(*) AS n FROM patterns') % 6);
    } finally {
      db.close();
    }

    const store = new EmbeddedPatternStore({ dataDir: dir, embedder: new HashingEmbedder({ dimension: 64 }) });
    await store.init();
    try {
      const found = await store.getMany(DEFAULT_NAMESPACE, acked);
      expect(found.map((p) => p.patternId)).toEqual(acked);
      expect(await store.count()).toBeGreaterThanOrEqual(acked.length);
      const last = acked[acked.length - 1];
      expect(await store.getVectors(DEFAULT_NAMESPACE, last)).not.toBeNull();
    } finally {
      await store.close();
    }
  }, 30_000);
});
