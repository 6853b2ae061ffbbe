import { loadCatalog } from './load-catalog';

const catalog = loadCatalog('google-chat-cards-v2');

describe('Catalog', () => {
  it.each([
    ['δ', 'DecoratedText'],
    ['DecoratedText', 'DecoratedText'],
    ['card_framework.v2.widgets.decorated_text.DecoratedText', 'DecoratedText'],
    ['card_framework.v2.widgets.decorated_text', 'DecoratedText'],
    ['decorated_text', 'DecoratedText'],
    ['decoratedtext', 'DecoratedText'],
    ['button_list', 'ButtonList'],
    ['card_framework.v2.section.Section', 'Section'],
    ['some.other.module.Button', 'Button'],
    [' Section ', 'Section'],
    ['Header', 'CardHeader'],
  ])('resolves %s to %s', (input, name) => {
    expect(catalog.resolveName(input)).toBe(name);
  });

  it.each(['', 'Nope', 'card_framework.v2.widgets.nope', '§§'])('does not resolve %j', (input) => {
    expect(catalog.resolveName(input)).toBeUndefined();
  });

  it('answers component lookups and symbols', () => {
    expect(catalog.component('Button')?.wrapper).toBe('ButtonList');
    expect(catalog.component('Button')?.listParam).toBe('buttons');
    expect(catalog.component('Nope')).toBeUndefined();
    expect(catalog.symbolOf('Section')).toBe('§');
    expect(() => catalog.symbolOf('Nope')).toThrow(/unknown component/);
    expect(catalog.components()).toHaveLength(26);
  });

  it('returns a copy of its document', () => {
    const doc = catalog.toDocument();
    doc.components[0].name = 'Changed';
    expect(catalog.toDocument().components[0].name).toBe('Message');
  });

  it('is immutable: specs cannot be changed under other users', () => {
    const spec = catalog.component('ButtonList');
    expect(() => {
      (spec as { edges: unknown[] }).edges.push({ field: 'x', child: 'Icon', min: 0, max: 1 });
    }).toThrow(/not extensible/);
    expect(catalog.component('ButtonList')?.edges).toHaveLength(1);
  });
});
