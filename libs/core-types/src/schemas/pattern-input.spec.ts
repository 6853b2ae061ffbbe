import { MotifError } from '../errors/motif-error';
import { parseInput } from './parse-input';
import { PatternInputSchema } from './pattern-input';
import { SearchRequestSchema } from './requests';

const fieldErrorsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MotifError);
    return (e as MotifError).fieldErrors;
  }
  throw new Error('expected a validation error');
};

describe('PatternInputSchema', () => {
  it('accepts the seed format', () => {
    const v = parseInput(PatternInputSchema, { description: 'd', dsl: '§[δ]', instanceParams: { text: 'x' }, feedback: 'positive' });
    expect(v.dsl).toBe('§[δ]');
  });

  it('names a missing description', () => {
    expect(fieldErrorsOf(() => parseInput(PatternInputSchema, { dsl: '§[δ]' }))).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: '/description' })]),
    );
  });

  it('names a known field of the wrong type by its JSON path', () => {
    const errors = fieldErrorsOf(() => parseInput(PatternInputSchema, { description: 'd', componentPaths: ['Section', 7] }));
    expect(errors.map((e) => e.path)).toContain('/componentPaths/1');
  });

  it('rejects unknown fields', () => {
    const errors = fieldErrorsOf(() => parseInput(PatternInputSchema, { description: 'd', dsl: '§', colour: 'red' }));
    expect(errors[0].message).toMatch(/colour/);
  });

  it('requires some structure', () => {
    expect(fieldErrorsOf(() => parseInput(PatternInputSchema, { description: 'd' }))[0].message).toMatch(/dsl, structure or componentPaths/);
  });
});

describe('SearchRequestSchema', () => {
  it('fills defaults and normalises a single feedback filter to a list', () => {
    const v = parseInput(SearchRequestSchema, { query: 'status card', filter: { feedback: 'positive' } });
    expect(v).toMatchObject({ limit: 10, mode: 'hybrid', explain: false, filter: { feedback: ['positive'] } });
  });
});
