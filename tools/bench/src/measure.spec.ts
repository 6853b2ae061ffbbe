import { percentile, seededUniform } from './measure';
import { markdownTable } from './report';

describe('bench helpers', () => {
  it('computes nearest-rank percentiles', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
  });
  it('draws a seeded, repeatable, roughly uniform sequence in [0, 1)', () => {
    const draw = (seed: number, n: number) => Array.from({ length: n }, seededUniform(seed));
    const xs = draw(42, 10_000);
    expect(draw(42, 10_000)).toEqual(xs);
    expect(draw(43, 5)).not.toEqual(xs.slice(0, 5));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const deciles = new Array<number>(10).fill(0);
    for (const x of xs) deciles[Math.floor(x * 10)]++;
    for (const count of deciles) expect(Math.abs(count - 1000)).toBeLessThan(150);
  });
  it('prints a row with its ratio and verdict', () => {
    const t = markdownTable([{ suite: 's', name: 'n', value: 2000, unit: 'ops/s', baselineName: 'b', baselineValue: 1000, ratio: 2, target: '>= 1000/s', pass: true }]);
    expect(t).toContain('| s | n | 2,000 | ops/s | b | 1,000 | 2.00× | >= 1000/s | yes |');
  });
});
