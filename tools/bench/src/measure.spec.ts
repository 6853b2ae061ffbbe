import { percentile } from './measure';
import { markdownTable } from './report';

describe('bench helpers', () => {
  it('computes nearest-rank percentiles', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
  });
  it('prints a row with its ratio and verdict', () => {
    const t = markdownTable([{ suite: 's', name: 'n', value: 2000, unit: 'ops/s', baselineName: 'b', baselineValue: 1000, ratio: 2, target: '>= 1000/s', pass: true }]);
    expect(t).toContain('| s | n | 2,000 | ops/s | b | 1,000 | 2.00× | >= 1000/s | yes |');
  });
});
