import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { callMotifTool, MCP_SAMPLE_CARD } from '@motif/mcp/testing';

/**
 * The README examples that register `motif mcp` with an MCP client, run as written: each
 * `mcpServers` entry with a `command` (root README, libs/mcp README) is started by the SDK's stdio
 * client with its args and env (the checkout and data paths put in), and the shell session of
 * libs/mcp's README is run by bash. If a README example stops working, this fails.
 */
jest.setTimeout(120_000);

const ROOT = join(__dirname, '..', '..', '..');
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'motif-mcp-readme-'));
  dirs.push(d);
  return d;
};

interface StdioEntry {
  command: string;
  args: string[];
  env?: Record<string, string>;
}

/** The fenced blocks of a README in a language, in order. */
function fencedBlocks(file: string, lang: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);
}

function stdioEntries(file: string): StdioEntry[] {
  return fencedBlocks(file, 'json')
    .map((b) => JSON.parse(b) as { mcpServers?: Record<string, Partial<StdioEntry>> })
    .flatMap((b) => Object.values(b.mcpServers ?? {}))
    .filter((e): e is StdioEntry => typeof e.command === 'string');
}

/** The README's placeholders, filled in: this checkout, and a fresh data directory. */
const fill = (s: string, dataDir: string) => s.replace('/path/to/motif-data', dataDir).replace('/path/to/motif/', `${ROOT}/`);

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', join(ROOT, 'apps', 'cli')], { cwd: ROOT, stdio: 'pipe' });
});
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe.each(['README.md', 'libs/mcp/README.md'])('%s: registering motif mcp with an MCP client', (file) => {
  const entries = stdioEntries(file);

  it('has a stdio entry, and it starts a server with the nine tools that stores in the data dir its env names', async () => {
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      const dataDir = tmp();
      const env = Object.fromEntries(Object.entries(entry.env ?? {}).map(([k, v]) => [k, fill(v, dataDir)]));
      expect(env.MOTIF_DATA_DIR).toBe(dataDir);
      // The client passes only what `env` says (plus the SDK's default PATH, HOME…); MOTIF_NAMESPACE is one more variable the README lists.
      const transport = new StdioClientTransport({ command: entry.command, args: entry.args.map((a) => fill(a, dataDir)), env: { ...env, MOTIF_NAMESPACE: 'readme', LOG_LEVEL: 'silent', MOTIF_EMBEDDER: 'hashing' }, stderr: 'pipe' });
      const client = new Client({ name: 'readme-example', version: '1' });
      await client.connect(transport);
      try {
        expect((await client.listTools()).tools).toHaveLength(9);
        const stored = await callMotifTool(client, 'store_pattern', { ...MCP_SAMPLE_CARD });
        expect(stored.isError).toBe(false);
        const found = await callMotifTool(client, 'search_patterns', { query: 'library loan' });
        expect(found.body).toMatchObject({ namespace: 'readme', results: [expect.objectContaining({ id: stored.body.id })] });
      } finally {
        await client.close();
      }
      expect(existsSync(join(dataDir, 'motif.db'))).toBe(true);
    }
  });
});

describe('libs/mcp/README.md: trying it without a client', () => {
  it('the shell session answers initialize and the validate_structure call', () => {
    const [session] = fencedBlocks('libs/mcp/README.md', 'sh').filter((b) => b.includes('motif mcp'));
    expect(session).toBeDefined();
    const out = execFileSync('bash', ['-c', session], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent', MOTIF_EMBEDDER: 'hashing' } });
    const answers = out.trim().split('\n').map((l) => JSON.parse(l) as { id: number; result: Record<string, unknown> });
    expect(answers.map((a) => a.id)).toEqual([1, 2]);
    expect(answers[0].result).toMatchObject({ serverInfo: { name: 'motif' } });
    expect(answers[1].result).toMatchObject({ structuredContent: { valid: false, issues: [expect.objectContaining({ code: 'NEEDS_WRAPPER' })] } });
  });
});
