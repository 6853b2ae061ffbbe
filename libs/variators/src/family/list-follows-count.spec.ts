import { chatCardsDag } from '../testing/dag-fixture';
import { componentCounts } from '@motif/dag';
import { listsFollowCounts } from './list-follows-count';

const { catalog, codec } = chatCardsDag();
const p = (dsl: string) => codec.parse(dsl);

describe('listsFollowCounts', () => {
  it('grows the bound list with copies when Button ×2 becomes ×3, and cuts it when it shrinks', () => {
    const params = { title: 'x', buttons: [{ text: 'A' }, { text: 'B' }] };
    const grown = listsFollowCounts(params, p('§[Ƀ[ᵬ×2]]'), p('§[Ƀ[ᵬ×3]]'), catalog);
    expect(grown.params.buttons).toEqual([{ text: 'A' }, { text: 'B' }, { text: 'A' }]);
    expect(grown.operations).toEqual(['list-follows-count buttons 2→3']);
    expect(params.buttons).toHaveLength(2);
    const cut = listsFollowCounts(params, p('§[Ƀ[ᵬ×2]]'), p('§[Ƀ[ᵬ]]'), catalog);
    expect(cut.params.buttons).toEqual([{ text: 'A' }]);
  });

  it('counts repeated subtrees (Ƀ[ᵬ×2]×2 holds four Buttons) and follows lists under the component name', () => {
    expect(componentCounts(p('§[Ƀ[ᵬ×2]×2]')).get('Button')).toBe(4);
    const out = listsFollowCounts({ Chip: [{ label: 'bug' }] }, p('§[ȼ[ℂ]]'), p('§[ȼ[ℂ×2]]'), catalog);
    expect(out.params.Chip).toEqual([{ label: 'bug' }, { label: 'bug' }]);
  });

  it('leaves a list alone when its length never matched the count (it is not bound to that component)', () => {
    // GridItem is bound to `items`, but these three items describe the DecoratedTexts.
    const params = { items: [{ text: 'a' }, { text: 'b' }, { text: 'c' }] };
    const out = listsFollowCounts(params, p('§[δ×3]'), p('§[δ×3, ℊ[ǵ]]'), catalog);
    expect(out.params).toBe(params);
    expect(out.operations).toEqual([]);
  });
});
