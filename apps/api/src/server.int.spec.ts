import { request as httpRequest } from 'node:http';
import pino from 'pino';
import { InMemoryPatternService } from '@motif/patterns/testing';
import { createApiServer } from './server';
import { fakeConfig } from './testing/fake-config';

const get = (url: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> =>
  new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent: false }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });

describe('createApiServer', () => {
  it('listens on a free port and answers', async () => {
    let closed = 0;
    const server = await createApiServer({ config: fakeConfig(), service: new InMemoryPatternService(), close: async () => void closed++ }, { port: 0, host: '127.0.0.1', logger: pino({ level: 'silent' }) });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect((await get(`${server.url}/healthz`)).status).toBe(200);
    await server.close();
    await server.close();
    expect(closed).toBe(1);
  });

  it('graceful close: finishes in-flight requests, refuses new ones, then closes the runtime', async () => {
    const service = new InMemoryPatternService();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const realStats = service.stats.bind(service);
    service.stats = async () => {
      await gate;
      events.push('handler done');
      return realStats();
    };
    const events: string[] = [];
    const server = await createApiServer({ config: fakeConfig(), service, close: async () => void events.push('runtime closed') }, { port: 0, host: '127.0.0.1', logger: pino({ level: 'silent' }) });
    const slow = get(`${server.url}/v1/stats`);
    while (server.inFlight() === 0) await new Promise((r) => setTimeout(r, 5));
    const closing = server.close().then(() => events.push('server closed'));
    await new Promise((r) => setTimeout(r, 20));
    await expect(get(`${server.url}/healthz`)).rejects.toThrow(/ECONNREFUSED/);
    expect(events).toEqual([]);
    release();
    const res = await slow;
    await closing;
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).store.backend).toBe('embedded');
    expect(events).toEqual(['handler done', 'runtime closed', 'server closed']);
  });

  it('cuts requests still running after the shutdown timeout', async () => {
    const service = new InMemoryPatternService();
    service.stats = () => new Promise(() => undefined);
    let closed = false;
    const server = await createApiServer({ config: fakeConfig(), service, close: async () => void (closed = true) }, { port: 0, host: '127.0.0.1', shutdownTimeoutMs: 50, logger: pino({ level: 'silent' }) });
    const hanging = get(`${server.url}/v1/stats`).catch((e: Error) => e);
    while (server.inFlight() === 0) await new Promise((r) => setTimeout(r, 5));
    await server.close();
    expect(closed).toBe(true);
    expect(String(await hanging)).toMatch(/socket hang up|ECONNRESET/);
  });
});
