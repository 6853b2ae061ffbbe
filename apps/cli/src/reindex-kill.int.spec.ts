import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { resolveConfig } from '@motif/core-types';
import { createMotifContainer } from '@motif/patterns';
import { parsingFrontDoor } from '@motif/patterns/testing';

/**
 * `motif reindex` killed with SIGKILL at several points of a run (the built CLI in a child process): after each
 * kill the database is intact, every pattern is there with vectors of the embedder the store records, and the
 * next run resumes; the last run completes the switch.
 */
jest.setTimeout(240_000);

const ROOT = join(__dirname, '..', '..', '..');
const BIN = join(ROOT, 'apps', 'cli', 'bin', 'motif.js');
const N = 1500;
const FROM = { MOTIF_EMBEDDER: 'hashing' };
// Another dimension of the weightless embedder: the same machinery as hashing → use-lite, fast enough to kill often.
const TO = { MOTIF_EMBEDDER: 'hashing', MOTIF_EMBEDDING_DIM: '96' };

let dataDir: string;
beforeAll(async () => {
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', join(ROOT, 'apps', 'cli'), join(ROOT, 'libs', 'patterns')], { cwd: ROOT, stdio: 'pipe' });
  dataDir = mkdtempSync(join(tmpdir(), 'motif-reindex-kill-'));
  const runtime = await createMotifContainer({ ...resolveConfig({ env: FROM, flags: { dataDir } }), logLevel: 'silent' });
  try {
    const inputs = Array.from({ length: N }, (_, i) => ({ description: `Reindex card ${i}: invoice ${i * 7} for customer ${i % 13}`, dsl: '§[δ]', instanceParams: { text: `Invoice #${i}` } }));
    const outcomes = await runtime.service.storeMany(inputs);
    expect(outcomes.every((o) => o.ok)).toBe(true);
  } finally {
    await runtime.close();
  }
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Starts `motif reindex`; SIGKILLs it `delayMs` after its first progress line that shows work done but not all. */
function reindexAndKill(delayMs: number): Promise<{ killed: boolean; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, '--data-dir', dataDir, 'reindex', '--batch-size', '10'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'silent', ...TO } });
    let stderr = '';
    let stdout = '';
    let armed = false;
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
      const m = [...stderr.matchAll(/reindexing: (\d+)\/(\d+)/g)].pop();
      if (!armed && m && Number(m[1]) > 0 && Number(m[1]) < Number(m[2])) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve({ killed: true, stderr, stdout }) : code === 0 ? resolve({ killed: false, stderr, stdout }) : reject(new Error(`reindex exited with ${code}: ${stderr}`))));
  });
}

/** The database after a kill: intact, all N patterns, every vector of the recorded dimension; returns that dimension. */
function checkDatabase(): number {
  const db = new Database(join(dataDir, 'motif.db'), { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const dim = Number((db.prepare("SELECT value FROM store_meta WHERE key = 'embedder_dimension'").get() as { value: string }).value);
    expect((db.prepare('SELECT COUNT(*) AS n FROM patterns').get() as { n: number }).n).toBe(N);
    expect((db.prepare('SELECT COUNT(*) AS n FROM pattern_vectors').get() as { n: number }).n).toBe(N);
    const lengths = db.prepare<[], { n: number }>('SELECT DISTINCT length(description) AS n FROM pattern_vectors UNION SELECT DISTINCT length(structure) FROM pattern_vectors UNION SELECT DISTINCT length(params) FROM pattern_vectors').all();
    expect(lengths.map((r) => r.n)).toEqual([dim * 4]);
    return dim;
  } finally {
    db.close();
  }
}

const search = async (env: Record<string, string>, query: string) => {
  const runtime = await createMotifContainer({ ...resolveConfig({ env, flags: { dataDir } }), logLevel: 'silent' });
  try {
    return (await parsingFrontDoor(runtime.service).search({ query, mode: 'semantic', limit: 1 })).results[0]?.pattern.description;
  } finally {
    await runtime.close();
  }
};

describe('SIGKILL during motif reindex', () => {
  it('loses nothing at any kill point, resumes, and completes the switch', async () => {
    let kills = 0;
    let resumedSeen = false;
    for (const delayMs of [0, 40, 150, 400, 900]) {
      const run = await reindexAndKill(delayMs);
      const dim = checkDatabase();
      if (!run.killed) {
        expect(dim).toBe(96);
        break;
      }
      kills++;
      if (/reindexing: [1-9]\d*\/\d+/.test(run.stderr.split('\n')[0] ?? '')) resumedSeen = true;
      // Until the final swap the store is the old one, and serves its patterns with the old embedder.
      if (dim === 384) expect(await search(FROM, 'invoice 70 for customer 10')).toBe('Reindex card 10: invoice 70 for customer 10');
    }
    expect(kills).toBeGreaterThanOrEqual(2);
    expect(resumedSeen).toBe(true);
    // Finish (a no-op run if one of the above completed).
    const final = spawnSync(process.execPath, [BIN, '--data-dir', dataDir, '--json', 'reindex'], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent', ...TO }, encoding: 'utf8' });
    expect(final.status).toBe(0);
    expect(JSON.parse(final.stdout)).toMatchObject({ to: { dimension: 96 }, total: N });
    expect(checkDatabase()).toBe(96);
    expect(await search(TO, 'invoice 70 for customer 10')).toBe('Reindex card 10: invoice 70 for customer 10');
    // The old configuration is now refused, with the way back.
    await expect(createMotifContainer(resolveConfig({ env: FROM, flags: { dataDir } }))).rejects.toMatchObject({ code: 'EMBEDDER_MISMATCH', message: expect.stringMatching(/motif reindex/) });
  });
});
