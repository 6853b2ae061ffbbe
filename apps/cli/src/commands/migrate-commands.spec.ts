import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeQdrant } from '@motif/patterns/testing';
import { EXIT } from '../exit-codes';
import { run } from '../run';
import { memoryIo } from '../testing/memory-io';

// Against FakeQdrant, an in-process stand-in for the server: no Qdrant server can run on this machine.
describe('motif migrate --to qdrant (in-process fake Qdrant, not a real server)', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('imports into the embedded store, then streams it into the collection; a second run is a no-change full pass', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motif-cli-migrate-'));
    dirs.push(dir);
    const file = join(dir, 'in.jsonl');
    writeFileSync(file, ['Status card with a button', 'Invoice reminder with a date', 'Incident alert with severity'].map((d, i) => JSON.stringify({ description: d, dsl: i % 2 ? '§[δ]' : '§[δ, Ƀ[ᵬ×2]]' })).join('\n') + '\n');
    const client = new FakeQdrant();
    const deps = { qdrantClient: () => client };
    const env = { MOTIF_DATA_DIR: dir, LOG_LEVEL: 'silent' };
    const exec = async (argv: string[]) => {
      const io = memoryIo({ env });
      return { code: await run(argv, io, deps), out: io.out(), err: io.err() };
    };
    expect((await exec(['import', file])).code).toBe(0);
    const first = await exec(['migrate', '--to', 'qdrant', '--batch-size', '2', '--json']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toMatchObject({ total: 3, moved: 3, resumedAfter: 0, targetPatterns: 3, collection: 'motif_patterns' });
    expect(first.err).toMatch(/migrating: 3\/3 patterns/);
    const again = await exec(['migrate', '--to', 'qdrant']);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/Migrated 3 pattern\(s\) to in-process client\/motif_patterns.*holds 3 pattern/);
  });

  it('needs --to qdrant and a target server', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motif-cli-migrate-'));
    dirs.push(dir);
    const io = memoryIo({ env: { MOTIF_DATA_DIR: dir } });
    expect(await run(['migrate', '--to', 'lancedb'], io, {})).toBe(EXIT.USAGE);
    const io2 = memoryIo({ env: { MOTIF_DATA_DIR: dir } });
    expect(await run(['migrate', '--to', 'qdrant'], io2, {})).toBe(2);
    expect(io2.err()).toMatch(/--qdrant-url or set QDRANT_URL/);
  });
});
