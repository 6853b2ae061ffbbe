import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_NAMESPACE, type StoreSearchRequest } from '@motif/core-types';
import { testPattern } from '../contract/test-patterns';
import { HashingEmbedder } from '../embedding/hashing-embedder';
import { LexicalEncoder } from '../embedding/lexical-encoder';
import { PatternIndexer } from '../embedding/pattern-indexer';
import { Fts5Reference, ftsMatchExpression } from '../testing/fts5-reference';
import { EmbeddedPatternStore } from './embedded-pattern-store';

const WORDS = ['status', 'server', 'invoice', 'approve', 'deny', 'meeting', 'room', 'alert', 'button', 'grid', 'photo', 'weekly', 'digest', 'budget'];

describe('in-memory BM25 agrees with SQLite FTS5 bm25()', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('ranks the same rows in the same order with the same scores', async () => {
    const embedder = new HashingEmbedder({ dimension: 32 });
    const patterns = Array.from({ length: 120 }, (_, i) =>
      testPattern({ patternId: `p${i}`, description: Array.from({ length: 3 + (i % 9) }, (_, j) => WORDS[(i * 7 + j * j) % WORDS.length]).join(' ') }),
    );
    const dir = mkdtempSync(join(tmpdir(), 'motif-bm25-'));
    dirs.push(dir);
    const memory = new EmbeddedPatternStore({ dataDir: dir, embedder });
    await memory.init();
    await memory.putMany(await new PatternIndexer(embedder).toRecords(patterns));
    // The reference: FTS5 over the same tokens, in a database of its own.
    const fts = Fts5Reference.ofPatterns(patterns);
    const lex = new LexicalEncoder();
    for (const text of ['status server', 'weekly budget digest', 'approve deny meeting room', 'alert', 'no-such-word']) {
      const request: StoreSearchRequest = { namespace: DEFAULT_NAMESPACE, prefetchLimit: 200, dense: {}, lexical: { sparse: lex.encode(text) }, filter: {} };
      const a = (await memory.search(request))
        .sort((x, y) => (x.signals.lexical?.rank ?? 0) - (y.signals.lexical?.rank ?? 0))
        .map((h) => ({ patternId: h.patternId, score: h.signals.lexical?.score ?? NaN }));
      const b = fts.search(lex.tokens(text), 200);
      if (text !== 'no-such-word') expect(a.length).toBeGreaterThan(0);
      expect(a.map((h) => h.score)).toEqual(b.map((h) => expect.closeTo(h.score, 4)));
      // Equal scores may order differently; compare the rows per distinct score.
      const bucket = (hits: typeof a): string[] => hits.map((h) => `${h.score.toFixed(4)}:${h.patternId}`).sort();
      expect(bucket(a)).toEqual(bucket(b));
    }
    fts.close();
    await memory.close();
  });

  it('quotes FTS terms so query syntax is inert', () => {
    expect(ftsMatchExpression('status "a" NEAR or')).toBe('"status" OR """a""" OR "NEAR" OR "or"');
    expect(ftsMatchExpression('   ')).toBeNull();
  });
});
