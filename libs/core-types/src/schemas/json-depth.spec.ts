import { depthLimitCrossedAt, jsonDepthExceeds, MAX_JSON_DEPTH } from './json-depth';

const nested = (depth: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { c: v };
  return v;
};

describe('jsonDepthExceeds', () => {
  it('counts object and array levels', () => {
    expect(jsonDepthExceeds(nested(3), 3)).toBe(false);
    expect(jsonDepthExceeds(nested(4), 3)).toBe(true);
    expect(jsonDepthExceeds('flat', 0)).toBe(false);
    expect(jsonDepthExceeds({ a: [{ b: 1 }] }, 3)).toBe(false);
    expect(jsonDepthExceeds({ a: [{ b: {} }] }, 3)).toBe(true);
  });

  it('handles nesting far deeper than the call stack', () => {
    expect(jsonDepthExceeds(nested(200_000))).toBe(true);
    let v: unknown = 0;
    for (let i = 0; i < 200_000; i++) v = [v];
    expect(jsonDepthExceeds(v)).toBe(true);
    expect(jsonDepthExceeds(nested(MAX_JSON_DEPTH))).toBe(false);
  });
});

describe('depthLimitCrossedAt', () => {
  it('is undefined within the limit', () => {
    expect(depthLimitCrossedAt(nested(3), 3)).toBeUndefined();
    expect(depthLimitCrossedAt(null, 0)).toBeUndefined();
  });

  it('names the keys down to the first container beyond the limit', () => {
    expect(depthLimitCrossedAt({ ok: { x: 1 }, deep: [0, { a: { b: [] } }] }, 3)).toEqual(['deep', 1, 'a']);
    expect(depthLimitCrossedAt(nested(5), 3)).toEqual(['c', 0, 'c']);
    expect(depthLimitCrossedAt({}, 0)).toEqual([]);
  });
});
