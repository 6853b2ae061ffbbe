import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_NAMESPACE, type StoreSearchRequest } from '@motif/core-types';
import { testPattern } from '../contract/test-patterns';
import { HashingEmbedder } from '../embedding/hashing-embedder';
import { LexicalEncoder } from '../embedding/lexical-encoder';
import { PatternIndexer } from '../embedding/pattern-indexer';
import { EmbeddedPatternStore } from './embedded-pattern-store';

const WORDS = ['status', 'server', 'invoice', 'approve', 'deny', 'meeting', 'room', 'alert', 'button', 'grid', 'photo', 'weekly', 'digest', 'budget'];

describe('in-memory BM25 agrees with SQLite FTS5 bm25()', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('ranks the same rows in the same order with the same scores', async () => {
    const embedder = new HashingEmbedder({ dimension: 32 });
    const records = await new PatternIndexer(embedder).toRecords(
      Array.from({ length: 120 }, (_, i) =>
        testPattern({ patternId: `p${i}`, description: Array.from({ length: 3 + (i % 9) }, (_, j) => WORDS[(i * 7 + j * j) % WORDS.length]).join(' ') }),
      ),
    );
    const open = async (lexicalEngine: 'memory' | 'fts5'): Promise<EmbeddedPatternStore> => {
      const dir = mkdtempSync(join(tmpdir(), 'motif-bm25-'));
      dirs.push(dir);
      const store = new EmbeddedPatternStore({ dataDir: dir, embedder, lexicalEngine });
      await store.init();
      await store.putMany(records);
      return store;
    };
    const [memory, fts] = await Promise.all([open('memory'), open('fts5')]);
    const lex = new LexicalEncoder();
    for (const text of ['status server', 'weekly budget digest', 'approve deny meeting room', 'alert', 'no-such-word']) {
      const request: StoreSearchRequest = { namespace: DEFAULT_NAMESPACE, limit: 200, prefetchLimit: 200, rrfK: 60, dense: {}, lexical: { text: lex.text(text), sparse: lex.encode(text) }, filter: {} };
      const a = await memory.search(request);
      const b = await fts.search(request);
      if (text !== 'no-such-word') expect(a.length).toBeGreaterThan(0);
      expect(a.map((h) => h.signals.lexical?.score)).toEqual(b.map((h) => expect.closeTo(h.signals.lexical?.score ?? NaN, 4)));
      // Equal scores may order differently; compare the rows per distinct score.
      const bucket = (hits: typeof a): string[] => hits.map((h) => `${h.signals.lexical?.score.toFixed(4)}:${h.pattern.patternId}`).sort();
      expect(bucket(a)).toEqual(bucket(b));
    }
    await memory.close();
    await fts.close();
  });
});
