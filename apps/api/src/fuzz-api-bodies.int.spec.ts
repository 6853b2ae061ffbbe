import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import pino from 'pino';
import { resolveConfig } from '@motif/core-types';
import { createMotifContainer } from '@motif/patterns';
import { PROBLEM_CONTENT_TYPE } from './http/problem';
import { createApiServer, type ApiServer } from './server';

/**
 * Property-based fuzzing of every POST body against a real server: arbitrary JSON, mutated valid
 * bodies (dropped fields, wrong types, huge strings, deep nesting, unicode, unknown fields) and
 * raw non-JSON bytes. Never a 5xx; every rejection is a 4xx problem+json with title, status and
 * detail, and nothing in any answer looks like a stack trace or a file path.
 */
jest.setTimeout(120_000);

let dataDir: string;
let server: ApiServer;
let patternId: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'motif-fuzz-api-'));
  const config = { ...resolveConfig({ env: { MOTIF_EMBEDDER: 'hashing' }, flags: { dataDir } }), logLevel: 'silent' as const };
  server = await createApiServer(await createMotifContainer(config), { port: 0, host: '127.0.0.1', logger: pino({ level: 'silent' }) });
  const res = await fetch(`${server.url}/v1/patterns`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(VALID['/v1/patterns']) });
  patternId = ((await res.json()) as { pattern: { patternId: string } }).pattern.patternId;
});

afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** One valid body per endpoint (`:id` is filled in with a stored pattern's id). */
const VALID: Record<string, Record<string, unknown>> = {
  '/v1/patterns': { description: 'Server status card with refresh and details buttons', dsl: '§[δ, Ƀ[ᵬ×2]]', instanceParams: { text: 'Online', buttons: [{ text: 'Refresh', url: 'https://status.example.com/r' }, { text: 'Details', url: 'https://status.example.com/d' }] }, tags: ['ops'], metadata: { team: 'sre' }, feedback: 'positive' },
  '/v1/search': { query: 'server status', dsl: '§[δ]', limit: 5, mode: 'hybrid', filter: { feedback: 'positive', components: { any: ['Button'] } }, explain: true },
  '/v1/recommend': { positive: [':id'], negative: [], limit: 5 },
  '/v1/patterns/:id/variations': { structure: 2, parameter: 2, seed: 'fuzz', force: false },
  '/v1/variations/batch': { cacheKeys: ['v1:default:p_000000000000000000000000:s0:p0'] },
  '/v1/dsl/parse': { dsl: '§[δ×3, Ƀ[ᵬ]]' },
  '/v1/structures/validate': { structure: { component: 'Section', children: [{ component: 'DecoratedText' }, { component: 'ButtonList', children: [{ component: 'Button', count: 2 }] }] } },
  '/v1/patterns/:id/feedback': { feedback: 'positive', dimension: 'form' },
};
const ENDPOINTS = Object.keys(VALID);

/** JSON text nested `depth` levels deep (built as text: JSON.stringify itself overflows its stack on such values). */
const deepText = (depth: number, asArray: boolean): string =>
  asArray ? '['.repeat(depth) + '1' + ']'.repeat(depth) : '{"component":"Section","children":['.repeat(depth) + '{"component":"Button"}' + ']}'.repeat(depth);

/** A request body: JSON text (possibly of a mutated valid body) or raw bytes with some content type. */
type FuzzBody = { kind: string; bytes: string | Uint8Array; contentType?: string };

const mutated = (valid: Record<string, unknown>): fc.Arbitrary<FuzzBody> => {
  const keys = Object.keys(valid);
  const key = fc.constantFrom(...keys);
  const set = (k: string, v: unknown) => ({ ...valid, [k]: v });
  const json = (kind: string) => (v: unknown): FuzzBody => ({ kind, bytes: JSON.stringify(v), contentType: 'application/json' });
  return fc.oneof(
    key.map((k) => Object.fromEntries(Object.entries(valid).filter(([x]) => x !== k))).map(json('drop field')),
    fc.tuple(key, fc.jsonValue({ maxDepth: 4 })).map(([k, v]) => set(k, v)).map(json('wrong type')),
    fc.tuple(key, fc.integer({ min: 1_000, max: 400_000 }), fc.constantFrom('a', '§', 'δ', '[', '×9', '😀', '\u0000', '\\')).map(([k, n, s]) => set(k, s.repeat(n))).map(json('huge string')),
    fc.tuple(key, fc.integer({ min: 20, max: 20_000 }), fc.boolean()).map(([k, d, arr]): FuzzBody => ({ kind: 'deep nesting', bytes: JSON.stringify(set(k, '\u0001deep')).replace('"\\u0001deep"', deepText(d, arr)), contentType: 'application/json' })),
    fc.tuple(key, fc.string({ unit: 'binary', maxLength: 300 })).map(([k, s]) => set(k, s)).map(json('unicode')),
    fc.tuple(fc.string({ maxLength: 20 }), fc.jsonValue({ maxDepth: 2 })).map(([k, v]) => ({ ...valid, [k]: v })).map(json('extra field')),
    fc.tuple(key, fc.constantFrom(-1, 0, 1e308, -0.5, 2 ** 53 + 1, 1e6)).map(([k, n]) => set(k, n)).map(json('edge number')),
  );
};

const bodies = (valid: Record<string, unknown>): fc.Arbitrary<FuzzBody> =>
  fc.oneof(
    { arbitrary: mutated(valid), weight: 6 },
    { arbitrary: fc.jsonValue({ maxDepth: 6 }).map((v): FuzzBody => ({ kind: 'arbitrary json', bytes: JSON.stringify(v) ?? 'null', contentType: 'application/json' })), weight: 2 },
    { arbitrary: fc.tuple(fc.uint8Array({ maxLength: 2_000 }), fc.constantFrom('application/json', 'application/problem+json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', undefined)).map(([b, contentType]): FuzzBody => ({ kind: 'raw bytes', bytes: b, contentType })), weight: 2 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 500 }).map((s): FuzzBody => ({ kind: 'broken json', bytes: JSON.stringify(valid).slice(0, s.length % 40) + s, contentType: 'application/json' })), weight: 1 },
  );

