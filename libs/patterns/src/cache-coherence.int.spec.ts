import { parsingFrontDoor } from './testing/parsing-front-door';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redisSuitesRun, startRedisServer, type RedisServerHandle } from '@motif/cache/testing';
import { resolveConfig } from '@motif/core-types';
import { createMotifContainer } from './create-motif-container';
import type { MotifRuntime } from './motif-runtime';

const describeWithRedis = redisSuitesRun() ? describe : describe.skip;

const statusCard = {
  description: 'Server status card with a green online label and refresh/details buttons',
  dsl: '§[δ, Ƀ[ᵬ×2]]',
  instanceParams: { text: 'Online', buttons: [{ text: 'Refresh', url: 'https://status.example.com/refresh' }, { text: 'Details', url: 'https://status.example.com/details' }] },
};

describeWithRedis('PatternService invalidates by exact keys on a real redis-server', () => {
  let server: RedisServerHandle;
  let dir: string;
  let runtime: MotifRuntime;
  const cli = (...args: string[]): string => execFileSync('redis-cli', ['-p', String(server.port), ...args], { encoding: 'utf8' });
  /** Calls of each command since the last RESETSTAT, from `INFO commandstats`. */
  const commandCalls = (): Record<string, number> =>
    Object.fromEntries([...cli('info', 'commandstats').matchAll(/^cmdstat_([a-z|]+):calls=(\d+)/gm)].map((m) => [m[1], Number(m[2])]));

  beforeAll(async () => {
    server = await startRedisServer();
  });
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'motif-coherence-'));
    runtime = await createMotifContainer(resolveConfig({ env: { REDIS_URL: server.url, MOTIF_EMBEDDER: 'hashing' }, flags: { dataDir: dir } }), { warm: true });
    cli('config', 'resetstat');
  });
  afterEach(async () => {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
    cli('flushall');
  });
  afterAll(async () => {
    await server.stop();
  });

  it('generate, feedback and delete send no SCAN (nor KEYS) and leave no key of the pattern behind', async () => {
    const { service } = runtime;
    const edge = parsingFrontDoor(service);
    const { pattern } = await edge.store(statusCard);
    const big = await edge.generateVariations(pattern.patternId, { structure: 4, parameter: 3, seed: 1 });
    expect(Number(cli('exists', ...big.cacheKeys))).toBe(big.cacheKeys.length);
    // A smaller family replaces it: the keys only the old family had must go too.
    const small = await edge.generateVariations(pattern.patternId, { structure: 1, parameter: 0, seed: 2 });
    const gone = big.cacheKeys.filter((k) => !small.cacheKeys.includes(k));
    expect(gone.length).toBeGreaterThan(0);
    expect(Number(cli('exists', ...gone))).toBe(0);
    expect(Number(cli('exists', ...small.cacheKeys))).toBe(small.cacheKeys.length);

    await edge.recordFeedback(pattern.patternId, { feedback: 'positive' });
    expect((await service.getFamily(pattern.patternId)).sourcePattern.feedback).toBe('positive');
    await service.delete(pattern.patternId);
    expect(cli('keys', 'motif:*').trim()).toBe('');

    const calls = commandCalls();
    expect(calls.unlink).toBeGreaterThanOrEqual(3);
    // The `keys` call above is this test's own check, sent after everything the service did.
    expect(calls.keys).toBe(1);
    expect(calls.scan).toBeUndefined();
  });
});
