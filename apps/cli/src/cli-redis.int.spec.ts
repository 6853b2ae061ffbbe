import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { redisSuitesRun, startRedisServer, type RedisServerHandle } from '@motif/cache/testing';
import { run } from './run';
import { memoryIo } from './testing/memory-io';

// With REDIS_URL set, the CLI uses Redis as the API does: one-shot commands wait for the connection.
(redisSuitesRun() ? describe : describe.skip)('the CLI with a Redis L2', () => {
  let redis: RedisServerHandle;
  let dir: string;
  beforeAll(async () => {
    redis = await startRedisServer();
    dir = mkdtempSync(join(tmpdir(), 'motif-cli-redis-'));
  });
  afterAll(async () => {
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const cli = async (...argv: string[]) => {
    const io = memoryIo({ cwd: dir, env: { MOTIF_DATA_DIR: join(dir, 'data'), REDIS_URL: redis.url } });
    const code = await run(argv, io);
    return { code, out: io.out(), err: io.err() };
  };

  it('reports the L2 up and writes the family it generates to Redis', async () => {
    const stats = await cli('stats', '--json');
    expect(stats.code).toBe(0);
    const tiers = (JSON.parse(stats.out) as { cache: { tiers: Array<{ tier: string; backend: string; state: string }> } }).cache.tiers;
    expect(tiers.find((t) => t.tier === 'l2')).toMatchObject({ backend: 'redis', state: 'up' });

    const stored = await cli('store', '--dsl', '§[δ, Ƀ[ᵬ×2]]', '--description', 'Build status', '--params', '{"text":"Build passed","buttons":[{"text":"Logs","url":"https://ci.example.com/logs"},{"text":"Retry","url":"https://ci.example.com/retry"}]}', '--json');
    expect(stored.code).toBe(0);
    const id = (JSON.parse(stored.out) as { pattern: { patternId: string } }).pattern.patternId;
    expect(await dbSize(redis.port)).toBe(0);
    expect((await cli('vary', id, '-s', '2', '-p', '2', '--json')).code).toBe(0);
    expect(await dbSize(redis.port)).toBeGreaterThan(0);
  });
});

/** `DBSIZE` over a raw RESP connection (no client library needed for one integer). */
function dbSize(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write('*1\r\n$6\r\nDBSIZE\r\n'));
    socket.setEncoding('utf8').once('data', (d: string) => {
      socket.end();
      const m = /^:(\d+)/.exec(d);
      if (m) resolve(Number(m[1]));
      else reject(new Error(`unexpected DBSIZE reply ${JSON.stringify(d)}`));
    });
    socket.once('error', reject);
  });
}
