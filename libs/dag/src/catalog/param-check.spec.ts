import { loadCatalog } from './load-catalog';
import { checkParam, checkParams } from './param-check';

const catalog = loadCatalog('google-chat-cards-v2');
const params = (name: string) => catalog.component(name)?.params ?? {};

describe('checkParams', () => {
  it('accepts conforming parameters, templates included', () => {
    expect(checkParams(params('DecoratedText'), { text: "{{ 'Online' | success_text | bold }}", topLabel: 'api', wrapText: true })).toEqual([]);
    expect(checkParams(params('Button'), { text: 'Buy', onClick: { openLink: { url: 'https://shop.example.com/42' } }, color: { red: 0.1, green: 0.45, blue: 0.91 }, type: 'FILLED' })).toEqual([]);
    expect(checkParams(params('Button'), { onClick: { action: { function: 'refresh' } }, color: { red: 0.1, green: 0.5, blue: 1 } })).toEqual([]);
    expect(checkParams(params('SelectionInput'), { name: 'c', items: [{ text: 'A', value: 'a', selected: true }] })).toEqual([]);
    expect(checkParams(params('Icon'), { materialIcon: { name: 'home' } })).toEqual([]);
  });

  it('names every problem with its path', () => {
    expect(checkParams(params('DecoratedText'), { wrapText: 'yes' })).toEqual([
      { path: '/text', message: 'text is required', code: 'MISSING_PARAM' },
      { path: '/wrapText', message: 'expected true or false', code: 'INVALID_PARAM' },
    ]);
    expect(checkParams(params('Button'), { onClick: { openLink: { url: 'javascript:alert(1)' } }, type: 'HUGE', color: '#12' }, '/buttons/0').map((e) => e.path)).toEqual([
      '/buttons/0/onClick/openLink/url',
      '/buttons/0/color',
      '/buttons/0/type',
    ]);
    expect(checkParams(params('Grid'), { columnCount: 0 })).toEqual([expect.objectContaining({ path: '/columnCount', message: expect.stringMatching(/below the minimum 1/) })]);
    expect(checkParams(params('Grid'), { columnCount: 1.5 })[0].message).toBe('expected an integer');
    expect(checkParams(params('SelectionInput'), { name: 'c', items: [{ text: 'A' }] })).toEqual([
      expect.objectContaining({ path: '/items/0/value', code: 'MISSING_PARAM' }),
    ]);
  });

  it('checks bounds of strings, numbers and arrays', () => {
    expect(checkParam({ type: 'string', max: 3 }, 'abcd', '/s')[0].message).toMatch(/length 4 is above the maximum 3/);
    expect(checkParam({ type: 'number', min: 0, max: 1 }, 2, '/n')).toHaveLength(1);
    expect(checkParam({ type: 'number' }, Number.NaN, '/n')).toHaveLength(1);
    expect(checkParam({ type: 'array', items: { type: 'integer' }, maxItems: 2 }, [1, 'x', 3], '/a').map((e) => e.path)).toEqual(['/a', '/a/1']);
    expect(checkParam({ type: 'object' }, [], '/o')[0].message).toBe('expected an object');
  });
});
