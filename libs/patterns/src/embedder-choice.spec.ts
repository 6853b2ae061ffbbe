import type { PatternService } from '@motif/core-types';
import { parsingFrontDoor } from './testing/parsing-front-door';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { isMotifError, resolveConfig } from '@motif/core-types';
import { createMotifContainer } from './create-motif-container';

/** What a front door does: parse with the route's schema, then call the service. */
const edge = (r: { service: PatternService }) => parsingFrontDoor(r.service);

const examples = readFileSync(join(__dirname, '..', '..', '..', 'examples', 'example-patterns.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Record<string, unknown>);

const STATUS = 'Server status card with a green online label and refresh/details buttons';
const HASHING_384 = 'hashing-v1:words+c3:stem+stop:384';

describe('the default embedder (use-lite, the real model)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'motif-use-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds a new data dir with use-lite and finds "Server status card" from a paraphrase sharing none of its words', async () => {
    const runtime = await createMotifContainer({ ...resolveConfig({ env: {}, flags: { dataDir: dir } }), logLevel: 'silent' });
    try {
      await edge(runtime).storeMany(examples);
      expect((await edge(runtime).stats()).store.embedder.id).toBe('use-lite-v1:512+hashing-v1:words+c3:stem+stop:512');
      for (const mode of ['hybrid', 'semantic'] as const) {
        const { results } = await edge(runtime).search({ query: 'panel that shows whether the backend is up', mode, limit: 3 });
        expect(results[0]?.pattern.description).toBe(STATUS);
      }
    } finally {
      await runtime.close();
    }
  });
});

describe('a data dir written by the release before use-lite (hashing, 384-d)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'motif-old-'));
    const old = await createMotifContainer({ ...resolveConfig({ env: { MOTIF_EMBEDDER: 'hashing' }, flags: { dataDir: dir } }), logLevel: 'silent' });
    await edge(old).storeMany(examples);
    await old.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const meta = (): Record<string, string> => {
    const db = new Database(join(dir, 'motif.db'), { readonly: true });
    try {
      return Object.fromEntries(db.prepare<[], { key: string; value: string }>('SELECT key, value FROM store_meta').all().map((r) => [r.key, r.value]));
    } finally {
      db.close();
    }
  };

  it('records the same embedder id the old release wrote', () => {
    expect(meta()).toMatchObject({ embedder_id: HASHING_384, embedder_dimension: '384' });
  });

  it('keeps opening with the default config: the recorded embedder is used until `motif reindex`', async () => {
    const runtime = await createMotifContainer({ ...resolveConfig({ env: {}, flags: { dataDir: dir } }), logLevel: 'silent' });
    try {
      expect((await edge(runtime).stats()).store.embedder).toEqual({ id: HASHING_384, dimension: 384 });
      const { results } = await edge(runtime).search({ query: 'server status online', limit: 1 });
      expect(results[0]?.pattern.description).toBe(STATUS);
      expect((await edge(runtime).store({ description: 'Weekly digest card', dsl: '§[ʈ]' })).created).toBe(true);
    } finally {
      await runtime.close();
    }
    expect(meta()).toMatchObject({ embedder_id: HASHING_384, embedder_dimension: '384' });
  });

  it('refuses an explicitly configured other embedder with EMBEDDER_MISMATCH saying to run `motif reindex`, and changes nothing', async () => {
    const before = meta();
    const err = await createMotifContainer(resolveConfig({ env: { MOTIF_EMBEDDER: 'use-lite' }, flags: { dataDir: dir } })).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isMotifError(err) && err.code).toBe('EMBEDDER_MISMATCH');
    expect((err as Error).message).toMatch(/built with embedder 'hashing-v1:words\+c3:stem\+stop:384' \(dimension 384\).*run `motif reindex`/);
    expect(meta()).toEqual(before);
  });
});
