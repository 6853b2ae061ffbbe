import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { resolveConfig } from '@motif/core-types';
import { callEveryTool, callMotifTool, MCP_SAMPLE_CARD, MCP_SAMPLE_PATTERNS } from '@motif/mcp/testing';
import { createMotifContainer } from '@motif/patterns';
import { parsingFrontDoor } from '@motif/patterns/testing';

/**
 * `motif mcp` as an MCP client runs it: the built CLI spawned by the SDK's own stdio client
 * transport, with only the environment such a client passes (the SDK's default set + ours).
 */
jest.setTimeout(180_000);

const ROOT = join(__dirname, '..', '..', '..');
const BIN = join(ROOT, 'apps', 'cli', 'bin', 'motif.js');
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'motif-mcp-stdio-'));
  dirs.push(d);
  return d;
};

beforeAll(() => {
  // Incremental: a no-op when the dist is current.
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', join(ROOT, 'apps', 'cli')], { cwd: ROOT, stdio: 'pipe' });
});
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function spawnMotifMcp(dataDir: string): Promise<{ client: Client; transport: StdioClientTransport; stderr: () => string }> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'mcp'],
    env: { MOTIF_DATA_DIR: dataDir, LOG_LEVEL: 'silent', MOTIF_EMBEDDER: 'hashing' },
    cwd: ROOT,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const client = new Client({ name: 'motif-e2e', version: '1.0.0' });
  await client.connect(transport);
  return { client, transport, stderr: () => stderr };
}

describe('motif mcp over stdio (built CLI, SDK client)', () => {
  it('lists the tools, calls every tool, answers a bad argument, and exits cleanly when the client closes', async () => {
    const dataDir = tmp();
    const { client, transport, stderr } = await spawnMotifMcp(dataDir);
    expect(client.getServerVersion()).toMatchObject({ name: 'motif' });
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['search_patterns', 'get_pattern', 'store_pattern', 'record_feedback', 'generate_variations', 'get_variation', 'render_card', 'validate_structure', 'describe_catalog']);

    const { ids, outcomes } = await callEveryTool(client);
    for (const [name, outcome] of Object.entries(outcomes)) {
      expect([name, outcome.isError]).toEqual([name, false]);
      expect(outcome.structured).toEqual(outcome.body);
    }
    expect(outcomes.search_patterns.body.results).toEqual([
      expect.objectContaining({ id: ids[0], dsl: '§[δ, Ƀ[ᵬ×2]]' }),
      expect.objectContaining({ score: expect.any(Number) }),
    ]);
    expect(outcomes.record_feedback.body).toMatchObject({ id: ids[0], feedback: 'positive' });
    expect(outcomes.get_variation.body).toMatchObject({ parentId: ids[0], type: 'structure' });
    expect(outcomes.validate_structure.body).toMatchObject({ valid: false, issues: [{ code: 'NEEDS_WRAPPER' }] });
    expect(outcomes.describe_catalog.body.component).toMatchObject({ name: 'Button', wrapper: 'ButtonList' });
    expect(Object.keys(outcomes).sort()).toEqual(tools.map((t) => t.name).sort());
    expect(outcomes.render_card.body).toMatchObject({ cardsV2: [{ cardId: ids[3], card: MCP_SAMPLE_CARD.card }] });

    const bad = await callMotifTool(client, 'generate_variations', { id: ids[0], structure: -1 });
    expect(bad).toMatchObject({ isError: true, body: { error: { code: 'VALIDATION_FAILED', fieldErrors: [{ path: '/structure' }] } } });
    expect((await callMotifTool(client, 'get_pattern', { id: 'p_missing' })).body.error).toMatchObject({ code: 'NOT_FOUND' });
    expect((await callMotifTool(client, 'render_card', { id: ids[0], variationId: `${ids[0]}:v99` })).body.error).toMatchObject({ code: 'NOT_FOUND' });
    expect((await client.listResources()).resources).toHaveLength(2);

    const exited = new Promise<number | null>((resolve) => {
      // The SDK does not expose the child; its pid is enough to watch it go.
      const pid = transport.pid!;
      const timer = setInterval(() => {
        try {
          process.kill(pid, 0);
        } catch {
          clearInterval(timer);
          resolve(0);
        }
      }, 50);
    });
    await client.close();
    await exited;
    expect(stderr()).toBe('');

    // What it stored is there for the next process.
    const again = await spawnMotifMcp(dataDir);
    expect((await callMotifTool(again.client, 'get_pattern', { id: ids[0] })).body).toMatchObject({ id: ids[0], feedback: 'positive' });
    await again.client.close();
  });

  it('SIGKILL mid-call: the client sees an error for every call in flight, and the reopened store is intact with every acknowledged pattern', async () => {
    const dataDir = tmp();
    const { client, transport } = await spawnMotifMcp(dataDir);
    const kinds = [...MCP_SAMPLE_PATTERNS, MCP_SAMPLE_CARD]; // DSL + params, and Card v2 cards
    const sample = (i: number) => ({ ...kinds[i % kinds.length], description: `Crash test card number ${i}: ${kinds[i % kinds.length].description}` });
    const acked: string[] = [];
    // Acknowledged before the crash, one by one.
    for (let i = 0; i < 10; i++) {
      const outcome = await callMotifTool(client, 'store_pattern', sample(i));
      expect(outcome.isError).toBe(false);
      acked.push(outcome.body.id as string);
    }
    // Then a burst in flight, and the server killed while it works through it: a timer, not an
    // answer, decides when (answers can arrive in one chunk, all before the kill takes effect).
    const total = 100;
    const calls = Array.from({ length: total }, (_, i) =>
      callMotifTool(client, 'store_pattern', sample(10 + i)).then(
        (outcome) => {
          if (outcome.isError) throw new Error(JSON.stringify(outcome.body));
          acked.push(outcome.body.id as string);
          return 'ok' as const;
        },
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      ),
    );
    setTimeout(() => process.kill(transport.pid!, 'SIGKILL'), 5);
    const settled = await Promise.all(calls);
    const failures = settled.filter((s) => s !== 'ok');
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.length + acked.length).toBe(total + 10);
    for (const f of failures) expect(f).toMatch(/Connection closed|closed/i);

    const db = new Database(join(dataDir, 'motif.db'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
    const runtime = await createMotifContainer({ ...resolveConfig({ env: { MOTIF_EMBEDDER: 'hashing' }, flags: { dataDir } }), logLevel: 'silent' });
    try {
      const got = await Promise.all(acked.map((id) => runtime.service.get(id)));
      expect(got.map((p) => p.patternId)).toEqual(acked);
      expect((await runtime.service.stats()).store.patterns).toBeGreaterThanOrEqual(acked.length);
      const found = await parsingFrontDoor(runtime.service).search({ query: 'Crash test card number 3', limit: 100 });
      expect(found.results.length).toBeGreaterThan(0);
      // The store takes writes again after the crash.
      expect((await runtime.service.store({ description: 'after the crash', dsl: '§[δ]', instanceParams: { text: 'ok' } })).created).toBe(true);
    } finally {
      await runtime.close();
    }
    await client.close().catch(() => undefined);
  });
});
