import { ProgressBar, renderProgress } from './progress-bar';

describe('renderProgress', () => {
  it('shows bar, percent, rate and ETA when the size is known', () => {
    expect(renderProgress({ records: 500, bytes: 250, totalBytes: 1000, elapsedMs: 2000 }, 8)).toBe('[██░░░░░░]  25% 500 records  250 rec/s  ETA 00:06');
  });

  it('shows rate and elapsed time when the size is unknown (stdin)', () => {
    expect(renderProgress({ records: 30, bytes: 999, elapsedMs: 4000 })).toBe('30 records  7.5 rec/s  elapsed 00:04');
  });
});

describe('ProgressBar', () => {
  it('redraws one line at most every interval, and ends on the true totals, left on screen', () => {
    const writes: string[] = [];
    const bar = new ProgressBar({ write: (s) => (writes.push(s), true) }, 100, 60_000);
    bar.update(1, 10);
    bar.update(2, 20);
    bar.update(3, 30, true);
    bar.update(19_800, 99); // throttled away, as the last batches of a big import are
    bar.finish(20_000, 100);
    expect(writes).toHaveLength(4);
    expect(writes[0]).toMatch(/^\r\x1b\[2K\[.*\] +10% 1 records/);
    expect(writes[1]).toMatch(/30% 3 records/);
    expect(writes[2]).toMatch(/100% 20000 records/);
    expect(writes[3]).toBe('\n');
  });
});
