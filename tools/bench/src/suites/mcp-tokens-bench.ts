import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import type { BenchContext, BenchRow, BenchSuite } from '../bench-types';
import { startApi, stopApi } from './api-bench';

const SUITE = 'mcp-tokens';
const ROOT = join(__dirname, '..', '..', '..', '..');

/**
 * What a model reads, in tokens: each MCP tool's text block (the same JSON as its
 * structuredContent) beside the REST response body for the same request, both from the built API
 * on the same data. Tokens are counted with a real tokenizer, gpt-tokenizer's o200k_base (the
 * GPT-4o encoding); other models' tokenizers differ by some percent, the ratios much less.
 */
const tokens = (text: string): number => encode(text).length;

const TOPICS = ['server status', 'product price', 'meeting invitation', 'deploy approval', 'incident alert', 'weekly report', 'support ticket', 'survey form'];
/** Structures with how many texts and buttons their params need (params are checked against the structure). */
const SHAPES = [
  { dsl: '§[δ, Ƀ[ᵬ×2]]', texts: 1, buttons: 2 },
  { dsl: '§[δ×3, Ƀ[ᵬ]]', texts: 3, buttons: 1 },
  { dsl: '§[δ]', texts: 1, buttons: 0 },
  { dsl: '§[δ×2]', texts: 2, buttons: 0 },
];
const BUTTONS = ['Open', 'Dismiss'];

