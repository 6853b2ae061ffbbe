import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { resolveConfig, type PatternService } from '@motif/core-types';
import { createMotifContainer, type MotifRuntime } from '@motif/patterns';
import { BUILT_IN_DSL_EXAMPLES, DSL_RULES_RESOURCE_URI, SYMBOLS_RESOURCE_URI } from './catalog-resources';
import { CARD_PROMPT_NAME } from './card-prompt';
import { createMotifMcpServer, type McpRuntime } from './create-mcp-server';
import { callMotifTool, MCP_SAMPLE_CARD, MCP_SAMPLE_PATTERNS } from './testing/mcp-test-kit';

/** The contract of issue 16, in its order. */
const TOOL_NAMES = ['search_patterns', 'get_pattern', 'store_pattern', 'record_feedback', 'generate_variations', 'get_variation', 'render_card', 'validate_structure', 'describe_catalog'];

async function connect(runtime: McpRuntime, options: Parameters<typeof createMotifMcpServer>[1] = {}) {
  const server = createMotifMcpServer(runtime, options);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'motif-spec', version: '1.0.0' });
  await client.connect(clientSide);
  await client.listTools(); // the client compiles each tool's outputSchema and checks every result against it
  return { client, close: async () => { await client.close(); await server.close(); } };
}

