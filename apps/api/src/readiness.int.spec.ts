import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import request from 'supertest';
import { redisSuitesRun, startRedisServer, type RedisServerHandle } from '@motif/cache/testing';
import { resolveConfig } from '@motif/core-types';
import { createMotifContainer, type MotifRuntime } from '@motif/patterns';
import { createApp } from './app';

/** /readyz against a real Redis L2 that goes away mid-run: the tier is named as degraded. */
(redisSuitesRun() ? describe : describe.skip)('readiness with a Redis L2', () => {
  let redis: RedisServerHandle;
  let runtime: MotifRuntime | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'motif-api-ready-'));

  beforeAll(async () => {
    redis = await startRedisServer();
  });

  afterAll(async () => {
    await runtime?.close();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the Redis tier while it is up, and as degraded once Redis is gone; the store keeps it ready', async () => {
    const config = { ...resolveConfig({ env: { MOTIF_DATA_DIR: dir, REDIS_URL: redis.url, MOTIF_EMBEDDER: 'hashing' } }), logLevel: 'silent' as const };
    runtime = await createMotifContainer(config);
    const app = createApp(runtime, { logger: pino({ level: 'silent' }) });
    // The Redis connection is established in the background after start-up.
    let up = await request(app).get('/readyz');
    for (let i = 0; i < 60 && up.body.components.some((c: { name: string; state: string }) => c.name === 'cache:l2:redis' && c.state !== 'up'); i++) {
      await new Promise((r) => setTimeout(r, 50));
      up = await request(app).get('/readyz');
    }
    expect(up.status).toBe(200);
    expect(up.body.components).toEqual(expect.arrayContaining([{ name: 'cache:l2:redis', state: 'up' }]));
    expect(up.body.degraded).toEqual([]);

    const id = (await request(app).post('/v1/patterns').send({ description: 'Status card', dsl: '§[δ]' })).body.pattern.patternId;
    await redis.kill();
    // Requests keep working on the store; the failing tier is noticed and named.
    let ready = await request(app).get('/readyz');
    for (let i = 0; i < 40 && !ready.body.degraded.includes('cache:l2:redis'); i++) {
      expect((await request(app).post(`/v1/patterns/${id}/variations`).send({ structure: 1, parameter: 1, seed: `s${i}`, force: true })).status).toBe(201);
      await new Promise((r) => setTimeout(r, 50));
      ready = await request(app).get('/readyz');
    }
    expect(ready.status).toBe(200);
    expect(ready.body.ready).toBe(true);
    expect(ready.body.degraded).toContain('cache:l2:redis');
  });
});
