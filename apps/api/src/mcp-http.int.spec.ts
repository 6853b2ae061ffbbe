import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { resolveConfig } from '@motif/core-types';
import { callEveryTool, callMotifTool, MCP_SAMPLE_CARD, MCP_SAMPLE_PATTERNS } from '@motif/mcp/testing';
import { createMotifContainer } from '@motif/patterns';
import { createApiServer, type ApiServer } from './server';

/** MCP over Streamable HTTP at /mcp: the SDK's own client against the real API on a real runtime. */
jest.setTimeout(60_000);

const API_KEY = 'mcp-test-key-0123456789';
/** A scoped key from the MOTIF_API_KEYS file: read only, namespace team-a only. */
const READER_KEY = 'mcp-reader-key-team-a-0001';
let dataDir: string;
let server: ApiServer;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'motif-mcp-http-'));
  const base = resolveConfig({ env: { MOTIF_DATA_DIR: dataDir, MOTIF_EMBEDDER: 'hashing' }, home: dataDir, cwd: dataDir });
  const apiKeysFile = join(dataDir, 'keys.json');
  const digest = createHash('sha256').update(READER_KEY).digest('hex');
  writeFileSync(apiKeysFile, JSON.stringify({ keys: { [digest]: { name: 'reader', namespaces: ['team-a'], roles: ['read'] } } }));
  const config = { ...base, logLevel: 'silent' as const, server: { ...base.server, apiKey: API_KEY, apiKeysFile } };
  server = await createApiServer(await createMotifContainer(config), { port: 0, host: '127.0.0.1', logger: pino({ level: 'silent' }) });
});
afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function connect(headers: Record<string, string> = { 'X-API-Key': API_KEY }): Promise<Client> {
  const client = new Client({ name: 'motif-http-spec', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), { requestInit: { headers } }));
  return client;
}