describe('Motif MCP server on the real container (in-memory transport, the SDK client)', () => {
  let dir: string;
  let runtime: MotifRuntime;
  let client: Client;
  let close: () => Promise<void>;
  const call = (name: string, args: Record<string, unknown>) => callMotifTool(client, name, args);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'motif-mcp-'));
    runtime = await createMotifContainer(resolveConfig({ env: { MOTIF_EMBEDDER: 'hashing' }, flags: { dataDir: dir } }));
    ({ client, close } = await connect(runtime));
  });
  afterAll(async () => {
    await close();
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists every tool with its input JSON Schema and an outputSchema', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(TOOL_NAMES);
    for (const tool of tools) {
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.outputSchema?.type).toBe('object');
      expect(tool.description?.length).toBeGreaterThan(40);
    }
    const search = tools.find((t) => t.name === 'search_patterns')!;
    expect(Object.keys(search.inputSchema.properties ?? {})).toEqual(expect.arrayContaining(['query', 'filters', 'limit']));
    const store = tools.find((t) => t.name === 'store_pattern')!;
    expect(store.inputSchema.required).toEqual(['description']);
    expect(store.annotations?.readOnlyHint).toBe(false);
    expect(Object.keys(store.inputSchema.properties ?? {})).toEqual(expect.arrayContaining(['card', 'dsl', 'params']));
    expect(tools.find((t) => t.name === 'get_variation')?.annotations?.readOnlyHint).toBe(true);
    const render = tools.find((t) => t.name === 'render_card')!;
    expect(Object.keys(render.inputSchema.properties ?? {}).sort()).toEqual(['card', 'dsl', 'id', 'params', 'variationId']);
    expect(render.annotations?.readOnlyHint).toBe(true);
  });

  it('stores a Card v2 card and renders patterns, variations and inline patterns to cardsV2; the card travels only when asked for', async () => {
    const stored = await call('store_pattern', { ...MCP_SAMPLE_CARD });
    expect(stored).toMatchObject({ isError: false, body: { created: true, dsl: '©[◆, §[δ×2, Ƀ[ᵬ×2]]]' } });
    const id = stored.body.id as string;
    expect((await runtime.service.get(id)).tree[0]).toMatchObject({ component: 'Card' });

    const rendered = await call('render_card', { id });
    expect(rendered.body).toEqual(rendered.structured);
    expect(rendered.body).toEqual(await runtime.service.renderCard({ patternId: id }));
    const card = (rendered.body.cardsV2 as Array<{ cardId: string; card: Record<string, unknown> }>)[0];
    expect(card.cardId).toBe(id);
    expect(card.card).toMatchObject(MCP_SAMPLE_CARD.card);

    const compact = await call('get_pattern', { id });
    expect(compact.body.card).toBeUndefined();
    expect(compact.body.params).toBeUndefined();
    expect((await call('get_pattern', { id, includeCard: true })).body.card).toEqual(card.card);
    const hits = (await call('search_patterns', { query: 'library loan due', limit: 1, includeCard: true })).body.results as Array<Record<string, unknown>>;
    expect(hits[0]).toMatchObject({ id, card: card.card });

    const family = await call('generate_variations', { id, structure: 1, parameter: 1, seed: 'cards', includeCard: true });
    const variations = family.body.variations as Array<{ id: string; card?: Record<string, unknown> }>;
    expect(variations.every((v) => typeof v.card?.sections === 'object')).toBe(true);
    const variant = variations[variations.length - 1];
    const renderedVariant = await call('render_card', { id, variationId: variant.id });
    expect(renderedVariant.body).toEqual(await runtime.service.renderCard({ patternId: id, variationId: variant.id }));
    expect((renderedVariant.body.cardsV2 as Array<{ card: unknown }>)[0].card).toEqual(variant.card);
    expect((await call('get_variation', { id, type: 'parameter', seed: '1', includeCard: true })).body.card).toBeDefined();

    const inlineCard = await call('render_card', { card: MCP_SAMPLE_CARD.card });
    expect((inlineCard.body.cardsV2 as Array<{ cardId: string; card: unknown }>)[0]).toMatchObject({ cardId: expect.stringMatching(/^inline-/), card: card.card });
    const inlineDsl = await call('render_card', { dsl: '§[δ]', params: { text: 'Hello' } });
    expect(inlineDsl.body).toMatchObject({ cardsV2: [{ card: { sections: [{ widgets: [{ decoratedText: { text: 'Hello' } }] }] } }] });
    expect((await runtime.service.stats()).store.patterns).toBe(1); // inline renders store nothing

    const checked = await call('validate_structure', { card: MCP_SAMPLE_CARD.card });
    expect(checked.body).toMatchObject({ valid: true, dsl: '©[◆, §[δ×2, Ƀ[ᵬ×2]]]', paramIssues: [] });
    await runtime.service.delete(id);
  });

  it('unwraps a whole cardsV2 message with one card sent as the card, and refuses one with several', async () => {
    const direct = await call('store_pattern', { ...MCP_SAMPLE_CARD });
    const wrapped = await call('store_pattern', { description: MCP_SAMPLE_CARD.description, card: { cardsV2: [{ cardId: 'loan', card: MCP_SAMPLE_CARD.card }] } });
    expect(wrapped).toMatchObject({ isError: false, body: { id: direct.body.id, created: false } });
    const two = await call('store_pattern', { description: 'two cards', card: { cardsV2: [{ cardId: 'a', card: MCP_SAMPLE_CARD.card }, { cardId: 'b', card: MCP_SAMPLE_CARD.card }] } });
    expect(two).toMatchObject({ isError: true, body: { error: { code: 'VALIDATION_FAILED', status: 400, fieldErrors: [{ path: '/card/cardsV2' }] } } });
  });

  it('calls every tool: store, search, get, feedback, variations, validate, catalog — structuredContent equals the text block', async () => {
    const ids: string[] = [];
    for (const p of MCP_SAMPLE_PATTERNS) {
      const stored = await call('store_pattern', { ...p });
      expect(stored.isError).toBe(false);
      expect(stored.body).toEqual(stored.structured);
      expect(stored.body).toMatchObject({ created: true, dsl: p.dsl, description: p.description });
      ids.push(stored.body.id as string);
    }
    expect((await call('store_pattern', { ...MCP_SAMPLE_PATTERNS[0] })).body).toMatchObject({ id: ids[0], created: false });

    const found = await call('search_patterns', { query: 'is the server up', limit: 2 });
    expect(found.body).toEqual(found.structured);
    const results = found.body.results as Array<Record<string, unknown>>;
    expect(results).toHaveLength(2);
    expect(results[0]).toMatchObject({ id: ids[0], dsl: '§[δ, Ƀ[ᵬ×2]]', feedback: null });
    // Compact by default: no params, no structure, no timestamps.
    for (const r of results) expect(Object.keys(r).sort()).toEqual(['description', 'dsl', 'feedback', 'id', 'score']);
    const withParams = await call('search_patterns', { query: 'is the server up', limit: 1, includeParams: true });
    // The flat params view of the stored tree (what REST serves as instanceParams), not the input as sent.
    const firstParams = (withParams.body.results as Array<Record<string, unknown>>)[0].params;
    expect(firstParams).toEqual((await runtime.service.get(ids[0])).instanceParams);
    expect(firstParams).toMatchObject({ items: [{ text: 'Online', topLabel: 'api-gateway' }], buttons: [{ text: 'Refresh' }, { text: 'Details' }] });
    const filtered = await call('search_patterns', { query: 'card', filters: { components: { none: ['Button'] } } });
    expect((filtered.body.results as Array<{ id: string }>).map((r) => r.id)).toEqual([ids[2]]);

    const got = await call('get_pattern', { id: ids[1] });
    expect(got.body).toMatchObject({ id: ids[1], dsl: '§[δ, Ƀ[ᵬ]]', tags: [], votes: { content: { positive: 0, negative: 0 } } });
    expect(got.body.params).toBeUndefined();
    expect((await call('get_pattern', { id: ids[1], includeParams: true })).body.params).toEqual((await runtime.service.get(ids[1])).instanceParams);

    const voted = await call('record_feedback', { id: ids[0], feedback: 'positive', dimension: 'content' });
    expect(voted.body).toEqual({ id: ids[0], feedback: 'positive', contentFeedback: 'positive', formFeedback: null, votes: { content: { positive: 1, negative: 0 }, form: { positive: 0, negative: 0 } } });

    const family = await call('generate_variations', { id: ids[0], structure: 2, parameter: 1, seed: 'spec' });
    expect(family.body).toEqual(family.structured);
    const variations = family.body.variations as Array<Record<string, unknown>>;
    expect(family.body).toMatchObject({ parentId: ids[0], seed: 'spec', shortfall: 0 });
    expect(variations[0]).toMatchObject({ id: `${ids[0]}:v0`, type: 'original', dsl: '§[δ, Ƀ[ᵬ×2]]' });
    expect(variations.filter((v) => v.type === 'structure')).toHaveLength(2);
    expect(variations.every((v) => v.params === undefined && typeof v.dsl === 'string')).toBe(true);
    const again = await call('generate_variations', { id: ids[0], structure: 2, parameter: 1, seed: 'spec' });
    expect(again.body).toEqual(family.body);

    const picked = await call('get_variation', { id: ids[0], type: 'structure', seed: '1' });
    expect(picked.body).toMatchObject({ parentId: ids[0], type: 'structure' });
    expect(variations.map((v) => v.id)).toContain(picked.body.id);
    expect((await call('get_variation', { id: ids[1] })).body.error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('generate') });
    await call('generate_variations', { id: ids[1], structure: 1, parameter: 1 });
    const random = await call('get_variation', { id: ids[1], includeParams: true });
    expect(random.body).toMatchObject({ parentId: ids[1] });
    expect(random.body.params).toBeDefined();

    const valid = await call('validate_structure', { dsl: 'Section[DecoratedText, ButtonList[Button x2]]' });
    expect(valid.body).toEqual({ valid: true, dsl: '§[δ, Ƀ[ᵬ×2]]', expanded: 'Section[DecoratedText, ButtonList[Button×2]]', issues: [], repairs: [] });
    const invalid = await call('validate_structure', { dsl: '§[ᵬ]' });
    expect(invalid.isError).toBe(false);
    expect(invalid.body).toMatchObject({ valid: false, issues: [{ code: 'NEEDS_WRAPPER', fix: 'wrap Button in ButtonList' }] });

    const catalog = await call('describe_catalog', {});
    expect(catalog.body).toMatchObject({ id: 'google-chat-cards-v2', roots: expect.arrayContaining(['Section']) });
    const components = catalog.body.components as Array<Record<string, unknown>>;
    expect(components.find((c) => c.name === 'Button')).toMatchObject({ symbol: 'ᵬ', wrapper: 'ButtonList' });
    expect(components.every((c) => c.parameters === undefined)).toBe(true);
    const one = await call('describe_catalog', { component: 'δ' });
    expect(one.body.components).toBeUndefined();
    expect(one.body.component).toMatchObject({ name: 'DecoratedText', parameters: { text: expect.any(Object) } });
  });

  it('answers bad arguments with isError results carrying VALIDATION_FAILED and the field paths', async () => {
    const wrongType = await call('search_patterns', { query: 'x', limit: 'ten' });
    expect(wrongType).toMatchObject({ isError: true, structured: undefined });
    expect(wrongType.body.error).toMatchObject({ code: 'VALIDATION_FAILED', status: 400, fieldErrors: [{ path: '/limit' }] });
    const unknownKey = await call('get_pattern', { id: 'p_1', colour: 'red' });
    expect(unknownKey.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('colour') });
    const missing = await call('store_pattern', { description: 'no structure' });
    expect(missing.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fieldErrors: [{ path: '/card' }] });
    const both = await call('store_pattern', { description: 'two shapes', card: MCP_SAMPLE_CARD.card, dsl: '§[δ]' });
    expect(both.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fieldErrors: [{ path: '/dsl' }] });
    expect((await call('render_card', {})).body.error).toMatchObject({ code: 'VALIDATION_FAILED', fieldErrors: [{ path: '/id' }] });
    expect((await call('render_card', { variationId: 'p_1:v1' })).body.error).toMatchObject({ code: 'VALIDATION_FAILED', fieldErrors: expect.arrayContaining([{ path: '/variationId', message: expect.any(String) }]) });
    const badVote = await call('record_feedback', { id: 'p_1', feedback: 'great' });
    expect(badVote.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fieldErrors: [{ path: '/feedback' }] });
    const emptySearch = await call('search_patterns', {});
    expect(emptySearch.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fieldErrors: [{ path: '/query' }] });
    // The server is still there.
    expect((await client.listTools()).tools).toHaveLength(TOOL_NAMES.length);
  });

  it('answers domain errors with the API error code: NOT_FOUND, INVALID_STRUCTURE (with issues), DSL_SYNTAX, PRECONDITION_FAILED', async () => {
    expect((await call('get_pattern', { id: 'p_000000000000000000000000' })).body.error).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    const broken = await call('store_pattern', { description: 'a button alone', dsl: '§[ᵬ]' });
    expect(broken.body.error).toMatchObject({ code: 'INVALID_STRUCTURE', status: 422, issues: [{ code: 'NEEDS_WRAPPER', fix: 'wrap Button in ButtonList' }] });
    expect((await call('validate_structure', { dsl: '§[δ' })).body.error).toMatchObject({ code: 'DSL_SYNTAX' });
    expect((await call('describe_catalog', { component: 'Ghost' })).body.error).toMatchObject({ code: 'NOT_FOUND' });
    // A card whose button has nowhere to go: the API's INVALID_PARAMS, with the node path and a fix.
    const noLink = { sections: [{ widgets: [{ buttonList: { buttons: [{ text: 'Go' }] } }] }] };
    const badCard = await call('store_pattern', { description: 'a button without onClick', card: noLink });
    expect(badCard.body.error).toMatchObject({ code: 'INVALID_PARAMS', status: 422 });
    expect((await call('render_card', { card: noLink })).body.error).toMatchObject({ code: 'INVALID_PARAMS' });
    expect(badCard.body.error).toMatchObject({ issues: [expect.objectContaining({ path: expect.stringContaining('Button'), pointer: expect.stringMatching(/^\/card\//), fix: expect.any(String) })] });
    // Flat params: the error points at the tool's own argument (params), not the service's instanceParams.
    const tooMany = await call('store_pattern', { description: 'three buttons for two slots', dsl: '§[Ƀ[ᵬ×2]]', params: { buttons: [1, 2, 3].map((n) => ({ text: `b${n}`, url: `https://example.com/${n}` })) } });
    expect(tooMany.body.error).toMatchObject({ code: 'INVALID_PARAMS', fieldErrors: [{ path: '/params/buttons/2' }], issues: [expect.objectContaining({ pointer: '/params/buttons/2' })] });
    expect(JSON.stringify(tooMany.body)).not.toContain('instanceParams');
    const renderTooMany = await call('render_card', { dsl: '§[Ƀ[ᵬ×2]]', params: { buttons: [1, 2, 3].map((n) => ({ text: `b${n}`, url: `https://example.com/${n}` })) } });
    expect(renderTooMany.body.error).toMatchObject({ code: 'INVALID_PARAMS', fieldErrors: [{ path: '/params/buttons/2' }] });
    expect((await call('render_card', { id: 'p_000000000000000000000000' })).body.error).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    const stored = await call('store_pattern', { description: 'A card nobody liked', dsl: '§[δ×2]', params: { items: [{ text: 'a' }, { text: 'b' }] } });
    const id = stored.body.id as string;
    await call('record_feedback', { id, feedback: 'negative' });
    expect((await call('generate_variations', { id })).body.error).toMatchObject({ code: 'PRECONDITION_FAILED', status: 412 });
    expect((await call('generate_variations', { id, force: true })).isError).toBe(false);
    expect((await call('no_such_tool', {})).body.error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('search_patterns') });
  });

  it('serves the symbol table and the DSL rules as resources; the rules\' examples are valid', async () => {
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toEqual([SYMBOLS_RESOURCE_URI, DSL_RULES_RESOURCE_URI]);
    const symbols = (await client.readResource({ uri: SYMBOLS_RESOURCE_URI })).contents[0] as { text: string; mimeType: string };
    expect(symbols.mimeType).toBe('text/markdown');
    expect(symbols.text).toContain('| δ | DecoratedText |');
    expect(symbols.text).toMatch(/\| ᵬ \| Button \| .* \| ButtonList \|/);
    const rules = ((await client.readResource({ uri: DSL_RULES_RESOURCE_URI })).contents[0] as { text: string }).text;
    expect(rules).toContain('Button → ButtonList');
    for (const example of BUILT_IN_DSL_EXAMPLES) {
      expect(rules).toContain(example.dsl);
      expect((await call('validate_structure', { dsl: example.dsl })).body.valid).toBe(true);
    }
  });

  it('offers the "build a card like these" prompt over the top patterns for a request, leaving out negative ones', async () => {
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual([CARD_PROMPT_NAME]);
    expect(prompts[0].arguments?.map((a) => [a.name, a.required])).toEqual([['request', true], ['count', false]]);
    const prompt = await client.getPrompt({ name: CARD_PROMPT_NAME, arguments: { request: 'is the api gateway online', count: '2' } });
    const text = (prompt.messages[0].content as { text: string }).text;
    expect(text).toContain('Build a Google Chat card (Card v2) for this request: is the api gateway online');
    expect(text).toMatch(/1\. Server status card[^\n]*\n {3}id p_\w+, score \d\.\d{3}, feedback positive/);
    expect(text).toContain('DSL: §[δ, Ƀ[ᵬ×2]]');
    expect(text).toContain('"topLabel":"api-gateway"');
    expect(text).not.toContain('A card nobody liked');
    await expect(client.getPrompt({ name: CARD_PROMPT_NAME, arguments: { request: 'x', count: '99' } })).rejects.toThrow(/1 to 10/);
  });
});

describe('authorize', () => {
  it('refuses the tools the caller may not use with FORBIDDEN, before reading their arguments', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motif-mcp-auth-'));
    const runtime = await createMotifContainer(resolveConfig({ env: { MOTIF_EMBEDDER: 'hashing' }, flags: { dataDir: dir } }));
    const { client, close } = await connect(runtime, { authorize: (tool) => (tool.access === 'write' ? 'read-only key' : undefined) });
    expect((await callMotifTool(client, 'store_pattern', { ...MCP_SAMPLE_PATTERNS[0] })).body.error).toEqual({ code: 'FORBIDDEN', status: 403, message: 'read-only key' });
    expect((await callMotifTool(client, 'store_pattern', { nonsense: true })).body.error).toMatchObject({ code: 'FORBIDDEN' });
    expect((await callMotifTool(client, 'search_patterns', { query: 'x' })).isError).toBe(false);
    expect((await runtime.service.stats()).store.patterns).toBe(0);
    await close();
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('failures that are not the caller\'s fault', () => {
  it('come back as an opaque INTERNAL isError result, reported to the host, and the server keeps serving', async () => {
    const failing = { search: () => Promise.reject(new Error('disk I/O error at /secret/path')), catalog: () => ({ id: 'x', name: 'x', version: '1', roots: [], acyclic: true, components: [] }) } as unknown as PatternService;
    const seen: string[] = [];
    const { client, close } = await connect({ config: resolveConfig({ env: {}, flags: { dataDir: tmpdir() } }), service: failing }, { onInternalError: (e, tool) => seen.push(`${tool}: ${(e as Error).message}`) });
    const out = await callMotifTool(client, 'search_patterns', { query: 'anything' });
    expect(out).toMatchObject({ isError: true, body: { error: { code: 'INTERNAL', status: 500, message: 'internal error' } } });
    expect(JSON.stringify(out.body)).not.toContain('secret');
    expect(seen).toEqual(['search_patterns: disk I/O error at /secret/path']);
    expect((await callMotifTool(client, 'describe_catalog', {})).isError).toBe(false);
    await close();
  });
});
