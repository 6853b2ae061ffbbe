import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { InMemoryPatternService } from '@motif/patterns/testing';
import { createApp } from './app';
import { fakeConfig } from './testing/fake-config';

const silent = pino({ level: 'silent' });
const build = (overrides: Parameters<typeof fakeConfig>[0] = {}, service = new InMemoryPatternService()) =>
  createApp({ config: fakeConfig(overrides), service }, { logger: silent });

const PATTERN = { description: 'Status card with a button', dsl: '§[δ, Ƀ[ᵬ]]', instanceParams: { text: 'ok' } };

const expectProblem = (res: request.Response, status: number, code: string) => {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ type: `https://motif.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`, title: expect.any(String), status, detail: expect.any(String), code, errors: expect.any(Array) });
  expect(res.body.requestId).toBe(res.headers['x-request-id']);
  expect(JSON.stringify(res.body)).not.toMatch(/\bat .*\.(ts|js):\d+/);
};

describe('patterns routes', () => {
  it('stores (201 + Location), then answers 200 when already present, and reads it back', async () => {
    const app = build();
    const first = await request(app).post('/v1/patterns').send(PATTERN);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ created: true, repairs: [], pattern: { description: PATTERN.description } });
    const id = first.body.pattern.patternId as string;
    expect(first.headers.location).toBe(`/v1/patterns/${id}`);
    const again = await request(app).post('/v1/patterns').send(PATTERN);
    expect(again.status).toBe(200);
    expect(again.body.created).toBe(false);
    const got = await request(app).get(first.headers.location);
    expect(got.status).toBe(200);
    expect(got.body.patternId).toBe(id);
  });

  it('lists with a cursor and filters, validates the query', async () => {
    const app = build();
    for (const d of ['a', 'b', 'c']) await request(app).post('/v1/patterns').send({ ...PATTERN, description: d });
    const page1 = await request(app).get('/v1/patterns?limit=2');
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(2);
    const page2 = await request(app).get(`/v1/patterns?limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.map((p: { description: string }) => p.description)).toEqual(['c']);
    expect(page2.body.nextCursor).toBeNull();
    const bad = await request(app).get('/v1/patterns?limit=0&colour=red');
    expectProblem(bad, 400, 'VALIDATION_FAILED');
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toContain('/limit');
  });

  it('deletes with 204 and then 404s', async () => {
    const app = build();
    const id = (await request(app).post('/v1/patterns').send(PATTERN)).body.pattern.patternId;
    expect((await request(app).delete(`/v1/patterns/${id}`)).status).toBe(204);
    expectProblem(await request(app).get(`/v1/patterns/${id}`), 404, 'NOT_FOUND');
  });

  it('refuses an invalid structure with 422 and the issues', async () => {
    const res = await request(build()).post('/v1/patterns').send({ ...PATTERN, dsl: '§[!]' });
    expectProblem(res, 422, 'INVALID_STRUCTURE');
    expect(res.body.issues[0]).toMatchObject({ code: 'UNKNOWN_COMPONENT' });
  });

  it('records feedback', async () => {
    const app = build();
    const id = (await request(app).post('/v1/patterns').send(PATTERN)).body.pattern.patternId;
    const res = await request(app).post(`/v1/patterns/${id}/feedback`).send({ feedback: 'negative', dimension: 'form' });
    expect(res.status).toBe(200);
    expect(res.body.feedback).toBe('negative');
    const bad = await request(app).post(`/v1/patterns/${id}/feedback`).send({ feedback: 'meh' });
    expectProblem(bad, 400, 'VALIDATION_FAILED');
    expect(bad.body.errors[0].path).toBe('/feedback');
  });
});

describe('namespaces', () => {
  it('takes ?namespace= over X-Motif-Namespace, and the configured default otherwise', async () => {
    const service = new InMemoryPatternService();
    const app = build({}, service);
    const viaHeader = await request(app).post('/v1/patterns').set('X-Motif-Namespace', 'team-a').send(PATTERN);
    expect(viaHeader.body.pattern.namespace).toBe('team-a');
    const viaQuery = await request(app).post('/v1/patterns?namespace=team-b').set('X-Motif-Namespace', 'team-a').send(PATTERN);
    expect(viaQuery.body.pattern.namespace).toBe('team-b');
    const id = viaHeader.body.pattern.patternId;
    expect((await request(app).get(`/v1/patterns/${id}`)).status).toBe(404);
    expect((await request(app).get(`/v1/patterns/${id}`).set('X-Motif-Namespace', 'team-a')).status).toBe(200);
    const listed = await request(app).get('/v1/patterns').set('X-Motif-Namespace', 'team-b');
    expect(listed.body.items).toHaveLength(1);
    const search = await request(app).post('/v1/search?namespace=team-a').send({ query: 'status' });
    expect(search.body.namespace).toBe('team-a');
  });

  it('rejects a malformed namespace as a field error', async () => {
    const res = await request(build()).get('/v1/patterns?namespace=a%20b');
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors[0].path).toBe('/namespace');
  });
});

describe('search, variations, structures', () => {
  it('searches and recommends', async () => {
    const app = build();
    const a = (await request(app).post('/v1/patterns').send(PATTERN)).body.pattern.patternId;
    await request(app).post('/v1/patterns').send({ ...PATTERN, description: 'Another status card' });
    const s = await request(app).post('/v1/search').send({ query: 'status card', limit: 5 });
    expect(s.status).toBe(200);
    expect(s.body.results.length).toBe(2);
    const bad = await request(app).post('/v1/search').send({ query: 'x', limit: 1000 });
    expectProblem(bad, 400, 'VALIDATION_FAILED');
    expect(bad.body.errors[0].path).toBe('/limit');
    const r = await request(app).post('/v1/recommend').send({ positive: [a] });
    expect(r.status).toBe(200);
    expect(r.body.results).toHaveLength(1);
  });

  it('generates a family (201), reads it, picks a random variation and batches by cache key', async () => {
    const app = build();
    const id = (await request(app).post('/v1/patterns').send(PATTERN)).body.pattern.patternId;
    const gen = await request(app).post(`/v1/patterns/${id}/variations`).send({ structure: 2, parameter: 1, seed: 7 });
    expect(gen.status).toBe(201);
    expect(gen.body.variations).toHaveLength(4);
    expect((await request(app).get(`/v1/patterns/${id}/variations`)).body.cacheKeys).toEqual(gen.body.cacheKeys);
    const rnd = await request(app).get(`/v1/patterns/${id}/variations/random?type=structure&seed=s1`);
    expect(rnd.status).toBe(200);
    expect(rnd.body.variationType).toBe('structure');
    const badType = await request(app).get(`/v1/patterns/${id}/variations/random?type=nope`);
    expectProblem(badType, 400, 'VALIDATION_FAILED');
    expect(badType.body.errors[0].path).toBe('/type');
    const batch = await request(app).post('/v1/variations/batch').send({ cacheKeys: [gen.body.cacheKeys[1], 'motif:1:default:variation:p_x:v9'] });
    expect(batch.body.variations).toHaveLength(1);
    expect(batch.body.missing).toEqual(['motif:1:default:variation:p_x:v9']);
  });

  it('generates with an empty body (all options have defaults)', async () => {
    const app = build();
    const id = (await request(app).post('/v1/patterns').send(PATTERN)).body.pattern.patternId;
    const gen = await request(app).post(`/v1/patterns/${id}/variations`);
    expect(gen.status).toBe(201);
    expect(gen.body.options).toEqual({ structure: 3, parameter: 3 });
  });

  it('parses DSL, reports syntax errors as 400 DSL_SYNTAX, validates structures with 200 valid:false', async () => {
    const app = build();
    expect((await request(app).post('/v1/dsl/parse').send({ dsl: '§[δ]' })).body.dsl).toBe('§[δ]');
    expectProblem(await request(app).post('/v1/dsl/parse').send({ dsl: '§((' }), 400, 'DSL_SYNTAX');
    const v = await request(app).post('/v1/structures/validate').send({ dsl: '§[!]' });
    expect(v.status).toBe(200);
    expect(v.body.validation.valid).toBe(false);
    expect(v.body.validation.issues[0].code).toBe('UNKNOWN_COMPONENT');
    const none = await request(app).post('/v1/structures/validate').send({});
    expectProblem(none, 400, 'VALIDATION_FAILED');
    expect(none.body.errors[0].path).toBe('/dsl');
  });

  it('serves the catalog and stats', async () => {
    const app = build();
    expect((await request(app).get('/v1/catalog')).body.roots).toEqual(['Card']);
    expect((await request(app).get('/v1/stats')).body.store.backend).toBe('embedded');
  });
});

describe('bad input never yields a 500', () => {
  it('400 for malformed JSON', async () => {
    const res = await request(build()).post('/v1/patterns').set('Content-Type', 'application/json').send('{"description": ');
    expectProblem(res, 400, 'MALFORMED_JSON');
  });

  it('400 with every field path for schema violations', async () => {
    const res = await request(build()).post('/v1/patterns').send({ description: '', componentPaths: ['Card', 7] });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/description', '/componentPaths/1']));
  });

  it('400 that names the type for a JSON body that is valid JSON but not an object (null is not "malformed")', async () => {
    for (const [body, got] of [['null', 'null'], ['42', 'number'], ['"x"', 'string'], ['true', 'boolean']]) {
      const res = await request(build()).post('/v1/patterns').set('Content-Type', 'application/json').send(body);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.detail).toBe(`the request body must be a JSON object, got ${got}`);
    }
  });

  it('400 for a JSON body that is not an object', async () => {
    expectProblem(await request(build()).post('/v1/search').set('Content-Type', 'application/json').send('[1,2]'), 400, 'VALIDATION_FAILED');
  });

  it('400 (not a stack overflow 500) for absurdly deep nesting', async () => {
    let structure = '{"component":"Card"}';
    for (let i = 0; i < 25_000; i++) structure = `{"component":"C","children":[${structure}]}`;
    const res = await request(build()).post('/v1/structures/validate').set('Content-Type', 'application/json').send(`{"structure":${structure}}`);
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.detail).toMatch(/deeper than 128 levels/);
  });

  it('415 for a body that is not JSON', async () => {
    expectProblem(await request(build()).post('/v1/search').set('Content-Type', 'text/plain').send('query=x'), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('413 for a body over the configured limit', async () => {
    const res = await request(build({ bodyLimitBytes: 2048 })).post('/v1/patterns').send({ ...PATTERN, description: 'x'.repeat(5000) });
    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
    expect(res.body.detail).toMatch(/over the limit of 2048 bytes \(\d+ bytes sent\)/);
  });

  it('400 for a path that is not valid percent-encoding', async () => {
    const res = await request(build()).get('/v1/patterns/%E0%A4%A');
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.detail).toMatch(/decode/);
  });

  it('404 for unknown routes', async () => {
    expectProblem(await request(build()).get('/v1/nope'), 404, 'NOT_FOUND');
    expectProblem(await request(build()).get('/nope'), 404, 'NOT_FOUND');
  });

  it('405 with Allow for a wrong method; OPTIONS answers the Allow list', async () => {
    const res = await request(build()).put('/v1/patterns/p_1');
    expectProblem(res, 405, 'METHOD_NOT_ALLOWED');
    expect(res.headers.allow).toBe('GET, DELETE, HEAD, OPTIONS');
    const post = await request(build()).post('/healthz');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD, OPTIONS');
    const head = await request(build()).head('/healthz');
    expect(head.status).toBe(200);
    const opt = await request(build()).options('/v1/search');
    expect(opt.status).toBe(204);
    expect(opt.headers.allow).toBe('POST, OPTIONS');
  });

  it('500s for unexpected failures are opaque: no message, no stack', async () => {
    const service = new InMemoryPatternService();
    service.stats = async () => {
      throw new Error('secret internal detail at /srv/db.ts:12');
    };
    const res = await request(build({}, service)).get('/v1/stats');
    expectProblem(res, 500, 'INTERNAL');
    expect(res.body.detail).toBe('internal error');
    expect(JSON.stringify(res.body)).not.toContain('secret');
  });
});

describe('API key', () => {
  const KEY = 'k3y-0123456789';
  it('401 without a key or with a wrong one; health, metrics and docs stay open', async () => {
    const app = build({ apiKey: KEY });
    const res = await request(app).get('/v1/catalog');
    expectProblem(res, 401, 'UNAUTHORIZED');
    expect(res.headers['www-authenticate']).toMatch(/Bearer/);
    expectProblem(await request(app).get('/v1/catalog').set('X-API-Key', 'wrong-key-123'), 401, 'UNAUTHORIZED');
    expectProblem(await request(app).get('/v1/catalog').set('Authorization', `Basic ${KEY}`), 401, 'UNAUTHORIZED');
    for (const path of ['/healthz', '/readyz', '/metrics', '/openapi.json', '/docs']) expect((await request(app).get(path)).status).toBe(200);
  });

  it('accepts the key via X-API-Key and via Authorization: Bearer', async () => {
    const app = build({ apiKey: KEY });
    expect((await request(app).get('/v1/catalog').set('X-API-Key', KEY)).status).toBe(200);
    expect((await request(app).get('/v1/catalog').set('Authorization', `Bearer ${KEY}`)).status).toBe(200);
  });

  it('is not required when no key is configured', async () => {
    expect((await request(build()).get('/v1/catalog')).status).toBe(200);
  });
});

describe('request ids and logs', () => {
  it('echoes a sane X-Request-Id, replaces an unsafe one, and logs JSON lines with id, route, status, duration', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, cb) { lines.push(...String(chunk).split('\n').filter(Boolean)); cb(); } });
    const app = createApp({ config: fakeConfig(), service: new InMemoryPatternService() }, { logger: pino({ level: 'info' }, sink) });
    const res = await request(app).get('/v1/patterns/p_missing').set('X-Request-Id', 'abc-123');
    expect(res.headers['x-request-id']).toBe('abc-123');
    expect(res.body.requestId).toBe('abc-123');
    const unsafe = await request(app).get('/healthz').set('X-Request-Id', 'bad id\twith spaces');
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const logged = lines.map((l) => JSON.parse(l));
    expect(logged[0]).toMatchObject({ requestId: 'abc-123', method: 'GET', route: '/v1/patterns/:id', status: 404, durationMs: expect.any(Number) });
    expect(logged[1]).toMatchObject({ requestId: unsafe.headers['x-request-id'], route: '/healthz', status: 200 });
  });
});

describe('CORS', () => {
  it('is off when no origin is configured', async () => {
    const res = await request(build()).get('/healthz').set('Origin', 'https://app.example');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows configured origins, answers preflights, ignores others', async () => {
    const app = build({ corsOrigins: ['https://app.example'], apiKey: 'k3y-0123456789' });
    const ok = await request(app).get('/healthz').set('Origin', 'https://app.example');
    expect(ok.headers['access-control-allow-origin']).toBe('https://app.example');
    expect(ok.headers['access-control-expose-headers']).toMatch(/X-Request-Id/);
    const pre = await request(app).options('/v1/search').set('Origin', 'https://app.example').set('Access-Control-Request-Method', 'POST');
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-headers']).toMatch(/X-API-Key/);
    const other = await request(app).get('/healthz').set('Origin', 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('health', () => {
  it('/healthz is always 200; /readyz is 503 naming degraded components when not ready', async () => {
    const service = new InMemoryPatternService();
    const app = build({}, service);
    expect((await request(app).get('/readyz')).body).toMatchObject({ ready: true, degraded: [] });
    service.health_ = { ready: false, components: [{ name: 'store', state: 'down', detail: 'disk' }, { name: 'cache.l2', state: 'degraded' }, { name: 'cache.l1', state: 'up' }] };
    const res = await request(app).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body.degraded).toEqual(['store', 'cache.l2']);
    expect((await request(app).get('/healthz')).status).toBe(200);
  });
});