describe('MCP at /mcp', () => {
  it('lists the tools and calls every tool; what it stores is what /v1 serves (the same runtime)', async () => {
    const client = await connect();
    const { tools } = await client.listTools();
    expect(tools).toHaveLength(9);
    const { ids, outcomes } = await callEveryTool(client);
    for (const [name, outcome] of Object.entries(outcomes)) {
      expect([name, outcome.isError]).toEqual([name, false]);
      expect(outcome.structured).toEqual(outcome.body);
    }
    expect(outcomes.generate_variations.body).toMatchObject({ parentId: ids[0], seed: 'kit' });
    const rest = await fetch(`${server.url}/v1/patterns/${ids[0]}`, { headers: { 'X-API-Key': API_KEY } });
    expect(await rest.json()).toMatchObject({ patternId: ids[0], dslNotation: MCP_SAMPLE_PATTERNS[0].dsl, feedback: 'positive' });
    expect(Object.keys(outcomes).sort()).toEqual(tools.map((t) => t.name).sort());
    // render_card answers what GET /v1/patterns/{id}/card answers, for the pattern stored as a card.
    const restCard = await fetch(`${server.url}/v1/patterns/${ids[3]}/card`, { headers: { 'X-API-Key': API_KEY } });
    expect(outcomes.render_card.body).toEqual(await restCard.json());
    expect(outcomes.render_card.body).toMatchObject({ cardsV2: [{ cardId: ids[3], card: MCP_SAMPLE_CARD.card }] });
    await client.close();
  });

  it('answers a bad argument and a domain error as isError results with the API code; the endpoint keeps serving', async () => {
    const client = await connect();
    const bad = await callMotifTool(client, 'search_patterns', { query: 'x', filters: { feedback: 'great' } });
    expect(bad).toMatchObject({ isError: true, body: { error: { code: 'VALIDATION_FAILED', status: 400, fieldErrors: [{ path: '/filters/feedback' }] } } });
    const broken = await callMotifTool(client, 'store_pattern', { description: 'two roots of the wrong kind', dsl: 'ᵬ, ᵬ' });
    expect(broken.body.error).toMatchObject({ code: 'INVALID_STRUCTURE', status: 422 });
    const noImage = { sections: [{ widgets: [{ image: { altText: 'a picture without its url' } }] }] };
    const badCard = await callMotifTool(client, 'store_pattern', { description: 'an image without imageUrl', card: noImage });
    expect(badCard).toMatchObject({ isError: true, body: { error: { code: 'INVALID_PARAMS', status: 422 } } });
    const restBad = await fetch(`${server.url}/v1/patterns`, { method: 'POST', headers: { 'X-API-Key': API_KEY, 'Content-Type': 'application/json' }, body: JSON.stringify({ description: 'an image without imageUrl', card: noImage }) });
    expect([restBad.status, ((await restBad.json()) as { code: string }).code]).toEqual([422, 'INVALID_PARAMS']);
    expect((await callMotifTool(client, 'render_card', { id: 'p_1', dsl: '§[δ]' })).body.error).toMatchObject({ code: 'VALIDATION_FAILED', fieldErrors: [{ path: '/dsl' }] });
    expect((await callMotifTool(client, 'describe_catalog', {})).isError).toBe(false);
    await client.close();
  });

  it('requires the API key as /v1 does: 401 problem+json without it, and the SDK client cannot connect', async () => {
    const init = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } };
    const res = await fetch(`${server.url}/mcp`, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' }, body: JSON.stringify(init) });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await res.json()).toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(connect({})).rejects.toThrow();
    await expect(connect({ Authorization: 'Bearer wrong-key-000000' })).rejects.toThrow();
    const bearer = await connect({ Authorization: `Bearer ${API_KEY}` });
    expect((await bearer.listTools()).tools).toHaveLength(9);
    await bearer.close();
  });

  it('works in the request\'s namespace (X-Motif-Namespace), as /v1 does', async () => {
    const teamB = await connect({ 'X-API-Key': API_KEY, 'X-Motif-Namespace': 'team-b' });
    const empty = await callMotifTool(teamB, 'search_patterns', { query: 'server status' });
    expect(empty.body).toMatchObject({ namespace: 'team-b', results: [] });
    const stored = await callMotifTool(teamB, 'store_pattern', { description: 'Team B weekly report card', dsl: '§[δ]', params: { text: 'Week 12' } });
    const id = stored.body.id as string;
    const inB = await fetch(`${server.url}/v1/patterns/${id}?namespace=team-b`, { headers: { 'X-API-Key': API_KEY } });
    expect(inB.status).toBe(200);
    const inDefault = await fetch(`${server.url}/v1/patterns/${id}`, { headers: { 'X-API-Key': API_KEY } });
    expect(inDefault.status).toBe(404);
    await teamB.close();
    const res = await fetch(`${server.url}/mcp`, { method: 'POST', headers: { 'X-API-Key': API_KEY, 'X-Motif-Namespace': 'bad namespace!', 'Content-Type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(400);
  });

  it('holds a scoped key to its namespace and role: 403 outside its namespace, FORBIDDEN results for write tools', async () => {
    await expect(connect({ 'X-API-Key': READER_KEY })).rejects.toThrow(/403|namespace/);
    const reader = await connect({ 'X-API-Key': READER_KEY, 'X-Motif-Namespace': 'team-a' });
    expect((await callMotifTool(reader, 'search_patterns', { query: 'status' })).body).toMatchObject({ namespace: 'team-a' });
    const denied = await callMotifTool(reader, 'store_pattern', { ...MCP_SAMPLE_PATTERNS[0] });
    expect(denied).toMatchObject({ isError: true, body: { error: { code: 'FORBIDDEN', status: 403, message: expect.stringContaining("needs 'write'") } } });
    expect((await callMotifTool(reader, 'record_feedback', { id: 'p_x', feedback: 'positive' })).body.error).toMatchObject({ code: 'FORBIDDEN' });
    // render_card reads, as GET /v1/patterns/{id}/card and POST /v1/cards/render do.
    expect((await callMotifTool(reader, 'render_card', { card: MCP_SAMPLE_CARD.card })).isError).toBe(false);
    await reader.close();
  });

  it('the README\'s client entry for a URL (libs/mcp) connects as written, with the key in its headers', async () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', 'libs', 'mcp', 'README.md'), 'utf8');
    const blocks = [...readme.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]) as { mcpServers: Record<string, { type?: string; url?: string; headers?: Record<string, string> }> });
    const entry = blocks.flatMap((b) => Object.values(b.mcpServers)).find((e) => e.type === 'http');
    expect(entry?.url).toBe('http://127.0.0.1:8080/mcp'); // the API's default address
    const url = new URL(new URL(entry!.url!).pathname, server.url); // the same path on this test's port
    const headers = Object.fromEntries(Object.entries(entry!.headers ?? {}).map(([k, v]) => [k, v === '…' ? API_KEY : v]));
    const client = new Client({ name: 'readme-http', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers } }));
    expect((await client.listTools()).tools).toHaveLength(9);
    await client.close();
  });

  it('answers GET and DELETE with 405 (stateless: no stream, no session)', async () => {
    for (const method of ['GET', 'DELETE']) {
      const res = await fetch(`${server.url}/mcp`, { method, headers: { 'X-API-Key': API_KEY, Accept: 'text/event-stream' } });
      expect([method, res.status]).toEqual([method, 405]);
      expect(res.headers.get('allow')).toBe('POST, OPTIONS');
    }
  });
});
