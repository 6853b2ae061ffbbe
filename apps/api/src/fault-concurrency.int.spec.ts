import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { resolveConfig } from '@motif/core-types';
import { createMotifContainer } from '@motif/patterns';
import { createApiServer, type ApiServer } from './server';

/** Fault test: many concurrent stores of the same and of different patterns through a real server. */
jest.setTimeout(60_000);

// Each DSL with params for every node it holds (a stored pattern's params are complete).
const SHAPES: ReadonlyArray<{ dsl: string; extra: (i: number) => Record<string, unknown> }> = [
  { dsl: '§[δ]', extra: () => ({}) },
  { dsl: '§[δ, Ƀ[ᵬ×2]]', extra: (i) => ({ buttons: [{ text: 'Open', url: `https://svc.example.com/${i}` }, { text: 'Logs', url: `https://logs.example.com/${i}` }] }) },
  { dsl: '§[δ, Ƀ[ᵬ]]', extra: (i) => ({ buttons: [{ text: 'Open', url: `https://svc.example.com/${i}` }] }) },
];
const pattern = (i: number) => ({
  description: `Concurrency card ${i}: deployment ${i % 7} status for service-${i}`,
  dsl: SHAPES[i % SHAPES.length].dsl,
  instanceParams: { text: `Service ${i}`, topLabel: `svc-${i}`, ...SHAPES[i % SHAPES.length].extra(i) },
  tags: [`batch-${i % 3}`],
});

let dataDir: string;
let server: ApiServer;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'motif-fault-conc-'));
  const config = { ...resolveConfig({ env: { MOTIF_DATA_DIR: dataDir, MOTIF_EMBEDDER: 'hashing' }, home: dataDir, cwd: dataDir }), logLevel: 'silent' as const };
  server = await createApiServer(await createMotifContainer(config), { port: 0, host: '127.0.0.1', logger: pino({ level: 'silent' }) });
});

afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const post = async (body: unknown) => {
  const res = await fetch(`${server.url}/v1/patterns`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { created?: boolean; pattern?: { patternId: string; description: string } } };
};

describe('concurrent stores through the API', () => {
  it('200 concurrent POSTs (the same 5 patterns repeated, plus 100 distinct): no 5xx, no duplicate, no lost write', async () => {
    // 100 requests cycle over patterns 0..4 (20 each), 100 are patterns 100..199; shuffled so duplicates race each other.
    const bodies = [...Array.from({ length: 100 }, (_, i) => pattern(i % 5)), ...Array.from({ length: 100 }, (_, i) => pattern(100 + i))];
    const order = bodies.map((b, i) => ({ b, k: (i * 7919) % 200 })).sort((x, y) => x.k - y.k).map((x) => x.b);
    const responses = await Promise.all(order.map((b) => post(b)));

    expect(responses.filter((r) => r.status >= 500)).toEqual([]);
    expect(responses.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    // 201 ⇔ created: true, and exactly once per distinct pattern.
    for (const r of responses) expect(r.body.created).toBe(r.status === 201);
    const byDescription = new Map<string, { ids: Set<string>; created: number }>();
    for (const r of responses) {
      const entry = byDescription.get(r.body.pattern!.description) ?? { ids: new Set<string>(), created: 0 };
      entry.ids.add(r.body.pattern!.patternId);
      if (r.body.created) entry.created++;
      byDescription.set(r.body.pattern!.description, entry);
    }
    expect(byDescription.size).toBe(105);
    for (const [, e] of byDescription) {
      expect(e.ids.size).toBe(1);
      expect(e.created).toBe(1);
    }
    const ids = [...byDescription.values()].map((e) => [...e.ids][0]);

    // Page through the list: every distinct pattern exactly once, nothing else.
    const listed: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await fetch(`${server.url}/v1/patterns?limit=37${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      const page = (await res.json()) as { items: Array<{ patternId: string }>; nextCursor?: string | null };
      listed.push(...page.items.map((p) => p.patternId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(listed).toHaveLength(105);
    expect(new Set(listed)).toEqual(new Set(ids));

    // Every id reads back, concurrently too.
    const reads = await Promise.all(ids.map((id) => fetch(`${server.url}/v1/patterns/${id}`).then((r) => r.status)));
    expect(reads.every((s) => s === 200)).toBe(true);
    const stats = (await (await fetch(`${server.url}/v1/stats`)).json()) as { store: { patterns: number } };
    expect(stats.store.patterns).toBe(105);
  });

  it('concurrent feedback votes on one pattern are all counted', async () => {
    const { body } = await post(pattern(500));
    const id = body.pattern!.patternId;
    const votes = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        fetch(`${server.url}/v1/patterns/${id}/feedback`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ feedback: i % 3 === 0 ? 'negative' : 'positive', dimension: 'content' }) }).then((r) => r.status),
      ),
    );
    expect(votes.filter((s) => s >= 300)).toEqual([]);
    const got = (await (await fetch(`${server.url}/v1/patterns/${id}`)).json()) as { feedbackCounts: { content: { positive: number; negative: number } } };
    expect(got.feedbackCounts.content).toEqual({ positive: 40, negative: 20 });
  });
});
