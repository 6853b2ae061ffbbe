import { jsonDepthExceeds } from './json-depth';

describe('jsonDepthExceeds', () => {
  it('is false within the limit, true beyond it, even far beyond the call stack', () => {
    let v: unknown = 0;
    for (let i = 0; i < 200_000; i++) v = [v];
    expect(jsonDepthExceeds(v)).toBe(true);
    expect(jsonDepthExceeds({ a: [{ b: 1 }] }, 3)).toBe(false);
    expect(jsonDepthExceeds({ a: [{ b: {} }] }, 3)).toBe(true);
  });
});
