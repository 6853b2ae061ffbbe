import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MotifError, parseInput, PatternInputSchema, type PatternService } from '@motif/core-types';

/**
 * `npm start` shows a new user something: when the store holds no pattern at all, the example Card v2
 * messages of a directory (`examples/cards`) are stored, one pattern per card, described by the card's
 * header (or its cardId). A store that holds anything is never touched, so the user's own data stays as it is.
 */
export interface ExampleCardsResult {
  /** Patterns stored (0 when the store was not empty). */
  stored: number;
  /** Why nothing was stored, when nothing was. */
  skipped?: 'store-not-empty';
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `title — subtitle` of the header; a card without one is named after its cardId (or its file). */
function descriptionOf(card: Record<string, unknown>, fallback: string): string {
  const header = card.header;
  const title = isObject(header) && typeof header.title === 'string' ? header.title.trim() : '';
  const subtitle = isObject(header) && typeof header.subtitle === 'string' ? header.subtitle.trim() : '';
  if (title === '') return fallback.replace(/\.json$/, '').replace(/[-_]+/g, ' ').replace(/^./, (c) => c.toUpperCase());
  return subtitle ? `${title} — ${subtitle}` : title;
}

/** The pattern inputs of every `*.json` message in `dir`, in file-name order. */
export function exampleCardInputs(dir: string): Array<{ description: string; card: Record<string, unknown>; metadata: { cardId?: string; example: string } }> {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch (error) {
    throw new MotifError('VALIDATION_FAILED', `the example cards directory ${dir} cannot be read: ${(error as Error).message}`);
  }
  return files.flatMap((file) => {
    const where = join(dir, file);
    let doc: unknown;
    try {
      doc = JSON.parse(readFileSync(where, 'utf8'));
    } catch (error) {
      throw new MotifError('VALIDATION_FAILED', `${where}: not JSON (${(error as Error).message})`);
    }
    const entries = isObject(doc) && Array.isArray(doc.cardsV2) ? doc.cardsV2 : [];
    if (entries.length === 0) throw new MotifError('VALIDATION_FAILED', `${where}: expected a message {"cardsV2": [{cardId, card}]}`);
    return entries.map((entry: unknown, i: number) => {
      const card = isObject(entry) ? entry.card : undefined;
      if (!isObject(card)) throw new MotifError('INVALID_CARD', `${where} /cardsV2/${i}/card: expected a card object`);
      const cardId = isObject(entry) && typeof entry.cardId === 'string' ? entry.cardId : undefined;
      return { description: descriptionOf(card, cardId ?? file), card, metadata: { ...(cardId ? { cardId } : {}), example: file } };
    });
  });
}

export async function storeExampleCards(service: PatternService, dir: string): Promise<ExampleCardsResult> {
  const page = await service.list({ limit: 1 });
  if (page.items.length > 0) return { stored: 0, skipped: 'store-not-empty' };
  const inputs = exampleCardInputs(dir);
  for (const input of inputs) await service.store(parseInput(PatternInputSchema, input, `example card '${String(input.metadata.example)}'`));
  return { stored: inputs.length };
}
