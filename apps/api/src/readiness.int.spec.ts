import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import request from 'supertest';
import { resolveConfig } from '@motif/core-types';
import { createMotifContainer, type MotifRuntime } from '@motif/patterns';
import { createApp } from './app';

/** /readyz against a real Redis L2 that goes away mid-run: the tier is named as degraded. */
const hasRedis = spawnSync('redis-server', ['--version']).status === 0;

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

(hasRedis ? describe : describe.skip)('readiness with a Redis L2', () => {
  let redis: ChildProcess | undefined;
  let port = 0;
  let runtime: MotifRuntime | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'motif-api-ready-'));

  beforeAll(async () => {
    port = await freePort();
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      if (spawnSync('redis-cli', ['-p', String(port), 'ping']).stdout?.toString().trim() === 'PONG') break;
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  afterAll(async () => {
    await runtime?.close();
    spawnSync('redis-cli', ['-p', String(port), 'shutdown', 'nosave']);
    redis?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the Redis tier while it is up, and as degraded once Redis is gone; the store keeps it ready', async () => {
    const config = { ...resolveConfig({ env: { MOTIF_DATA_DIR: dir, REDIS_URL: `redis://127.0.0.1:${port}` } }), logLevel: 'silent' as const };
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
    execFileSync('redis-cli', ['-p', String(port), 'shutdown', 'nosave']);
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
