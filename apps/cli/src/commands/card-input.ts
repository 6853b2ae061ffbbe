import type { CliIo } from '../cli-io';
import { coreTypes } from '../lazy-modules';
import { readJsonDocument } from './read-input';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What a card is about, from its header: `title — subtitle`. */
function headerSummary(card: Record<string, unknown>): string | undefined {
  const header = card.header;
  if (!isObject(header) || typeof header.title !== 'string' || header.title.trim() === '') return undefined;
  return typeof header.subtitle === 'string' && header.subtitle.trim() !== '' ? `${header.title} — ${header.subtitle}` : header.title;
}

/**
 * The pattern inputs of a `--card FILE`: a card object, or a message `{"cardsV2": [{cardId, card}]}`
 * (one pattern per card). The description is `--description`, else the card's header; a card with
 * neither is a usage error naming it.
 */
export async function readCardInputs(io: CliIo, path: string, description: string | undefined, extra: Record<string, unknown>): Promise<unknown[]> {
  const { MotifError } = coreTypes();
  const doc = await readJsonDocument(io, path, 'the card');
  const entries: Array<{ card: unknown; at: string; cardId?: string }> = isObject(doc) && Array.isArray(doc.cardsV2)
    ? doc.cardsV2.map((e, i) => ({ card: isObject(e) ? e.card : undefined, at: `/cardsV2/${i}/card`, ...(isObject(e) && typeof e.cardId === 'string' ? { cardId: e.cardId } : {}) }))
    : [{ card: doc, at: '/' }];
  if (entries.length === 0) throw new MotifError('VALIDATION_FAILED', `${path}: the message has no cards`, { fieldErrors: [{ path: '/cardsV2', message: 'expected at least one {cardId, card}' }] });
  return entries.map(({ card, at, cardId }) => {
    if (!isObject(card)) throw new MotifError('INVALID_CARD', `${path}${at === '/' ? '' : ` ${at}`}: expected a card object (or a message {"cardsV2": [...]})`, { fieldErrors: [{ path: at, message: 'expected a card object' }] });
    const about = description ?? headerSummary(card);
    if (about === undefined) {
      throw new MotifError('VALIDATION_FAILED', `${path}${at === '/' ? '' : ` ${at}`}: the card has no header title to describe it; pass --description`, { fieldErrors: [{ path: `${at === '/' ? '' : at}/header/title`, message: 'missing: pass --description' }] });
    }
    return { ...extra, description: about, card, ...(cardId !== undefined ? { metadata: { cardId } } : {}) };
  });
}
