import { MotifError } from '../errors/motif-error';
import { MAX_JSON_DEPTH } from './json-depth';
import { parseInput } from './parse-input';
import { PatternInputSchema } from './pattern-input';

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
