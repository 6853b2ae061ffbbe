import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { EmbeddedL2Cache } from './embedded-l2-cache';

describe('EmbeddedL2Cache', () => {
  let dir: string;
  let t: number;
  const open = (maxEntries = 100) => new EmbeddedL2Cache({ path: join(dir, 'nested', 'motif.db'), maxEntries, now: () => t, touchGranularityMs: 0 });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'motif-cache-'));
    t = 1_700_000_000_000;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the data dir, uses WAL and only cache_ tables', async () => {
    const c = open();
    await c.setMany([['k', 'v']], 60);
    await c.close();
    const db = new Database(join(dir, 'nested', 'motif.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>;
    expect(tables.map((r) => r.name)).toEqual(['cache_entries']);
    db.close();
  });

  it('keeps entries across a reopen of the same file (warm restart)', async () => {
    const a = open();
    await a.setMany([['k1', 'one'], ['k2', 'two']], 60);
    await a.close();
    const b = open();
    expect(await b.getMany(['k1', 'missing', 'k2'])).toEqual(['one', undefined, 'two']);
    expect(b.entries()).toBe(2);
    await b.close();
  });

  it('expires entries after their TTL (injected clock)', async () => {
    const c = open();
    await c.setMany([['short', 's']], 10);
    await c.setMany([['long', 'l']], 100);
    t += 10_000;
    expect(await c.getMany(['short', 'long'])).toEqual([undefined, 'l']);
    expect(c.entries()).toBe(1);
    await c.close();
  });

  it('stays within maxEntries by evicting the least recently touched entries', async () => {
    const c = open(3);
    await c.setMany([['a', '1']], 60);
    t += 1;
    await c.setMany([['b', '2']], 60);
    t += 1;
    await c.setMany([['c', '3']], 60);
    t += 1;
    await c.getMany(['a']); // touch a: b is now the oldest
    t += 1;
    await c.setMany([['d', '4']], 60);
    expect(await c.getMany(['a', 'b', 'c', 'd'])).toEqual(['1', undefined, '3', '4']);
    expect(c.entries()).toBe(3);
    expect(c.evictions()).toBe(1);
    await c.close();
  });

  it('re-reads the true count before evicting (another process may have removed rows)', async () => {
    const a = open(3);
    const b = open(3);
    await a.setMany([['x', '1'], ['y', '2'], ['z', '3']], 60);
    await b.delete(['x', 'y']);
    await a.setMany([['w', '4']], 60); // a believes it holds 4 > 3; the table holds 2
    expect(a.evictions()).toBe(0);
    expect(await a.getMany(['z', 'w'])).toEqual(['3', '4']);
    await Promise.all([a.close(), b.close()]);
  });

  it('records recency at most once per touch granularity', async () => {
    const c = new EmbeddedL2Cache({ path: join(dir, 'g.db'), maxEntries: 2, now: () => t, touchGranularityMs: 1_000 });
    await c.setMany([['a', '1']], 60);
    t += 10;
    await c.setMany([['b', '2']], 60);
    t += 10;
    await c.getMany(['a']); // within the granularity: not recorded, a stays the oldest
    await c.setMany([['c', '3']], 60);
    expect(await c.getMany(['a', 'b', 'c'])).toEqual([undefined, '2', '3']);
    t += 1_000;
    await c.getMany(['b']); // recorded: c is now the oldest
    await c.setMany([['d', '4']], 60);
    expect(await c.getMany(['b', 'c', 'd'])).toEqual(['2', undefined, '4']);
    await c.close();
  });

  it('prefers purging expired rows over evicting live ones when full', async () => {
    const c = open(2);
    await c.setMany([['old', 'x']], 1);
    await c.setMany([['live', 'y']], 60);
    t += 2_000;
    await c.setMany([['new', 'z']], 60);
    expect(c.evictions()).toBe(0);
    expect(await c.getMany(['live', 'new'])).toEqual(['y', 'z']);
    await c.close();
  });

  it('overwrites an existing key without growing', async () => {
    const c = open();
    await c.setMany([['k', 'a']], 60);
    await c.setMany([['k', 'b']], 60);
    expect(await c.getMany(['k'])).toEqual(['b']);
    expect(c.entries()).toBe(1);
    await c.close();
  });

  it('deletes keys and key prefixes', async () => {
    const c = open();
    await c.setMany([['motif:1:ns:family:p1', 'a'], ['motif:1:ns:family:p1:v2', 'b'], ['motif:1:ns:family:p2', 'c']], 60);
    await c.deletePrefix('motif:1:ns:family:p1');
    expect(await c.getMany(['motif:1:ns:family:p1', 'motif:1:ns:family:p1:v2', 'motif:1:ns:family:p2'])).toEqual([undefined, undefined, 'c']);
    await c.delete(['motif:1:ns:family:p2']);
    expect(c.entries()).toBe(0);
    await c.close();
  });
});
