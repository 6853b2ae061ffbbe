// A two-tier cache: L1 in memory (lru-cache), L2 an embedded SQLite file under the data dir (Redis when
// REDIS_URL is set). Misses of L1 are read from L2 in one round trip.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCacheKey, resolveConfig } from '@motif/core-types';
import { createTieredCache } from '@motif/cache';

async function main(): Promise<void> {
  const config = resolveConfig({ env: {}, flags: { dataDir: mkdtempSync(join(tmpdir(), 'motif-cache-')) } });
  const cache = createTieredCache<{ title: string }>(config);
  try {
    const key = buildCacheKey({ namespace: 'default', kind: 'pattern', id: 'p_1' });
    await cache.setMany([[key, { title: 'Server status' }]]);
    const [hit, miss] = await cache.getMany([key, buildCacheKey({ namespace: 'default', kind: 'pattern', id: 'p_2' })]);
    console.log(key, hit?.title, miss); // motif:1:default:pattern:p_1 Server status undefined
    console.log(cache.stats().tiers.map((t) => `${t.tier} hits=${t.hits}`).join(', ')); // l1 hits=1, l2 hits=0
  } finally {
    await cache.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
