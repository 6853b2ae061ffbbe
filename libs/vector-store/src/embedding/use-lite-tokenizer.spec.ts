import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmbeddingsModel } from '@energetic-ai/embeddings';
import { useLiteModelDir } from './use-lite-model-files';
import { UseLiteTokenizer, type VocabularyEntry } from './use-lite-tokenizer';

// The oracle is the tokenizer the model is published with: stored vectors were embedded through its ids.
const vocabulary = JSON.parse(readFileSync(join(useLiteModelDir(), 'vocab.json'), 'utf8')) as VocabularyEntry[];
const reference = new EmbeddingsModel({ vocabulary: vocabulary as [string, number][], model: undefined as never }).tokenizer as { encode(text: string): number[] };
const tokenizer = new UseLiteTokenizer(vocabulary);

/** A small seeded generator (mulberry32), so a failure names a text that can be run again. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('UseLiteTokenizer', () => {
  it.each([
    'Server status card with a restart button',
    'Weekly report: 12 open, 3 closed (75%)',
    'Onboarding form — name, e-mail & start date',
    'ﬁnal ｆｕｌｌｗｉｄｔｈ text',
    'Café déjà vu, naïve façade',
    '会议室预订 カード 회의',
    'rocket 🚀🚀 launch ✅ done',
    '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 outside the basic plane 𐍈',
    '   leading and  doubled   spaces ',
    'tab\tand\nnewline',
    'supercalifragilisticexpialidocious antidisestablishmentarianism',
    '####!!!???',
    'a',
    '',
  ])('gives the published ids for %j', (text) => {
    expect(tokenizer.encode(text)).toEqual(reference.encode(text));
  });

  it('agrees with the published tokenizer on 2,000 random texts of pieces, letters and symbols', () => {
    const next = random(18);
    const alphabet = [...'abcdefghijklmnopqrstuvwxyz ABCXYZ0123456789 .,;:!?-_()[]éüßøçñ中文字かな한🚀𝔘\u0301'];
    const mismatches: string[] = [];
    for (let n = 0; n < 2000; n++) {
      let text = '';
      const parts = 1 + Math.floor(next() * 12);
      for (let p = 0; p < parts; p++) {
        const roll = next();
        if (roll < 0.5) text += vocabulary[6 + Math.floor(next() * (vocabulary.length - 6))][0].replace(/\u2581/g, ' ');
        else if (roll < 0.85) text += alphabet[Math.floor(next() * alphabet.length)];
        else text += ' ';
      }
      if (JSON.stringify(tokenizer.encode(text)) !== JSON.stringify(reference.encode(text))) mismatches.push(text);
    }
    expect(mismatches).toEqual([]);
  });

  it('splits into pieces of the vocabulary, unknown symbols collapsed into one id 0', () => {
    const ids = tokenizer.encode('status ✅✅✅ ok');
    expect(ids.filter((id) => id === 0)).toHaveLength(1);
    expect(ids.every((id) => id === 0 || (id >= 6 && id < vocabulary.length))).toBe(true);
  });
});
