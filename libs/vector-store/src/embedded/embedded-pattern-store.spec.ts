import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PatternStore } from '@motif/core-types';
import { describePatternStoreContract } from '../contract/pattern-store.contract';
import { EmbeddedPatternStore } from './embedded-pattern-store';

const dirs: string[] = [];
const dirOf = new WeakMap<PatternStore, string>();
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

for (const lexicalEngine of ['memory', 'fts5'] as const) {
  describePatternStoreContract(`embedded (SQLite, lexical ${lexicalEngine})`, async ({ embedder, reopen }) => {
    const dir = reopen ? (dirOf.get(reopen) as string) : mkdtempSync(join(tmpdir(), 'motif-store-'));
    if (!reopen) dirs.push(dir);
    const store = new EmbeddedPatternStore({ dataDir: dir, embedder, lexicalEngine });
    dirOf.set(store, dir);
    await store.init();
    return store;
  });
}
