import { createColors } from 'picocolors';
import { formatTable, truncate, visibleWidth } from './table';

const rows = [
  { id: 'p_1', n: 7, text: 'short' },
  { id: 'p_22', n: 1234, text: 'a much longer description that will need to be cut to fit' },
];

describe('formatTable', () => {
  it('aligns columns, right-aligns numbers, and has no trailing spaces', () => {
    const out = formatTable(rows, [
      { header: 'ID', value: (r) => r.id },
      { header: 'N', value: (r) => String(r.n), align: 'right' },
      { header: 'TEXT', value: (r) => r.text },
    ]);
    expect(out).toBe(['ID       N  TEXT', 'p_1      7  short', 'p_22  1234  a much longer description that will need to be cut to fit', ''].join('\n'));
  });

  it('shrinks flexible columns to the width with an ellipsis', () => {
    const out = formatTable(rows, [{ header: 'ID', value: (r) => r.id }, { header: 'TEXT', value: (r) => r.text, flex: true }], 30);
    for (const line of out.trimEnd().split('\n')) expect(visibleWidth(line)).toBeLessThanOrEqual(30);
    expect(out).toContain('…');
  });

  it('ignores ANSI colour codes when aligning; counts DSL symbols as one column each', () => {
    const c = createColors(true);
    const out = formatTable([{ a: 'δ§', b: 'x' }, { a: 'abcd', b: 'y' }], [{ header: 'A', value: (r) => r.a, style: (s) => c.red(s) }, { header: 'B', value: (r) => r.b }]);
    const lines = out.trimEnd().split('\n').map((l) => l.replace(/\x1b\[[0-9;]*m/g, ''));
    expect(lines).toEqual(['A     B', 'δ§    x', 'abcd  y']);
    expect(truncate('§§§§§', 3)).toBe('§§…');
  });
});