/** A path segment for `:id`: the stored id most of the time, otherwise junk. */
const idSegment = fc.oneof({ arbitrary: fc.constant(':stored'), weight: 3 }, { arbitrary: fc.string({ unit: 'binary', maxLength: 80 }).filter((s) => s.length > 0), weight: 1 });

const STACK = /\n\s+at |\bat .+:\d+:\d+|\/(?:work|home|src|node_modules|dist)\/|\.(?:ts|js):\d+/;

async function send(endpoint: string, body: FuzzBody, id: string) {
  const path = endpoint.replace(':id', encodeURIComponent(id === ':stored' ? patternId : id));
  const text = typeof body.bytes === 'string' ? body.bytes.replace(/":id"/g, JSON.stringify(patternId)) : body.bytes;
  const res = await fetch(server.url + path, { method: 'POST', headers: body.contentType ? { 'Content-Type': body.contentType } : {}, body: text });
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
}

function checkAnswer(res: { status: number; contentType: string; text: string }, what: string): void {
  if (res.status >= 500) throw new Error(`${what} → ${res.status}: ${res.text.slice(0, 300)}`);
  expect(res.text).not.toMatch(STACK);
  if (res.status >= 400) {
    expect(res.contentType.startsWith(PROBLEM_CONTENT_TYPE)).toBe(true);
    const p = JSON.parse(res.text) as { title?: unknown; status?: unknown; detail?: unknown; code?: unknown };
    expect(p.status).toBe(res.status);
    expect(typeof p.title).toBe('string');
    expect(typeof p.detail).toBe('string');
    expect((p.detail as string).length).toBeGreaterThan(0);
    expect(typeof p.code).toBe('string');
  } else {
    expect(res.status).toBeGreaterThanOrEqual(200);
  }
}

describe('fuzzed POST bodies', () => {
  it.each(ENDPOINTS)('%s: never a 5xx, every rejection a clear 4xx problem without internals', async (endpoint) => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(bodies(VALID[endpoint]), idSegment, async (body, id) => {
        const res = await send(endpoint, body, id);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        checkAnswer(res, `${endpoint} (${body.kind})`);
      }),
      { numRuns: 150 },
    );
    // The fuzzing reached both sides of the validation.
    expect([...statuses.keys()].some((s) => s >= 400)).toBe(true);
  });

  // DSL-aware: strings over the DSL's own alphabet reach deep into the parser and the validator.
  const DSL_TOKENS = ['§', 'δ', 'Ƀ', 'ᵬ', 'ɨ', '[', '[', ']', ']', ',', ' ', '×', '*', 'x', '0', '1', '2', '9', '1000', 'Section', 'Button', 'card_framework.v2.', '.', '::', '#', '-', '\u0000', '😀'];
  const dslArb = fc.array(fc.constantFrom(...DSL_TOKENS), { minLength: 1, maxLength: 120 }).map((t) => t.join(''));
  const DSL_BODY: Record<string, (dsl: string) => unknown> = {
    '/v1/dsl/parse': (dsl) => ({ dsl }),
    '/v1/structures/validate': (dsl) => ({ dsl }),
    '/v1/patterns': (dsl) => ({ description: 'DSL fuzz card', dsl }),
    '/v1/search': (dsl) => ({ query: 'fuzz', dsl }),
  };
  it.each(Object.keys(DSL_BODY))('%s: random strings over the DSL alphabet never cause a 5xx', async (endpoint) => {
    await fc.assert(
      fc.asyncProperty(dslArb, async (dsl) => {
        const res = await send(endpoint, { kind: 'dsl', bytes: JSON.stringify(DSL_BODY[endpoint](dsl)), contentType: 'application/json' }, ':stored');
        checkAnswer(res, `${endpoint} dsl ${JSON.stringify(dsl)}`);
      }),
      { numRuns: 200 },
    );
  });

  it('the unmutated valid bodies are accepted (so mutations are what gets rejected)', async () => {
    for (const endpoint of ENDPOINTS) {
      const res = await send(endpoint, { kind: 'valid', bytes: JSON.stringify(VALID[endpoint]), contentType: 'application/json' }, ':stored');
      if (res.status >= 300) throw new Error(`${endpoint} → ${res.status}: ${res.text}`);
    }
  });
});
