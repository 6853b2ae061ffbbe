import type { GetPromptResult } from '@modelcontextprotocol/sdk/types.js';
import { parseInput, SearchRequestSchema, type SearchHit } from '@motif/core-types';
import type { ToolContext } from './tool-definition';

export const CARD_PROMPT_NAME = 'build_card_like_these';
export const CARD_PROMPT_DEFAULT_COUNT = 3;

/** One example as the model reads it: what it was for, its structure, its votes and its parameter values. */
function exampleText(hit: SearchHit, n: number): string {
  const p = hit.pattern;
  const votes = `content +${p.feedbackCounts.content.positive}/-${p.feedbackCounts.content.negative}, form +${p.feedbackCounts.form.positive}/-${p.feedbackCounts.form.negative}`;
  return [
    `${n}. ${p.description}`,
    `   id ${p.patternId}, score ${hit.score.toFixed(3)}, feedback ${p.feedback ?? 'none'} (${votes})`,
    `   DSL: ${p.dslNotation}`,
    `   params: ${JSON.stringify(p.instanceParams)}`,
  ].join('\n');
}

/**
 * "Build a card like these": the top stored patterns for a request (best first, patterns with
 * negative feedback left out), and what to do with them.
 */
export async function buildCardPrompt(request: string, count: number, { service, namespace }: ToolContext): Promise<GetPromptResult> {
  const search = parseInput(SearchRequestSchema, { query: request, limit: count, filter: { feedback: ['positive', 'unrated'] } }, 'prompt request');
  const { results } = await service.search(search, namespace);
  const examples = results.length
    ? ['These stored card patterns worked before for similar requests (best first):', '', ...results.map((h, i) => exampleText(h, i + 1))]
    : ['No stored pattern matches this request yet: build the structure from the catalog (resources motif://catalog/symbols and motif://dsl/rules).'];
  const text = [
    `Build a Google Chat card (Card v2) for this request: ${request}`,
    '',
    ...examples,
    '',
    'Follow the structure and the style of the best example, changing the text, values and links to fit the request.',
    'Check your structure with the validate_structure tool before you answer. Answer with the card JSON (cardsV2) and its DSL.',
    'When the card has worked, store it with store_pattern, and vote on the example you followed with record_feedback.',
  ].join('\n');
  return {
    description: `Build a card like the top ${results.length} stored pattern(s) for: ${request}`,
    messages: [{ role: 'user', content: { type: 'text', text } }],
  };
}
