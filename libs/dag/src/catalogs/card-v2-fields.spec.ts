import { cardV2Component, type V1 } from './card-v2-fields';

// The checks here are made by the compiler: each `@ts-expect-error` fails `tsc -b` (part of
// `npm test`) if the line below it stops being an error, i.e. if the catalog stops being tied to
// the official @googleapis/chat types.
describe('catalog components typed against @googleapis/chat', () => {
  it('accepts the real Card v2 field names', () => {
    const button = cardV2Component<V1['Button']>({ name: 'Button', symbol: 'ᵬ', params: { text: { type: 'string' }, altText: { type: 'string' } } });
    expect(Object.keys(button.params ?? {})).toEqual(['text', 'altText']);
  });

  it('refuses a misspelt param, edge field, one-of group or wrapped field at compile time', () => {
    const specs = [
      // @ts-expect-error `txt` is not a field of GoogleAppsCardV1Button
      cardV2Component<V1['Button']>({ name: 'Button', symbol: 'ᵬ', params: { txt: { type: 'string' } } }),
      // @ts-expect-error `button` is not a field of GoogleAppsCardV1ButtonList (it is `buttons`)
      cardV2Component<V1['ButtonList']>({ name: 'ButtonList', symbol: 'Ƀ', params: {}, edges: [{ field: 'button', child: 'Button', min: 1, max: null }] }),
      // @ts-expect-error `startIcons` is not a field of GoogleAppsCardV1DecoratedText
      cardV2Component<V1['DecoratedText']>({ name: 'DecoratedText', symbol: 'δ', params: {}, requireOneOf: [['text', 'startIcons']] }),
    ];
    expect(specs).toHaveLength(3);
  });
});
