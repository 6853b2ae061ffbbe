import { jsonDepthExceeds } from './json-depth';

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
  });

  it('handles nesting far deeper than the call stack', () => {
    expect(jsonDepthExceeds(nested(200_000))).toBe(true);
  });
});
