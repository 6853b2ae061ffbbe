import type { Client } from '@modelcontextprotocol/sdk/client/index.js';

/** Patterns the MCP specs store (DSL + params, as a model would send them). */
export const MCP_SAMPLE_PATTERNS = [
  {
    description: 'Server status card with a green online label and refresh/details buttons',
    dsl: '§[δ, Ƀ[ᵬ×2]]',
    params: { text: 'Online', topLabel: 'api-gateway', buttons: [{ text: 'Refresh', url: 'https://status.example.com/refresh' }, { text: 'Details', url: 'https://status.example.com/api' }] },
    tags: ['ops'],
  },
  {
    description: 'Product card showing the price $49.99 with a Buy button',
    dsl: '§[δ, Ƀ[ᵬ]]',
    params: { text: '$49.99', buttons: [{ text: 'Buy', url: 'https://shop.example.com/item/42' }] },
  },
  {
    description: 'Dashboard of system health metrics: CPU, memory and disk usage',
    dsl: '§[δ×3]',
    params: { items: [{ text: 'CPU: 45%' }, { text: 'Memory: 67%' }, { text: 'Disk: 81%' }] },
  },
] as const;

/** A pattern stored as a Google Chat Card v2 card (what a model that built a card would send). */
export const MCP_SAMPLE_CARD = {
  description: 'Library loan reminder: the book, its due date, and renew / return buttons',
  card: {
    header: { title: 'Your loan is due soon', subtitle: 'City library' },
    sections: [
      {
        widgets: [
          { decoratedText: { topLabel: 'Book', text: 'The Left Hand of Darkness' } },
          { decoratedText: { topLabel: 'Due', text: '14 December 2026' } },
          {
            buttonList: {
              buttons: [
                { text: 'Renew', onClick: { openLink: { url: 'https://library.example.com/renew/881' } } },
                { text: 'How to return', onClick: { openLink: { url: 'https://library.example.com/return' } } },
              ],
            },
          },
        ],
      },
    ],
  },
  tags: ['library'],
};

export interface ToolOutcome {
  isError: boolean;
  /** The JSON of the text block (what older clients and models read). */
  body: Record<string, unknown>;
  structured: Record<string, unknown> | undefined;
  /** Length in characters of the text block. */
  chars: number;
}

/** Calls a tool through the SDK's client (which checks `structuredContent` against the tool's outputSchema). */
export async function callMotifTool(client: Client, name: string, args: Record<string, unknown>, timeoutMs?: number): Promise<ToolOutcome> {
  const result = await client.callTool({ name, arguments: args }, undefined, timeoutMs === undefined ? undefined : { timeout: timeoutMs });
  const content = result.content as Array<{ type: string; text?: string }>;
  const text = content.find((c) => c.type === 'text')?.text ?? '';
  return {
    isError: result.isError === true,
    body: JSON.parse(text) as Record<string, unknown>,
    structured: result.structuredContent as Record<string, unknown> | undefined,
    chars: text.length,
  };
}

/**
 * One call of every tool, in the order a model would use them, on an empty store: stores the
 * sample patterns (DSL + params) and the sample card, then searches, reads, votes, varies, renders,
 * validates and describes. Returns each tool's outcome (the last call of it) and the stored ids
 * (the card's last); specs assert on them.
 */
export async function callEveryTool(client: Client): Promise<{ ids: string[]; outcomes: Record<string, ToolOutcome> }> {
  const outcomes: Record<string, ToolOutcome> = {};
  const ids: string[] = [];
  for (const p of [...MCP_SAMPLE_PATTERNS, MCP_SAMPLE_CARD]) {
    outcomes.store_pattern = await callMotifTool(client, 'store_pattern', { ...p });
    ids.push(outcomes.store_pattern.body.id as string);
  }
  outcomes.search_patterns = await callMotifTool(client, 'search_patterns', { query: 'is the server up', limit: 2 });
  outcomes.get_pattern = await callMotifTool(client, 'get_pattern', { id: ids[0] });
  outcomes.record_feedback = await callMotifTool(client, 'record_feedback', { id: ids[0], feedback: 'positive' });
  outcomes.generate_variations = await callMotifTool(client, 'generate_variations', { id: ids[0], structure: 2, parameter: 1, seed: 'kit' });
  outcomes.get_variation = await callMotifTool(client, 'get_variation', { id: ids[0], type: 'structure', seed: 'kit' });
  outcomes.render_card = await callMotifTool(client, 'render_card', { id: ids[3] });
  outcomes.validate_structure = await callMotifTool(client, 'validate_structure', { dsl: '§[ᵬ]' });
  outcomes.describe_catalog = await callMotifTool(client, 'describe_catalog', { component: 'Button' });
  return { ids, outcomes };
}
