import { lightStem, tokenize } from './tokenizer';

describe('tokenize', () => {
  it('splits camelCase, PascalCase, snake_case and digit boundaries and lowercases', () => {
    expect(tokenize('DecoratedText ButtonList snake_case_name HTTPServer v2api')).toEqual([
      'decorated', 'text', 'button', 'list', 'snake', 'case', 'name', 'http', 'server', 'v', '2', 'api',
    ]);
  });

  it('is Unicode-aware: accents, non-Latin scripts and DSL symbols are letters', () => {
    expect(tokenize('Café Ünïcode «Größe» Привет §[δ×3]')).toEqual(['café', 'ünïcode', 'größe', 'привет', 'δ', '3']);
  });

  it('optionally drops stopwords and stems', () => {
    expect(tokenize('I need a card showing the buttons', { stopwords: true, stem: true })).toEqual(['card', 'button']);
    expect(tokenize('the buttons', {})).toEqual(['the', 'buttons']);
  });
});

describe('lightStem', () => {
  it.each([
    ['buttons', 'button'],
    ['categories', 'category'],
    ['approving', 'approv'],
    ['approved', 'approv'],
    ['boxes', 'box'],
    ['status', 'status'],
    ['class', 'class'],
    ['api', 'api'],
    ['v2s', 'v2s'],
  ])('%s → %s', (word, stem) => expect(lightStem(word)).toBe(stem));
});
