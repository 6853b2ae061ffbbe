import { canonicalJson } from './canonical-json';
import { patternIdOf } from './pattern-identity';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
  });
});

describe('patternIdOf', () => {
  const base = { namespace: 'default', catalogId: 'google-chat-cards-v2', dsl: '§[δ]', instanceParams: { a: 1, b: 2 }, description: 'A card' };
  it('is stable under key order and whitespace in the description', () => {
    expect(patternIdOf(base)).toBe(patternIdOf({ ...base, instanceParams: { b: 2, a: 1 }, description: '  A   card ' }));
    expect(patternIdOf(base)).toMatch(/^p_[0-9a-f]{24}$/);
  });
  it('changes with the namespace, the structure, the params or the description', () => {
    const id = patternIdOf(base);
    expect(patternIdOf({ ...base, namespace: 'other' })).not.toBe(id);
    expect(patternIdOf({ ...base, dsl: '§[ʈ]' })).not.toBe(id);
    expect(patternIdOf({ ...base, instanceParams: { a: 1, b: 3 } })).not.toBe(id);
    expect(patternIdOf({ ...base, description: 'Another card' })).not.toBe(id);
  });
});
