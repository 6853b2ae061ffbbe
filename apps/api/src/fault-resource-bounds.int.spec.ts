import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { LIMITS, resolveConfig } from '@motif/core-types';
import { createMotifContainer } from '@motif/patterns';
import { PROBLEM_CONTENT_TYPE } from './http/problem';
import { createApiServer, type ApiServer } from './server';

/**
 * Resource bounds: oversized bodies, huge DSL strings, very deep trees and multiplier bombs are
 * refused with a 4xx problem, without a 5xx and without exhausting memory. The server runs in this
 * process, so this process's heap is the server's heap.
 */
jest.setTimeout(60_000);

const MB = 1024 * 1024;
/** Head-room for the heap while a hostile request is answered (a 10⁹-node expansion would need gigabytes). */
const HEAP_BUDGET = 200 * MB;
/** Liveness bound: a refusal that took longer than this would be doing the work it should refuse. */
const REFUSAL_BOUND_MS = 5_000;

let dataDir: string;
let server: ApiServer;
/** A second server whose body limit is raised to 8 MB, so that field limits (not the body limit) must refuse. */
let roomy: ApiServer;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'motif-fault-bounds-'));
  const config = { ...resolveConfig({ env: { MOTIF_EMBEDDER: 'hashing' }, flags: { dataDir } }), logLevel: 'silent' as const };
  const logger = pino({ level: 'silent' });
  server = await createApiServer(await createMotifContainer(config), { port: 0, host: '127.0.0.1', logger });
  const roomyConfig = { ...config, dataDir: join(dataDir, 'roomy'), server: { ...config.server, bodyLimitBytes: 8 * MB } };
  roomy = await createApiServer(await createMotifContainer(roomyConfig), { port: 0, host: '127.0.0.1', logger });
});

