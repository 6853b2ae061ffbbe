import { loadCatalog } from '../catalog/load-catalog';
import { DslCodec } from '../dsl/dsl-codec';
import { ComponentGraph } from '../graph/component-graph';
import { bindFlatParams, fitCountsToFlatParams, flattenTree } from './flat-params';

const catalog = loadCatalog('google-chat-cards-v2');
const codec = new DslCodec(catalog, new ComponentGraph(catalog));
const structureOf = (dsl: string) => codec.parse(dsl);

describe('bindFlatParams (the rule table in libs/dag README)', () => {
  it('gives the n-th Button the n-th entry of buttons, and the first DecoratedText text/topLabel', () => {
    const { tree, issues } = bindFlatParams(structureOf('§[δ, Ƀ[ᵬ×2]]'), {
      text: 'Online', topLabel: 'api', buttons: [{ text: 'A', url: 'https://a.example' }, { text: 'B', url: 'https://b.example' }],
    }, catalog);
    expect(issues).toEqual([]);
    const [dt, bl] = tree[0].children ?? [];
    expect(dt.params).toEqual({ text: 'Online', topLabel: 'api' });
    expect(bl.children?.map((b) => b.params)).toEqual([
      { text: 'A', onClick: { openLink: { url: 'https://a.example' } } },
      { text: 'B', onClick: { openLink: { url: 'https://b.example' } } },
    ]);
  });

  it('reports a key no component has, with its pointer', () => {
    const { issues } = bindFlatParams(structureOf('§[δ]'), { text: 'x', style_metadata: {} }, catalog);
    expect(issues).toEqual([expect.objectContaining({ code: 'UNKNOWN_PARAM', pointer: '/instanceParams/style_metadata', path: '(pattern)' })]);
  });

  it('reports more list entries than nodes, naming the fix', () => {
    const { issues } = bindFlatParams(structureOf('§[Ƀ[ᵬ]]'), { buttons: [{ text: 'A' }, { text: 'B' }] }, catalog);
    expect(issues).toEqual([expect.objectContaining({ code: 'UNBOUND_PARAM', pointer: '/instanceParams/buttons/1' })]);
    expect(issues[0].fix).toMatch(/Button×2/);
  });

  it('gives a loose field to a node that took no entry of its own, even after a listed Button', () => {
    const { tree, issues } = bindFlatParams(structureOf('§[Ƀ[ᵬ], δ]'), { text: 'Up', buttons: [{ text: 'Ack', url: 'https://ack.example' }] }, catalog);
    expect(issues).toEqual([]);
    const [bl, dt] = tree[0].children ?? [];
    expect(dt.params).toEqual({ text: 'Up' });
    expect(bl.children?.[0].params.text).toBe('Ack');
  });

  it('reads back what flattenTree writes', () => {
    const flat = { items: [{ text: 'one' }, { text: 'two' }], buttons: [{ text: 'Go', url: 'https://go.example' }] };
    const { tree } = bindFlatParams(structureOf('§[δ×2, Ƀ[ᵬ]]'), flat, catalog);
    expect(bindFlatParams(structureOf('§[δ×2, Ƀ[ᵬ]]'), flattenTree(tree, catalog), catalog).tree).toEqual(tree);
  });
});

describe('fitCountsToFlatParams', () => {
  it('grows the last node of a list to hold every entry', () => {
    const { structure, grown } = fitCountsToFlatParams(structureOf('§[δ, Ƀ[ᵬ]]'), { items: [{}, {}, {}], buttons: [{}, {}] }, catalog);
    expect(codec.format(structure)).toBe('§[δ×3, Ƀ[ᵬ×2]]');
    expect(grown).toEqual(['DecoratedText×3 (3 items)', 'Button×2 (2 buttons)']);
  });

  it('grows a component named by symbol, never shrinks, never adds a missing component', () => {
    const { structure, grown } = fitCountsToFlatParams(structureOf('§[δ×4, Ƀ[ᵬ]]'), { δ: [{}, {}], chips: [{}, {}] }, catalog);
    expect(codec.format(structure)).toBe('§[δ×4, Ƀ[ᵬ]]');
    expect(grown).toEqual([]);
  });

  it('leaves its input untouched', () => {
    const input = structureOf('§[Ƀ[ᵬ]]');
    const before = JSON.stringify(input);
    fitCountsToFlatParams(input, { buttons: [{}, {}] }, catalog);
    expect(JSON.stringify(input)).toBe(before);
  });
});
