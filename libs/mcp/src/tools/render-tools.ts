import { parseInput, RenderCardRequestSchema, type CardTree, type CardV2, type PatternService } from '@motif/core-types';
import { z } from 'zod';
import { CardSchema } from '../compact-views';
import { withParamsArgument } from '../argument-paths';
import { defineTool } from '../tool-definition';
import { CardInputSchema, DslInputSchema, FlatParamsSchema, PatternIdSchema } from './shared-arguments';

/** The Card v2 card of a stored tree (a pattern's or a variation's), for results that asked for it. */
export async function cardOf(service: PatternService, tree: CardTree): Promise<CardV2> {
  return (await service.renderCard({ tree })).cardsV2[0].card;
}

/** Renders only when asked: frugal results leave the card out. */
export const cardIf = (wanted: boolean, service: PatternService, tree: CardTree): Promise<CardV2 | undefined> =>
  wanted ? cardOf(service, tree) : Promise.resolve(undefined);

const RenderCardInput = z
  .strictObject({
    id: PatternIdSchema.optional().describe('a stored pattern to render (p_…)'),
    variationId: z.string().min(1).max(300).optional().describe('one of its variations (p_…:v1, as generate_variations returns), instead of the pattern itself'),
    card: CardInputSchema.optional().describe('an inline Card v2 card to check and render without storing it'),
    dsl: DslInputSchema.describe('an inline structure in the compact DSL, with params, to render without storing it'),
    params: FlatParamsSchema,
  })
  .superRefine((v, ctx) => {
    const inline = v.card !== undefined || v.dsl !== undefined;
    if (v.id === undefined && !inline) ctx.addIssue({ code: 'custom', path: ['id'], message: 'give id (a stored pattern, optionally with variationId), or an inline card or dsl' });
    if (v.id !== undefined && inline) ctx.addIssue({ code: 'custom', path: [v.card !== undefined ? 'card' : 'dsl'], message: 'give either id or an inline card/dsl, not both' });
    if (v.variationId !== undefined && v.id === undefined) ctx.addIssue({ code: 'custom', path: ['variationId'], message: 'variationId needs the id of its pattern' });
    if (v.params !== undefined && v.dsl === undefined) ctx.addIssue({ code: 'custom', path: ['params'], message: 'params go with dsl (a card carries its own)' });
  });

export const renderCardTool = defineTool({
  name: 'render_card',
  access: 'read',
  title: 'Render a card pattern as Card v2',
  description:
    'The ready-to-send Google Chat message body {cardsV2: [{cardId, card}]} of a stored pattern (id), one of its variations (id + variationId), ' +
    'or an inline pattern (card, or dsl + params) rendered without storing it. Wrong params answer INVALID_PARAMS with each node path and a fix.',
  input: RenderCardInput,
  output: z.strictObject({ cardsV2: z.array(z.strictObject({ cardId: z.string(), card: CardSchema })) }),
  annotations: { readOnlyHint: true, openWorldHint: false },
  async run(a, { service, namespace }) {
    const request =
      a.id !== undefined
        ? { patternId: a.id, ...(a.variationId !== undefined ? { variationId: a.variationId } : {}) }
        : a.card !== undefined
          ? { card: a.card }
          : { dsl: a.dsl, ...(a.params !== undefined ? { instanceParams: a.params } : {}) };
    return withParamsArgument(async () => service.renderCard(parseInput(RenderCardRequestSchema, request, 'render request'), namespace));
  },
});
