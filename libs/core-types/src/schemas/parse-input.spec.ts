import { MotifError } from '../errors/motif-error';
import { MAX_JSON_DEPTH } from './json-depth';
import { parseInput } from './parse-input';
import { PatternInputSchema } from './pattern-input';
import { RenderCardRequestSchema, SearchRequestSchema } from './requests';

const errorOf = (fn: () => unknown): MotifError => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MotifError);
    return e as MotifError;
  }
  throw new Error('expected a validation error');
};

/** `{ component: 'Card', children: [{ component: 'Section', children: [...] }] }`, `levels` nodes deep. */
const deepStructure = (levels: number) => {
  let node: Record<string, unknown> = { component: 'DecoratedText' };
  for (let i = 1; i < levels; i++) node = { component: 'Section', children: [node] };
  return node;
};

describe('parseInput nesting guard', () => {
  it('refuses a structure nested far beyond the call stack as VALIDATION_FAILED, not a stack overflow', () => {
    const error = errorOf(() => parseInput(PatternInputSchema, { description: 'd', structure: deepStructure(100_000) }, 'pattern'));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toMatch(new RegExp(`^invalid pattern: /structure/children/0/.*deeper than ${MAX_JSON_DEPTH} levels$`));
  });

  it('names the path where the limit is crossed, even inside free-form fields', () => {
    let params: Record<string, unknown> = { text: 'leaf' };
    for (let i = 0; i < MAX_JSON_DEPTH; i++) params = { n: params };
    const error = errorOf(() => parseInput(PatternInputSchema, { description: 'd', dsl: '§[δ]', instanceParams: params }));
    // The body is level 1 and instanceParams level 2, so the limit is crossed MAX_JSON_DEPTH - 1 `n`s further down.
    const path = '/instanceParams' + '/n'.repeat(MAX_JSON_DEPTH - 1);
    expect(error.fieldErrors).toEqual([{ path, message: `nests deeper than ${MAX_JSON_DEPTH} levels`, code: 'too_deep' }]);
  });

  it('lets nesting up to the limit through to the schema', () => {
    let params: Record<string, unknown> = { text: 'leaf' };
    for (let i = 0; i < MAX_JSON_DEPTH - 3; i++) params = { n: params };
    expect(parseInput(PatternInputSchema, { description: 'd', dsl: '§[δ]', instanceParams: params }).instanceParams).toEqual(params);
  });
});

describe('parseInput on a union', () => {
  it('names the fields of the form that came closest instead of "Invalid input"', () => {
    expect(errorOf(() => parseInput(RenderCardRequestSchema, { dsl: 3 })).fieldErrors).toEqual([
      { path: '/dsl', message: expect.stringMatching(/expected string/i), code: 'invalid_type' },
    ]);
    expect(errorOf(() => parseInput(RenderCardRequestSchema, { patternId: 'p_1', extra: 1 })).fieldErrors).toEqual([
      { path: '/', message: expect.stringContaining('"extra"'), code: 'unrecognized_keys' },
    ]);
  });
});

describe('SearchRequestSchema', () => {
  it('is the one home of "a search needs a text or a shape" and "mode structure needs a shape"', () => {
    expect(errorOf(() => parseInput(SearchRequestSchema, { mode: 'structure', query: 'status' })).fieldErrors).toEqual([
      { path: '/dsl', message: 'mode "structure" needs a dsl or a structure to compare with', code: 'custom' },
    ]);
    expect(errorOf(() => parseInput(SearchRequestSchema, { query: '  ' })).fieldErrors).toEqual([
      { path: '/query', message: 'a search needs a query text, a dsl or a structure', code: 'custom' },
    ]);
    expect(parseInput(SearchRequestSchema, { dsl: '§[δ]', mode: 'structure' })).toMatchObject({ query: '', limit: 10, mode: 'structure' });
  });

  it('does not take a namespace: it travels beside the request, one way', () => {
    expect(errorOf(() => parseInput(SearchRequestSchema, { query: 'x', namespace: 'team-b' })).fieldErrors?.[0].message).toContain('"namespace"');
  });
});
