import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type { BenchContext, BenchRow, BenchSuite } from '../bench-types';
import { percentile } from '../measure';

const SUITE = 'api';
const ROOT = join(__dirname, '..', '..', '..', '..');
const API_MAIN = join(ROOT, 'apps', 'api', 'dist', 'main.js');
const CLI_MAIN = join(ROOT, 'apps', 'cli', 'dist', 'main.js');

/** Starts the built API (as a user would) on a free loopback port with a fresh data dir. */
export async function startApi(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [API_MAIN], {
    env: { ...process.env, MOTIF_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', MOTIF_API_KEY: '', MOTIF_EMBEDDER: 'hashing' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`API did not start: ${output}`)), 60_000);
    child.stdout!.on('data', (c: Buffer) => {
      output += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => reject(new Error(`API exited (${code}): ${output}`)));
  });
  return { url, child };
}

export async function stopApi(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}

const post = async (url: string, body: unknown): Promise<Record<string, unknown>> => {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status >= 300) throw new Error(`POST ${url} → ${res.status}: ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
};

const TOPICS = ['server status', 'product price', 'meeting invitation', 'deploy approval', 'incident alert', 'weekly report', 'support ticket', 'survey form'];
const DSLS = ['§[δ, Ƀ[ᵬ×2]]', '§[δ×3, Ƀ[ᵬ]]', '§[δ]', '§[δ×2]'];
/** DecoratedTexts and Buttons of each DSL above: the store checks flat params like a card's (a Button needs text and onClick). */
const SHAPES: ReadonlyArray<{ texts: number; buttons: number }> = [{ texts: 1, buttons: 2 }, { texts: 3, buttons: 1 }, { texts: 1, buttons: 0 }, { texts: 2, buttons: 0 }];

/** Flat params that fill every required field of DSLS[k]. */
function seedParams(k: number, label: string): Record<string, unknown> {
  const { texts, buttons } = SHAPES[k];
  const params: Record<string, unknown> = { DecoratedText: Array.from({ length: texts }, (_, t) => ({ text: t === 0 ? label : `${label} · ${t + 1}` })) };
  if (buttons > 0) params.buttons = Array.from({ length: buttons }, (_, b) => ({ text: `Open ${b + 1}`, url: `https://example.com/${b + 1}` }));
  return params;
}

interface Load {
  p50: number;
  p99: number;
  rps: number;
  non2xx: number;
}

async function load(url: string, duration: number, opts: { method?: 'GET' | 'POST'; body?: string } = {}): Promise<Load> {
  const r = await autocannon({
    url,
    connections: 10,
    duration,
    method: opts.method ?? 'GET',
    ...(opts.body ? { body: opts.body, headers: { 'content-type': 'application/json' } } : {}),
  });
  return { p50: r.latency.p50, p99: r.latency.p99, rps: r.requests.average, non2xx: r.non2xx + r.errors };
}

/** Median wall time of `node <args>` in ms over `n` runs. */
function processMs(args: string[], n: number): number {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}`);
  }
  return percentile(times.sort((a, b) => a - b), 50);
}

/**
 * HTTP throughput and latency of the real API on loopback (autocannon, 10 connections): GET a
 * pattern, POST a search, GET a random cached variation — each beside `/healthz` on the same
 * server as the in-run baseline. Plus `motif --help` start-up beside a bare `node -e 0`.
 */
export const apiBench: BenchSuite = {
  name: SUITE,
  async run(ctx: BenchContext): Promise<BenchRow[]> {
    const duration = ctx.quick ? 2 : 8;
    const patterns = ctx.quick ? 50 : 500;
    const rows: BenchRow[] = [];

    const helpMs = processMs([CLI_MAIN, '--help'], ctx.quick ? 3 : 9);
    const nodeMs = processMs(['-e', '0'], ctx.quick ? 3 : 9);
    rows.push({ suite: SUITE, name: 'motif --help start-up', value: helpMs, unit: 'ms', baselineName: 'node -e 0', baselineValue: nodeMs, ratio: helpMs / nodeMs, target: '< 500 ms', pass: helpMs < 500, note: 'median wall time of the process; lower is better' });

    const { url, child } = await startApi(ctx.tmpDir());
    try {
      ctx.log(`seeding ${patterns} patterns`);
      let firstId = '';
      for (let i = 0; i < patterns; i++) {
        const topic = TOPICS[i % TOPICS.length];
        const r = await post(`${url}/v1/patterns`, { description: `${topic} card #${i} with details and actions`, dsl: DSLS[i % DSLS.length], instanceParams: seedParams(i % DSLS.length, `${topic} ${i}`) });
        if (i === 0) firstId = (r.pattern as { patternId: string }).patternId;
      }
      await post(`${url}/v1/patterns/${firstId}/variations`, { structure: 5, parameter: 5, seed: 'bench' });

      ctx.log('load: /healthz (baseline)');
      const base = await load(`${url}/healthz`, duration);
      const cases: Array<[string, string, { method?: 'GET' | 'POST'; body?: string }]> = [
        ['GET /v1/patterns/:id', `${url}/v1/patterns/${firstId}`, {}],
        ['POST /v1/search', `${url}/v1/search`, { method: 'POST', body: JSON.stringify({ query: 'server status card with actions', limit: 10 }) }],
        ['GET /v1/patterns/:id/variations/random', `${url}/v1/patterns/${firstId}/variations/random`, {}],
      ];
      const note = `autocannon, 10 connections, ${duration}s, ${patterns} patterns, loopback`;
      rows.push({ suite: SUITE, name: 'GET /healthz throughput', value: base.rps, unit: 'req/s', note });
      for (const [name, target, opts] of cases) {
        ctx.log(`load: ${name}`);
        const r = await load(target, duration, opts);
        if (r.non2xx > 0) ctx.log(`${name}: ${r.non2xx} non-2xx responses or errors`);
        rows.push({ suite: SUITE, name: `${name} throughput`, value: r.rps, unit: 'req/s', baselineName: 'GET /healthz', baselineValue: base.rps, ratio: r.rps / base.rps, note: `${note}; higher is better` });
        rows.push({ suite: SUITE, name: `${name} p50`, value: r.p50, unit: 'ms', baselineName: 'GET /healthz p50', baselineValue: base.p50, ratio: base.p50 > 0 ? r.p50 / base.p50 : undefined, note: 'lower is better' });
        rows.push({ suite: SUITE, name: `${name} p99`, value: r.p99, unit: 'ms', baselineName: 'GET /healthz p99', baselineValue: base.p99, ratio: base.p99 > 0 ? r.p99 / base.p99 : undefined, note: r.non2xx ? `${r.non2xx} non-2xx!` : 'lower is better' });
      }
    } finally {
      await stopApi(child);
    }
    return rows;
  },
};