async function rest(url: string, method: 'GET' | 'POST', body?: unknown): Promise<string> {
  const res = await fetch(url, { method, headers: body === undefined ? {} : { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status >= 300) throw new Error(`${method} ${url} → ${res.status}: ${await res.text()}`);
  return res.text();
}

async function toolText(client: Client, name: string, args: Record<string, unknown>): Promise<string> {
  const result = await client.callTool({ name, arguments: args });
  if (result.isError) throw new Error(`${name}: ${JSON.stringify(result.content)}`);
  return (result.content as Array<{ type: string; text: string }>)[0].text;
}

export const mcpTokensBench: BenchSuite = {
  name: SUITE,
  async run(ctx: BenchContext): Promise<BenchRow[]> {
    const { url, child } = await startApi(ctx.tmpDir());
    const client = new Client({ name: 'motif-bench', version: '1' });
    try {
      // The shipped examples, plus cards on a few topics so a search has ten results.
      const examples = readFileSync(join(ROOT, 'examples', 'example-patterns.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown);
      for (const p of examples) await rest(`${url}/v1/patterns`, 'POST', p);
      for (let i = 0; i < 40; i++) {
        const topic = TOPICS[i % TOPICS.length];
        const shape = SHAPES[i % SHAPES.length];
        const items = Array.from({ length: shape.texts }, (_, k) => ({ text: `${topic} ${i}.${k}`, topLabel: topic }));
        const buttons = BUTTONS.slice(0, shape.buttons).map((text) => ({ text, url: `https://example.com/${i}/${text.toLowerCase()}` }));
        await rest(`${url}/v1/patterns`, 'POST', {
          description: `${topic} card #${i}: shows the ${topic} details with actions`,
          dsl: shape.dsl,
          instanceParams: { items, ...(buttons.length ? { buttons } : {}) },
          tags: [topic.split(' ')[0]],
        });
      }
      // A shipped Card v2 message (examples/cards), stored as a card: the tree of a real card.
      const shipped = JSON.parse(readFileSync(join(ROOT, 'examples', 'cards', 'server-status.json'), 'utf8')) as { cardsV2: Array<{ card: unknown }> };
      const cardId = (JSON.parse(await rest(`${url}/v1/patterns`, 'POST', { description: 'Server status of api-gateway: health, latency, refresh and logs', card: shipped.cardsV2[0].card })) as { pattern: { patternId: string } }).pattern.patternId;
      await client.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`)));
      const search = { query: 'server status card with buttons', limit: 10 };
      const restSearch = await rest(`${url}/v1/search`, 'POST', search);
      const id = (JSON.parse(restSearch) as { results: Array<{ pattern: { patternId: string } }> }).results[0].pattern.patternId;
      const family = { structure: 3, parameter: 3, seed: 'tokens' };

      const v = `/v1/patterns/${id}`;
      const pairs: Array<[string, string, string, string]> = [
        ['search, 10 results: search_patterns', await toolText(client, 'search_patterns', search), 'POST /v1/search', restSearch],
        ['search, 10 results: search_patterns includeParams', await toolText(client, 'search_patterns', { ...search, includeParams: true }), 'POST /v1/search', restSearch],
        ['variation family 3+3: generate_variations', await toolText(client, 'generate_variations', { id, ...family }), 'POST …/variations', await rest(`${url}${v}/variations`, 'POST', family)],
        ['one pattern: get_pattern', await toolText(client, 'get_pattern', { id }), 'GET /v1/patterns/{id}', await rest(`${url}${v}`, 'GET')],
        ['one pattern: get_pattern includeParams', await toolText(client, 'get_pattern', { id, includeParams: true }), 'GET /v1/patterns/{id}', await rest(`${url}${v}`, 'GET')],
        ['one pattern: get_pattern includeCard', await toolText(client, 'get_pattern', { id, includeCard: true }), 'GET /v1/patterns/{id}', await rest(`${url}${v}`, 'GET')],
        ['search, 10 results: search_patterns includeCard', await toolText(client, 'search_patterns', { ...search, includeCard: true }), 'POST /v1/search', restSearch],
        ['one card: render_card', await toolText(client, 'render_card', { id }), 'GET /v1/patterns/{id}/card', await rest(`${url}${v}/card`, 'GET')],
        ['one shipped card: render_card', await toolText(client, 'render_card', { id: cardId }), 'GET /v1/patterns/{id}/card', await rest(`${url}/v1/patterns/${cardId}/card`, 'GET')],
        ['one shipped card: get_pattern', await toolText(client, 'get_pattern', { id: cardId }), 'GET /v1/patterns/{id}', await rest(`${url}/v1/patterns/${cardId}`, 'GET')],
        ['one variation: get_variation', await toolText(client, 'get_variation', { id, seed: '1' }), 'GET …/variations/random', await rest(`${url}${v}/variations/random?seed=1`, 'GET')],
        ['validate a structure: validate_structure', await toolText(client, 'validate_structure', { dsl: '§[δ×3, Ƀ[ᵬ×2]]' }), 'POST /v1/structures/validate', await rest(`${url}/v1/structures/validate`, 'POST', { dsl: '§[δ×3, Ƀ[ᵬ×2]]' })],
        ['the catalog: describe_catalog', await toolText(client, 'describe_catalog', {}), 'GET /v1/catalog', await rest(`${url}/v1/catalog`, 'GET')],
      ];
      const { tools } = await client.listTools();
      const kb = (text: string) => `${(Buffer.byteLength(text) / 1024).toFixed(1)} KB`;
      const rows: BenchRow[] = pairs.map(([name, mcp, route, restBody]) => {
        const t = tokens(mcp);
        const b = tokens(restBody);
        return {
          suite: SUITE, name: `${name} (${kb(mcp)})`, value: t, unit: 'tokens', baselineName: `REST ${route} (${kb(restBody)})`, baselineValue: b,
          ratio: Math.round((t / b) * 1000) / 1000, note: 'o200k_base tokens of the tool\'s text block vs the REST body; lower is better',
        };
      });
      rows.push({ suite: SUITE, name: `tools/list (${tools.length} tool definitions with their schemas), once per session`, value: tokens(JSON.stringify(tools)), unit: 'tokens', note: 'o200k_base' });
      return rows;
    } finally {
      await client.close().catch(() => undefined);
      await stopApi(child);
    }
  },
};
