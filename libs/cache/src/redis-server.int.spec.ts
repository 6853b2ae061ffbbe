import { createConnection } from 'node:net';
import { redisSuitesRun, startRedisServer } from './redis-server';

const describeWithRedis = redisSuitesRun() ? describe : describe.skip;

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ port, host: '127.0.0.1' });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.once('error', () => done(false));
    s.once('connect', () => s.write('PING\r\n'));
    s.once('data', (b) => done(b.toString().startsWith('+PONG')));
  });
}

describeWithRedis('startRedisServer', () => {
  it('runs a server on a free loopback port that can be killed and restarted on the same port', async () => {
    const redis = await startRedisServer();
    try {
      expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
      expect(await ping(redis.port)).toBe(true);
      await redis.kill();
      expect(await ping(redis.port)).toBe(false);
      await redis.restart();
      expect(await ping(redis.port)).toBe(true);
    } finally {
      await redis.stop();
    }
    expect(await ping(redis.port)).toBe(false);
  });

  it('fails with a typed error when the binary is missing', async () => {
    await expect(startRedisServer({ binary: '/nonexistent/redis-server' })).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
  });
});
