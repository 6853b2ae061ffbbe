import { validationError } from '@motif/core-types';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The card a `card` argument holds. Models often send the whole message they would post
 * (`{"cardsV2": [{"cardId", "card"}]}`) where the card goes: a message with one card is unwrapped to it; one with
 * several is refused with what to send instead (a pattern is one card). Anything else is the card itself.
 */
export function cardOfArgument(card: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(card.cardsV2)) return card;
  const entries = card.cardsV2;
  if (entries.length !== 1) {
    throw validationError(`card: this is a message with ${entries.length} cards; a pattern is one card: send cardsV2[i].card, one store_pattern call per card`, [
      { path: '/card/cardsV2', message: `expected exactly one {cardId, card}, got ${entries.length}` },
    ]);
  }
  const inner: unknown = isObject(entries[0]) ? entries[0].card : undefined;
  if (!isObject(inner)) throw validationError('card: cardsV2[0] has no card object', [{ path: '/card/cardsV2/0/card', message: 'expected a card object' }]);
  return inner;
}
