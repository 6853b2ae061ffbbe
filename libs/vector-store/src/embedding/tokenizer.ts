export interface TokenizerOptions {
  /** Light English suffix stripping (plural, -ing, -ed); see `lightStem`. */
  stem?: boolean;
  /** Drop a short list of function words and request filler ("show me a card with…"). */
  stopwords?: boolean;
}

/** Function words and request filler that carry no retrieval signal in how people ask for a card. */
export const STOPWORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'and', 'or', 'of', 'for', 'to', 'in', 'on', 'at', 'by', 'with', 'from', 'into', 'as', 'is', 'are',
  'be', 'it', 'its', 'this', 'that', 'these', 'those', 'i', 'me', 'my', 'we', 'our', 'you', 'your', 'some', 'any',
  'need', 'want', 'looking', 'something', 'show', 'shows', 'showing', 'give', 'find', 'get', 'can', 'could', 'would',
  'please', 'like', 'let', 'lets', 'which', 'where', 'what', 'there', 'has', 'have', 'had', 'do', 'does', 'so', 'up',
]);

// Letters/digits runs (Unicode-aware); everything else separates tokens.
const WORD = /[\p{L}\p{N}]+/gu;
// Splits camelCase / PascalCase / digit boundaries: DecoratedText → Decorated Text, HTTP2Server → HTTP 2 Server.
const CAMEL = /(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})|(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/gu;

/** Light, deterministic English stemmer: enough to match "buttons"/"button", "approving"/"approve"-ish. */
export function lightStem(word: string): string {
  const n = word.length;
  if (n <= 3 || /\p{N}/u.test(word)) return word;
  if (word.endsWith('ies') && n > 4) return word.slice(0, -3) + 'y';
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('ss') || word.endsWith('us') || word.endsWith('is')) return word;
  if (word.endsWith('ing') && n > 5) return word.slice(0, -3);
  if (word.endsWith('ed') && n > 4) return word.slice(0, -2);
  if (word.endsWith('es') && /(?:ch|sh|x|z)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

/**
 * The one tokenizer behind the dense hashing embedder, the sparse lexical vector (and the FTS5 reference that checks BM25):
 * splits camelCase and snake_case identifiers, lowercases (Unicode-aware), optionally drops stopwords and stems.
 */
export function tokenize(text: string, options: TokenizerOptions = {}): string[] {
  const out: string[] = [];
  const spaced = text.replace(CAMEL, ' ');
  for (const m of spaced.matchAll(WORD)) {
    const lower = m[0].toLowerCase();
    if (options.stopwords && STOPWORDS.has(lower)) continue;
    out.push(options.stem ? lightStem(lower) : lower);
  }
  return out;
}
