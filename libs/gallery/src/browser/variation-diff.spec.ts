import { componentDelta, describeValue, paramChanges, variationChanges } from './variation-diff';

describe('variation changes', () => {
  it('counts components added and removed', () => {
    expect(componentDelta(['Section', 'DecoratedText', 'ButtonList', 'Button', 'Button'], ['Section', 'TextParagraph', 'ButtonList', 'Button'])).toEqual({
      added: [{ component: 'TextParagraph', count: 1 }],
      removed: [{ component: 'Button', count: 1 }, { component: 'DecoratedText', count: 1 }],
    });
    expect(componentDelta(['Section'], ['Section'])).toEqual({ added: [], removed: [] });
  });

  it('lists every changed parameter by path, nested and in arrays', () => {
    expect(paramChanges({ text: 'a', buttons: [{ text: 'x' }, { text: 'y' }], same: 1 }, { text: 'b', buttons: [{ text: 'x' }, { text: 'z' }, { text: 'new' }], same: 1 })).toEqual([
      { path: 'buttons[1].text', before: 'y', after: 'z' },
      { path: 'buttons[2]', before: undefined, after: { text: 'new' } },
      { path: 'text', before: 'a', after: 'b' },
    ]);
    expect(paramChanges({ a: 1 }, { a: 1 })).toEqual([]);
  });

  it('takes swaps from the engine operations and keeps other operations', () => {
    const c = variationChanges(
      { componentPaths: ['Section', 'DecoratedText'], instanceParams: { t: 1 } },
      { componentPaths: ['Section', 'TextParagraph'], instanceParams: { t: 2 }, operations: ['swap-sibling DecoratedText→TextParagraph at Section > widgets[0]', 'move Button'] },
    );
    expect(c.swapped).toEqual(['swap-sibling DecoratedText→TextParagraph at Section > widgets[0]']);
    expect(c.other).toEqual(['move Button']);
    expect(c.params).toEqual([{ path: 't', before: 1, after: 2 }]);
  });

  it('describes values briefly', () => {
    expect(describeValue(undefined)).toBe('(none)');
    expect(describeValue('x')).toBe('"x"');
    expect(describeValue('y'.repeat(100))).toHaveLength(58);
  });
});
