export interface Column<R> {
  header: string;
  value(row: R): string;
  align?: 'left' | 'right';
  /** Flexible columns shrink (with an ellipsis) so the table fits the terminal width. */
  flex?: boolean;
  /** Optional styling applied after padding (colour must not affect alignment). */
  style?(text: string, row: R): string;
}

/** Visible width: ANSI escapes do not count. Code points, not UTF-16 units (DSL symbols). */
export const visibleWidth = (s: string): number => [...s.replace(/\x1b\[[0-9;]*m/g, '')].length;

export function truncate(s: string, width: number): string {
  const chars = [...s];
  if (chars.length <= width) return s;
  return width <= 1 ? chars.slice(0, width).join('') : chars.slice(0, width - 1).join('') + '…';
}

const pad = (s: string, width: number, align: 'left' | 'right'): string => {
  const fill = ' '.repeat(Math.max(0, width - visibleWidth(s)));
  return align === 'right' ? fill + s : s + fill;
};

/** An aligned plain-text table; `maxWidth` is the terminal width. */
export function formatTable<R>(rows: readonly R[], columns: readonly Column<R>[], maxWidth = 100, headerStyle: (s: string) => string = (s) => s): string {
  const cells = rows.map((r) => columns.map((c) => c.value(r).replace(/\s+/g, ' ')));
  const widths = columns.map((c, i) => Math.max(visibleWidth(c.header), ...cells.map((row) => visibleWidth(row[i]))));
  const gap = 2;
  let total = widths.reduce((a, b) => a + b, 0) + gap * (columns.length - 1);
  const flexIdx = columns.map((c, i) => (c.flex ? i : -1)).filter((i) => i >= 0);
  // Shrink the widest flexible column first, never below its header or 8 characters.
  while (total > maxWidth && flexIdx.length) {
    const i = flexIdx.reduce((a, b) => (widths[b] > widths[a] ? b : a));
    const floor = Math.max(8, visibleWidth(columns[i].header));
    if (widths[i] <= floor) break;
    const cut = Math.min(total - maxWidth, widths[i] - floor);
    widths[i] -= cut;
    total -= cut;
  }
  const line = (values: string[], style: (s: string, i: number) => string) =>
    values
      .map((v, i) => {
        const text = truncate(v, widths[i]);
        const padded = pad(text, i === values.length - 1 && columns[i].align !== 'right' ? 0 : widths[i], columns[i].align ?? 'left');
        return style(padded, i);
      })
      .join(' '.repeat(gap))
      .trimEnd();
  const out = [line(columns.map((c) => c.header), (s) => headerStyle(s))];
  cells.forEach((row, r) => out.push(line(row, (s, i) => columns[i].style?.(s, rows[r]) ?? s)));
  return out.join('\n') + '\n';
}
