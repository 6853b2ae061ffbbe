import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { resolveConfig, type MotifConfig } from '@motif/core-types';
import { createMotifContainer, describeBindings } from '@motif/patterns';
import { ROUTES } from './routes/route-table';
import { createApiServer, type ApiServer } from './server';
import { startApi } from './start-api';

/** End to end: the real container factory, a real listening server on port 0, a temporary data dir. */
const PATTERNS = [
  { description: 'Server status card with a green online label and refresh/details buttons', dsl: '§[δ, Ƀ[ᵬ×2]]', instanceParams: { text: 'Online', topLabel: 'api-gateway', buttons: [{ text: 'Refresh', url: 'https://status.example.com/refresh' }, { text: 'Details', url: 'https://status.example.com/api-gateway' }] }, feedback: 'positive' },
  { description: 'Product card showing price $49.99 with a Buy button', componentPaths: ['Section', 'DecoratedText', 'ButtonList', 'Button'], instanceParams: { text: '$49.99', topLabel: 'Price', buttons: [{ text: 'Buy', url: 'https://shop.example.com/item/42' }] } },
  { description: 'Dashboard of system health metrics: CPU, memory and disk usage', dsl: '§[δ×3, Ƀ[ᵬ]]', instanceParams: { title: 'System Health', items: [{ text: 'CPU: 45%' }, { text: 'Memory: 67%' }, { text: 'Disk: 81%' }], buttons: [{ text: 'View dashboard', url: 'https://grafana.example.com/d/health' }] } },
];

const silent = pino({ level: 'silent' });
let dataDir: string;
let config: MotifConfig;
let server: ApiServer;

