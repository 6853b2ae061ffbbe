/*
 * The sentence model's tokenizer: a unigram (SentencePiece-style) segmentation over the model's 8,000-piece
 * vocabulary, the best-scoring split found by dynamic programming. Its ids must be exactly those the model was
 * published with (@energetic-ai/embeddings' tokenizer, the oracle in the spec), or stored vectors stop matching new
 * queries; its quirks are kept on purpose and marked below.
 *
 * Why not that tokenizer: it builds a character trie of the vocabulary when the model loads (~40 ms plus garbage
 * here), on the critical path of a one-shot `motif search`. A map of pieces costs ~2 ms, and a query is short.
 */

/** `[piece, score]`, as in the model's `vocab.json`. */
export type VocabularyEntry = readonly [string, number];

/** The first ids are control symbols (unknown, `<s>`, `</s>`, three spares): never produced by segmentation. */
const RESERVED_IDS = 6;
const UNKNOWN_ID = 0;
/** SentencePiece's word-boundary mark, standing for each space and the start of the text. */
const BOUNDARY = '\u2581';

export class UseLiteTokenizer {
  private readonly pieces = new Map<string, { id: number; score: number }>();
  private readonly longestPiece: number;

  constructor(vocabulary: readonly VocabularyEntry[]) {
    let longest = 1;
    for (let id = RESERVED_IDS; id < vocabulary.length; id++) {
      const [piece, score] = vocabulary[id];
      // A piece listed twice keeps its last id and score, as the reference trie does.
      this.pieces.set(piece, { id, score });
      longest = Math.max(longest, [...piece].length);
    }
    this.longestPiece = longest;
  }

  encode(text: string): number[] {
    const normalised = text.normalize('NFKC');
    if (normalised.length === 0) return [];
    const symbols = [...(BOUNDARY + normalised.replace(/ /g, BOUNDARY))];
    const n = symbols.length;
    // best[end]: score of the best split of symbols[0, end); 0 doubles as "none yet" (the reference's rule: a
    // later candidate with an equal score wins, and a real total of 0 can be overwritten).
    const best = new Float64Array(n + 1);
    const chosen = new Int32Array(n + 1);
    // An end no candidate reaches reads as one unknown symbol, as in the reference (this vocabulary holds every
    // symbol of its pieces alone too, so it does not happen with the published model).
    const chosenStart = Int32Array.from({ length: n + 1 }, (_, end) => end - 1);
    // Candidates are visited by end position, then start position, as the reference visits them (filled in
    // order of start, so each list is already sorted).
    const ending: { start: number; id: number; score: number }[][] = Array.from({ length: n + 1 }, () => []);
    for (let start = 0; start < n; start++) {
      let matched = false;
      let prefix = '';
      for (let len = 1; len <= this.longestPiece && start + len <= n; len++) {
        prefix += symbols[start + len - 1];
        const piece = this.pieces.get(prefix);
        if (piece === undefined) continue;
        ending[start + len].push({ start, id: piece.id, score: piece.score });
        matched = true;
      }
      // A symbol no piece starts with becomes one unknown token of score 0.
      if (!matched) ending[start + 1].push({ start, id: UNKNOWN_ID, score: 0 });
    }
    for (let end = 1; end <= n; end++) {
      for (const c of ending[end]) {
        const score = c.score + best[c.start];
        if (best[end] === 0 || score >= best[end]) {
          best[end] = score;
          chosen[end] = c.id;
          chosenStart[end] = c.start;
        }
      }
    }
    const reversed: number[] = [];
    for (let at = n; at > 0; at = chosenStart[at]) reversed.push(chosen[at]);
    const ids: number[] = [];
    for (let i = reversed.length - 1; i >= 0; i--) {
      // Runs of unknown tokens collapse into one.
      if (reversed[i] === UNKNOWN_ID && ids.length > 0 && ids[ids.length - 1] === UNKNOWN_ID) continue;
      ids.push(reversed[i]);
    }
    return ids;
  }
}
