import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { InMemoryPatternService } from '@motif/patterns/testing';
import { createApp } from './app';
import { ROLES, sha256, type ApiKeyFile, type Role } from './http/api-keys';
import { ROUTE_ROLES, requiredRole } from './routes/route-roles';
import { ROUTES } from './routes/route-table';
import type { RouteDef } from './routes/route-types';
import { fakeConfig } from './testing/fake-config';

const KEYS: Record<Role | 'all', string> = {
  read: 'reader-key-team-a-0001',
  write: 'writer-key-team-a-0002',
  admin: 'admin-key-team-a-00003',
  all: 'the-single-all-access-key',
};
const hex = (key: string) => sha256(key).toString('hex');
const keyFile: ApiKeyFile = {
  keys: {
    [hex(KEYS.read)]: { name: 'team-a reader', namespaces: ['team-a'], roles: ['read'] },
    [hex(KEYS.write)]: { name: 'team-a writer', namespaces: ['team-a', 'team-c'], roles: ['write'] },
    [hex(KEYS.admin)]: { name: 'team-a admin', namespaces: ['team-a'], roles: ['read', 'admin'] },
  },
};

let dir: string;
let keysPath: string;
let shared: ReturnType<typeof build>;
const lines: string[] = [];
const sink = new Writable({ write(chunk, _enc, cb) { lines.push(...String(chunk).split('\n').filter(Boolean)); cb(); } });
const build = (service = new InMemoryPatternService()) =>
  createApp({ config: fakeConfig({ apiKey: KEYS.all, apiKeysFile: keysPath }), service }, { logger: pino({ level: 'info' }, sink) });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'motif-keys-'));
  keysPath = join(dir, 'keys.json');
  writeFileSync(keysPath, JSON.stringify(keyFile));
  shared = build();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ID = 'p_000000000000000000000000';
const guarded = ROUTES.filter((r) => !r.open);

/** One request on `route` as `key` in `namespace` (only namespaced routes send one). */
function send(app: ReturnType<typeof build>, route: RouteDef, key: string | undefined, namespace = 'team-a') {
  const path = route.path.replace(/:id\b/g, ID) + (route.namespaced ? `?namespace=${namespace}` : '');
  let req = request(app)[route.method](path);
  if (key !== undefined) req = req.set('X-API-Key', key);
  return route.body ? req.send({}) : req;
}

const rank = (r: Role) => ROLES.indexOf(r);

describe('scoped API keys over the route table', () => {
  it('lists a role for every /v1 route, and only for routes that exist', () => {
    expect(Object.keys(ROUTE_ROLES).sort()).toEqual(guarded.map((r) => r.operationId).sort());
  });

  const cases = guarded.flatMap((route) => ROLES.map((role) => [route.method.toUpperCase(), route.path, role, route] as const));
  it.each(cases)('%s %s with a %s key', async (_m, _p, role, route) => {
    const app = shared;
    const res = await send(app, route, KEYS[role]);
    if (rank(role) >= rank(requiredRole(route))) {
      expect([401, 403]).not.toContain(res.status);
    } else {
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'FORBIDDEN', status: 403 });
      expect(res.body.detail).toContain(`needs '${requiredRole(route)}'`);
    }
  });

  it.each(guarded.filter((r) => r.namespaced).map((r) => [r.method.toUpperCase(), r.path, r] as const))(
    '%s %s refuses a key outside its namespace, whatever its role',
    async (_m, _p, route) => {
      const app = shared;
      for (const role of ROLES) {
        const res = await send(app, route, KEYS[role], 'team-b');
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
      // No namespace at all means the configured default one, which these keys do not hold either.
      const res = await request(app)[route.method](route.path.replace(/:id\b/g, ID)).set('X-API-Key', KEYS.admin).send(route.body ? {} : undefined);
      expect(res.status).toBe(403);
      expect(res.body.detail).toContain("namespace 'default'");
    },
  );

  it.each(guarded.map((r) => [r.method.toUpperCase(), r.path, r] as const))('%s %s: MOTIF_API_KEY is all-access, no key is a 401', async (_m, _p, route) => {
    const app = shared;
    expect([401, 403]).not.toContain((await send(app, route, KEYS.all, 'team-b')).status);
    const none = await send(app, route, undefined);
    expect(none.status).toBe(401);
    expect((await send(app, route, 'not-a-known-key-at-all')).status).toBe(401);
  });

  it('takes the namespace one way only: a body naming another is refused, never a second way in', async () => {
    const app = shared;
    const store = await request(app).post('/v1/patterns?namespace=team-a').set('X-API-Key', KEYS.write).send({ description: 'x', dsl: '§[δ]', namespace: 'team-b' });
    expect(store.status).toBe(400);
    expect(store.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(store.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/namespace' })]));
    const search = await request(app).post('/v1/search?namespace=team-a').set('X-API-Key', KEYS.read).send({ query: 'x', namespace: 'team-b' });
    expect(search.status).toBe(400);
    expect(search.body.detail).toContain('"namespace"');
    // The same exported pattern, sent to the namespace it names, is stored there.
    const home = await request(app).post('/v1/patterns?namespace=team-a').set('X-API-Key', KEYS.write).send({ description: 'x', dsl: '§[δ]', namespace: 'team-a' });
    expect(home.status).toBe(201);
    expect(home.body.pattern.namespace).toBe('team-a');
  });

  it('serves a batch only from the request namespace, whatever cache keys are sent', async () => {
    const service = new InMemoryPatternService();
    const app = build(service);
    const { pattern } = await service.store({ description: 'status', dsl: '§[δ]' }, 'team-a');
    const family = await service.generateVariations(pattern.patternId, { structure: 3, parameter: 3, force: false }, 'team-a');
    const asB = await request(app).post('/v1/variations/batch?namespace=team-b').set('X-API-Key', KEYS.all).send({ cacheKeys: family.cacheKeys });
    expect(asB.status).toBe(200);
    expect(asB.body).toEqual({ variations: [], missing: family.cacheKeys });
    const asA = await request(app).post('/v1/variations/batch?namespace=team-a').set('X-API-Key', KEYS.read).send({ cacheKeys: family.cacheKeys });
    expect(asA.body.variations).toHaveLength(family.cacheKeys.length);
  });

  it('never logs a key (nor its digest): only the key file’s name of its holder', async () => {
    lines.length = 0;
    const app = shared;
    for (const route of guarded) for (const key of Object.values(KEYS)) await send(app, route, key);
    await request(app).get('/v1/catalog').set('Authorization', `Bearer ${KEYS.read}`);
    const log = lines.join('\n');
    expect(lines.length).toBeGreaterThan(guarded.length * 4);
    for (const key of Object.values(KEYS)) {
      expect(log).not.toContain(key);
      expect(log).not.toContain(hex(key));
    }
    expect(log).not.toMatch(/x-api-key|authorization/i);
    expect(lines.map((l) => JSON.parse(l).principal)).toContain('team-a reader');
  });
});
