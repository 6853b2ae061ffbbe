import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { redisSuitesRun, startRedisServer, type RedisServerHandle } from '@motif/cache/testing';
import { resolveConfig } from '@motif/core-types';
import { createMotifContainer } from '@motif/patterns';
import { createApiServer, type ApiServer } from './server';

/**
 * Fault test: Redis (the L2 cache) is SIGKILLed during a load run. The API keeps answering every
 * request (no 5xx, each within a bound), /readyz stays 200 and names the tier as degraded, and once
 * Redis is back on the same port the tier is reported up again without restarting the API.
 */
jest.setTimeout(90_000);

/** Budget for one answer while Redis is gone (the Redis command budget is far below it). */
const ANSWER_BOUND_MS = 1_000;
const L2 = 'cache:l2:redis';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Readiness {
  ready: boolean;
  degraded: string[];
  components: Array<{ name: string; state: string }>;
}

(redisSuitesRun() ? describe : describe.skip)('Redis killed under load', () => {
  let redis: RedisServerHandle;
  let server: ApiServer;
  let dataDir: string;
  const ids: string[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    dataDir = mkdtempSync(join(tmpdir(), 'motif-fault-redis-'));
    const config = { ...resolveConfig({ env: { MOTIF_EMBEDDER: 'hashing' }, flags: { dataDir, redisUrl: redis.url } }), logLevel: 'silent' as const };
    server = await createApiServer(await createMotifContainer(config), { port: 0, host: '127.0.0.1', logger: pino({ level: 'silent' }) });
    const dsls = ['§[δ, Ƀ[ᵬ]]']; // one DecoratedText and one Button: the params below fill both
    for (let i = 0; i < 8; i++) {
      const res = await fetch(`${server.url}/v1/patterns`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ description: `Redis fault card ${i}: incident ${i} on cluster ${i % 3}`, dsl: dsls[i % dsls.length], instanceParams: { text: `Incident ${i}`, buttons: [{ text: 'Ack', url: `https://ops.example.com/${i}` }] } }) });
      ids.push(((await res.json()) as { pattern: { patternId: string } }).pattern.patternId);
    }
  });

  afterAll(async () => {
    await server?.close();
    await redis?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const readyz = async (): Promise<{ status: number; body: Readiness }> => {
    const res = await fetch(`${server.url}/readyz`);
    return { status: res.status, body: (await res.json()) as Readiness };
  };
  const l2State = (r: Readiness) => r.components.find((c) => c.name === L2)?.state;
  const waitFor = async (what: string, ok: (r: Readiness) => boolean, timeoutMs: number): Promise<Readiness> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = await readyz();
      expect(r.status).toBe(200);
      if (ok(r.body)) return r.body;
      if (Date.now() > deadline) throw new Error(`${what} not reached in ${timeoutMs} ms: ${JSON.stringify(r.body)}`);
      await sleep(100);
    }
  };

  /** One request of the mix; returns its status and how long it took. */
  const oneRequest = async (n: number): Promise<{ what: string; status: number; ms: number }> => {
    const id = ids[n % ids.length];
    const kind = n % 5;
    const started = performance.now();
    const json = { 'Content-Type': 'application/json' };
    const [what, res] =
      kind === 0 ? ['GET pattern', await fetch(`${server.url}/v1/patterns/${id}`)]
      : kind === 1 ? ['POST variations', await fetch(`${server.url}/v1/patterns/${id}/variations`, { method: 'POST', headers: json, body: JSON.stringify({ structure: 2, parameter: 1, seed: `s${n % 4}` }) })]
      : kind === 2 ? ['GET family', await fetch(`${server.url}/v1/patterns/${id}/variations`)]
      : kind === 3 ? ['GET random variation', await fetch(`${server.url}/v1/patterns/${id}/variations/random?seed=r${n}`)]
      : ['POST search', await fetch(`${server.url}/v1/search`, { method: 'POST', headers: json, body: JSON.stringify({ query: `incident ${n % 8} cluster`, limit: 5 }) })];
    await res.arrayBuffer();
    return { what: what as string, status: res.status, ms: performance.now() - started };
  };

  /** Keeps `workers` concurrent request loops going until `stop()`; collects every answer. */
  const loadRun = (workers: number) => {
    const results: Array<{ what: string; status: number; ms: number }> = [];
    let running = true;
    let n = 0;
    const loops = Array.from({ length: workers }, async () => {
      while (running) results.push(await oneRequest(n++));
    });
    return { results, stop: async () => { running = false; await Promise.all(loops); } };
  };

  it('keeps answering while Redis is down, reports the tier degraded, and recovers by itself', async () => {
    await waitFor('Redis tier up', (r) => l2State(r) === 'up', 5_000);

    const load = loadRun(8);
    // Counted in answers, not seconds: a loaded machine answers fewer per second (bounded waits).
    const answered = async (n: number, timeoutMs: number): Promise<void> => {
      const deadline = Date.now() + timeoutMs;
      while (load.results.length < n && Date.now() < deadline) await sleep(50);
    };
    await sleep(1_000);
    await answered(21, 20_000);
    const beforeKill = load.results.length;
    await redis.kill();
    await sleep(2_500);
    const down = await waitFor('Redis tier degraded', (r) => r.degraded.includes(L2), 5_000);
    await answered(beforeKill + 21, 20_000);
    expect(down.ready).toBe(true);
    expect(l2State(down)).not.toBe('up');
    const duringOutage = load.results.length;

    await redis.restart();
    const back = await waitFor('Redis tier up again', (r) => l2State(r) === 'up' && !r.degraded.includes(L2), 10_000);
    expect(back.ready).toBe(true);
    await sleep(500);
    await load.stop();

    const { results } = load;
    expect(beforeKill).toBeGreaterThan(20);
    expect(duringOutage - beforeKill).toBeGreaterThan(20); // still serving while Redis was gone
    expect(results.filter((r) => r.status >= 500)).toEqual([]);
    // The random-variation and family reads may 404 before any family exists; nothing else fails.
    expect(results.filter((r) => r.status >= 400 && r.what !== 'GET family' && r.what !== 'GET random variation')).toEqual([]);
    expect(results.filter((r) => r.ms >= ANSWER_BOUND_MS)).toEqual([]);
    // Every kind of request was served successfully during the outage window, not only rejected.
    const outage = results.slice(beforeKill, duringOutage);
    for (const what of ['GET pattern', 'POST variations', 'GET family', 'GET random variation', 'POST search']) {
      expect(outage.filter((r) => r.what === what && r.status < 300).length).toBeGreaterThan(0);
    }
    // After the recovery the cache is used again: a repeated family request is served.
    const again = await fetch(`${server.url}/v1/patterns/${ids[0]}/variations`);
    expect(again.status).toBe(200);
  });
});