/** Every JSON response is checked against the schema the OpenAPI document gives for its route and status. */
const checked: string[] = [];
const undocumented: string[] = [];
function checkDocumented(method: string, path: string, status: number, body: unknown): void {
  const bare = path.split('?')[0];
  const route = ROUTES.find((r) => r.method === method.toLowerCase() && new RegExp(`^${r.path.replace(/:[A-Za-z]+/g, '[^/]+')}$`).test(bare));
  const doc = route?.responses[status];
  if (!route || !doc) {
    undocumented.push(`${method} ${bare} → ${status}`);
    return;
  }
  if (!doc.body) return;
  const result = doc.body.schema.safeParse(body);
  if (!result.success) undocumented.push(`${method} ${route.path} → ${status}: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  checked.push(`${route.operationId} ${status}`);
}

const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(server.url + path, { method, headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  const parsed: unknown = type.includes('json') && text ? JSON.parse(text) : text;
  checkDocumented(method, path, res.status, parsed);
  return { status: res.status, headers: res.headers, body: parsed as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'motif-api-e2e-'));
  config = { ...resolveConfig({ env: { MOTIF_DATA_DIR: dataDir, MOTIF_EMBEDDER: 'hashing' }, home: dataDir, cwd: dataDir }), logLevel: 'silent' };
  server = await createApiServer(await createMotifContainer(config), { port: 0, host: '127.0.0.1', logger: silent });
});

afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('API end to end (real runtime, real server)', () => {
  const ids: string[] = [];

  it('stores patterns (201, then 200 for the same one) and reads them back', async () => {
    for (const p of PATTERNS) {
      const res = await call('POST', '/v1/patterns', p);
      expect(res.status).toBe(201);
      expect(res.headers.get('location')).toBe(`/v1/patterns/${res.body.pattern.patternId}`);
      ids.push(res.body.pattern.patternId);
    }
    const again = await call('POST', '/v1/patterns', PATTERNS[0]);
    expect(again.status).toBe(200);
    expect(again.body.created).toBe(false);
    const got = await call('GET', `/v1/patterns/${ids[0]}`);
    expect(got.body).toMatchObject({ patternId: ids[0], description: PATTERNS[0].description, feedback: 'positive' });
  });

  it('lists with a cursor', async () => {
    const page1 = await call('GET', '/v1/patterns?limit=2');
    expect(page1.body.items).toHaveLength(2);
    const page2 = await call('GET', `/v1/patterns?limit=2&cursor=${encodeURIComponent(page1.body.nextCursor)}`);
    const all = [...page1.body.items, ...page2.body.items].map((p: { patternId: string }) => p.patternId).sort();
    expect(all).toEqual([...ids].sort());
  });

  it('searches, recommends and records feedback', async () => {
    const s = await call('POST', '/v1/search', { query: 'server status online', limit: 3, explain: true });
    expect(s.status).toBe(200);
    expect(s.body.results[0].pattern.patternId).toBe(ids[0]);
    const r = await call('POST', '/v1/recommend', { positive: [ids[0]], limit: 2 });
    expect(r.status).toBe(200);
    expect(r.body.results.map((h: { pattern: { patternId: string } }) => h.pattern.patternId)).not.toContain(ids[0]);
    const fb = await call('POST', `/v1/patterns/${ids[1]}/feedback`, { feedback: 'negative' });
    expect(fb.body.feedback).toBe('negative');
    const refused = await call('POST', `/v1/patterns/${ids[1]}/variations`, {});
    expect(refused.status).toBe(412);
    expect(refused.body.code).toBe('PRECONDITION_FAILED');
  });

  it('generates a family, serves it, picks a random variation and batches by cache key', async () => {
    const gen = await call('POST', `/v1/patterns/${ids[0]}/variations`, { structure: 2, parameter: 2, seed: 'e2e' });
    expect(gen.status).toBe(201);
    const family = gen.body;
    expect(family.variations.length).toBeGreaterThan(1);
    expect((await call('GET', `/v1/patterns/${ids[0]}/variations`)).body.cacheKeys).toEqual(family.cacheKeys);
    const rnd = await call('GET', `/v1/patterns/${ids[0]}/variations/random?seed=s1`);
    expect(rnd.status).toBe(200);
    expect(family.cacheKeys).toContain(rnd.body.cacheKey);
    const batch = await call('POST', '/v1/variations/batch', { cacheKeys: [family.cacheKeys[0], 'motif:1:default:variation:p_nope:v1'] });
    expect(batch.body.variations).toHaveLength(1);
    expect(batch.body.missing).toEqual(['motif:1:default:variation:p_nope:v1']);
  });

  it('refuses an invalid structure with 422 and issues; validate answers 200 valid:false', async () => {
    const bad = { description: 'Text inside a button list', dsl: '§[Ƀ[δ]]' };
    const stored = await call('POST', '/v1/patterns', bad);
    expect(stored.status).toBe(422);
    expect(stored.headers.get('content-type')).toMatch(/problem\+json/);
    expect(stored.body.code).toBe('INVALID_STRUCTURE');
    expect(stored.body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'NOT_ALLOWED_CHILD' })]));
    expect(stored.body.errors[0].path).toBe('/dsl');
    const v = await call('POST', '/v1/structures/validate', { dsl: bad.dsl });
    expect(v.status).toBe(200);
    expect(v.body.validation.valid).toBe(false);
    const parsed = await call('POST', '/v1/dsl/parse', { dsl: '§[δ, Ƀ[ᵬ×2]]' });
    expect(parsed.body.componentPaths).toContain('ButtonList');
    expect((await call('POST', '/v1/dsl/parse', { dsl: '§[[[' })).status).toBe(400);
  });

  it('serves catalog, stats, readiness, metrics with cache counters, and the OpenAPI document', async () => {
    expect((await call('GET', '/v1/catalog')).body.components.length).toBeGreaterThan(5);
    expect((await call('GET', '/v1/stats')).body.store.patterns).toBe(3);
    const ready = await call('GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.ready).toBe(true);
    const metrics = await call('GET', '/metrics');
    expect(metrics.body).toMatch(/^motif_cache_hits_total\{tier="l1",backend="[a-z-]+"\} \d+$/m);
    expect(metrics.body).toMatch(/^http_request_duration_seconds_count\{method="POST",route="\/v1\/patterns",status="201"\} 3$/m);
    expect((await call('GET', '/openapi.json')).body.openapi).toBe('3.1.0');
  });

  it('deletes (204) and the pattern is gone (404 problem)', async () => {
    expect((await call('DELETE', `/v1/patterns/${ids[2]}`)).status).toBe(204);
    const gone = await call('GET', `/v1/patterns/${ids[2]}`);
    expect(gone.status).toBe(404);
    expect(gone.body.code).toBe('NOT_FOUND');
  });

  it('every response had a documented status, and each JSON body matched its documented schema', () => {
    expect(undocumented).toEqual([]);
    expect(new Set(checked).size).toBeGreaterThanOrEqual(14);
  });

  it('a restart on the same data dir keeps the data', async () => {
    await server.close();
    server = await createApiServer(await createMotifContainer(config), { port: 0, host: '127.0.0.1', logger: silent });
    const got = await call('GET', `/v1/patterns/${ids[0]}`);
    expect(got.status).toBe(200);
    expect(got.body.description).toBe(PATTERNS[0].description);
    expect((await call('GET', `/v1/patterns/${ids[0]}/variations`)).status).toBe(200);
    expect((await call('GET', `/v1/patterns/${ids[2]}`)).status).toBe(404);
  });
});

describe('the API builds the same object graph as createMotifContainer', () => {
  it('resolves the same bindings for the same config', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motif-api-bindings-'));
    try {
      const env = { MOTIF_DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'silent', MOTIF_EMBEDDER: 'hashing' };
      const direct = await createMotifContainer(resolveConfig({ env }));
      const expected = describeBindings(direct.container);
      await direct.close();
      const started = await startApi({}, env, silent);
      const actual = describeBindings(started.runtime.container);
      await started.server.close();
      expect(actual).toEqual(expected);
      expect(actual.some((b) => b.startsWith('PatternService'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