afterAll(async () => {
  await server?.close();
  await roomy?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Sends a hostile request while sampling this process's heap; returns the answer, the peak heap growth and the time taken. */
async function hostile(target: ApiServer, path: string, body: string) {
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  const started = performance.now();
  try {
    const res = await fetch(target.url + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    const text = await res.text();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    return { status: res.status, type: res.headers.get('content-type') ?? '', text, grewBy: peak - before, ms: performance.now() - started };
  } finally {
    clearInterval(sampler);
  }
}

function expectBounded(res: Awaited<ReturnType<typeof hostile>>): void {
  if (res.status >= 500) throw new Error(`a 5xx: ${res.status}: ${res.text.slice(0, 300)}`);
  expect(res.grewBy).toBeLessThan(HEAP_BUDGET);
  expect(res.ms).toBeLessThan(REFUSAL_BOUND_MS);
}

function expectRefused(res: Awaited<ReturnType<typeof hostile>>, status?: number): void {
  expectBounded(res);
  if (res.status < 400) throw new Error(`expected a 4xx, got ${res.status}: ${res.text.slice(0, 300)}`);
  if (status !== undefined) expect(res.status).toBe(status);
  expect(res.type.startsWith(PROBLEM_CONTENT_TYPE)).toBe(true);
  const p = JSON.parse(res.text) as { status: number; title: string; detail: string };
  expect(p.status).toBe(res.status);
  expect(p.detail.length).toBeGreaterThan(0);
}

/** The structure endpoints answer a verdict: 200 with `validation.valid: false` is their way to refuse. */
function expectRefusedOrInvalid(path: string, res: Awaited<ReturnType<typeof hostile>>): void {
  if (res.status === 200 && (path === '/v1/dsl/parse' || path === '/v1/structures/validate')) {
    expectBounded(res);
    expect((JSON.parse(res.text) as { validation: { valid: boolean } }).validation.valid).toBe(false);
  } else expectRefused(res);
}

const DSL_ENDPOINTS: Array<[string, (dsl: string) => unknown]> = [
  ['/v1/dsl/parse', (dsl) => ({ dsl })],
  ['/v1/structures/validate', (dsl) => ({ dsl })],
  ['/v1/patterns', (dsl) => ({ description: 'Hostile card', dsl })],
  ['/v1/search', (dsl) => ({ query: 'hostile', dsl })],
];

describe('resource bounds', () => {
  it('a body over the limit is a 413 problem, on every POST route', async () => {
    const big = JSON.stringify({ description: 'x'.repeat(2 * MB), dsl: '§[δ]' });
    for (const path of ['/v1/patterns', '/v1/search', '/v1/dsl/parse', '/v1/variations/batch']) expectRefused(await hostile(server, path, big), 413);
  });

  it.each(DSL_ENDPOINTS)('%s: a 5 MB DSL string (under a raised 8 MB body limit) is refused by the field limit', async (path, body) => {
    expectRefused(await hostile(roomy, path, JSON.stringify(body('§[' + 'δ, '.repeat((5 * MB) / 3) + 'δ]'))), 400);
  });

  it.each(DSL_ENDPOINTS)('%s: a DSL just under the length limit made of deeply nested brackets is a 4xx', async (path, body) => {
    const depth = Math.floor((LIMITS.dslMaxChars - 1_000) / 3);
    const dsl = 'Ƀ['.repeat(depth) + 'ᵬ' + ']'.repeat(depth);
    expect(dsl.length).toBeLessThan(LIMITS.dslMaxChars);
    expectRefusedOrInvalid(path, await hostile(server, path, JSON.stringify(body(dsl))));
    // Unbalanced, too.
    expectRefused(await hostile(server, path, JSON.stringify(body('§['.repeat(depth)))));
  });

  // Before the fix in PatternService.search, POST /v1/search with these crashed the whole process
  // ("Fatal JavaScript invalid size error"): the structure scoring expanded the counts.
  it.each(DSL_ENDPOINTS)('%s: a multiplier bomb (10⁹ nodes once expanded) is refused without a memory blow-up', async (path, body) => {
    for (const bomb of ['§×1000[Ƀ×1000[ᵬ×1000]]', '§[δ×1000, Ƀ×1000[ᵬ×1000]]×1000', 'Ƀ[' + 'Ƀ×1000['.repeat(20) + 'ᵬ×1000' + ']'.repeat(21)]) {
      expectRefusedOrInvalid(path, await hostile(server, path, JSON.stringify(body(bomb))));
    }
  });

  /** `{component, children:[…]}` nested `depth` deep, built as text (JSON.stringify overflows on it). */
  const deepTree = (depth: number) => '{"component":"Section","children":['.repeat(depth) + '{"component":"Button"}' + ']}'.repeat(depth);

  it.each([
    ['/v1/structures/validate', (tree: string) => `{"structure":${tree}}`],
    ['/v1/patterns', (tree: string) => `{"description":"Deep card","structure":${tree}}`],
    ['/v1/search', (tree: string) => `{"query":"deep","structure":${tree}}`],
  ])('%s: a 10,000-deep structure tree is a 4xx', async (path, wrap) => {
    expectRefused(await hostile(server, path, wrap(deepTree(10_000))));
    // Deeper than the structure limit but shallow enough to pass the JSON-depth guard: the validator refuses it.
    expectRefusedOrInvalid(path, await hostile(server, path, wrap(deepTree(LIMITS.structureMaxDepth + 5))));
  });

  it('a structure multiplier bomb (counts at the maximum on nested nodes) is refused without a memory blow-up', async () => {
    const bomb = { component: 'Section', count: LIMITS.nodeCountMax, children: [{ component: 'ButtonList', count: LIMITS.nodeCountMax, children: [{ component: 'Button', count: LIMITS.nodeCountMax }] }] };
    const wide = { component: 'Section', children: Array.from({ length: LIMITS.structureMaxNodes }, () => ({ component: 'DecoratedText', count: LIMITS.nodeCountMax })) };
    for (const structure of [bomb, wide]) {
      expectRefusedOrInvalid('/v1/structures/validate', await hostile(server, '/v1/structures/validate', JSON.stringify({ structure })));
      expectRefused(await hostile(server, '/v1/patterns', JSON.stringify({ description: 'Bomb card', structure })));
      expectRefused(await hostile(server, '/v1/search', JSON.stringify({ query: 'bomb', structure })));
    }
  });

  it('the server is still healthy and serving after all of it', async () => {
    const res = await fetch(`${server.url}/v1/dsl/parse`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ dsl: '§[δ, Ƀ[ᵬ×2]]' }) });
    expect(res.status).toBe(200);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });
});
