import { decodeSparseColumns, encodeSparseColumns, sparseBytes } from './sparse-columns';

let seed = 11;
const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
/** `dimension` columns of `rows` cells, each non-zero with probability `density` (values in [-127, 127], never 0). */
function columns(dimension: number, rows: number, density: number): Int8Array[] {
  return Array.from({ length: dimension }, () => Int8Array.from({ length: rows }, () => (rnd() < density ? (rnd() < 0.5 ? -1 : 1) * (1 + Math.floor(rnd() * 127)) : 0)));
}
const bytes = (c: Int8Array): string => Buffer.from(c.buffer, c.byteOffset, c.length).toString('base64');
const zeros = (dimension: number, rows: number): Int8Array[] => Array.from({ length: dimension }, () => new Int8Array(rows));

describe('sparse columns', () => {
  it('round-trips sparse columns, odd row counts and unaligned views included', () => {
    for (const rows of [41, 64, 1001, 4099]) {
      const cols = columns(32, rows, 0.08);
      const sparse = encodeSparseColumns(cols, rows);
      expect(sparse).not.toBeNull();
      const back = zeros(32, rows);
      decodeSparseColumns(sparse!, rows, back);
      expect(back.map(bytes)).toEqual(cols.map(bytes));
    }
    // Views at odd offsets (a column of a larger buffer): the four-at-a-time count must not be used there.
    const whole = new Int8Array(1 + 3 * 50);
    whole[1 + 3] = 5;
    whole[1 + 50 + 49] = -9;
    const views = [0, 1, 2].map((d) => whole.subarray(1 + d * 50, 1 + (d + 1) * 50));
    const back = zeros(3, 50);
    decodeSparseColumns(encodeSparseColumns(views, 50)!, 50, back);
    expect(back).toEqual(views.map((v) => Int8Array.from(v)));
  });

  it('stores only the non-zero cells: 3 bytes each, plus a start per column', () => {
    const cols = zeros(4, 1000);
    cols[0][3] = 1;
    cols[0][500] = -2;
    cols[3][999] = 7;
    const sparse = encodeSparseColumns(cols, 1000)!;
    expect(Array.from(sparse.starts)).toEqual([0, 2, 2, 2, 3]);
    expect(Array.from(sparse.gaps)).toEqual([4, 497, 1000]);
    expect(Array.from(sparse.values)).toEqual([1, -2, 7]);
    expect(sparseBytes(4, 3)).toBe(4 * 5 + 9);
  });

  it('bridges gaps longer than 65,535 rows with zero fillers', () => {
    const rows = 200_000;
    const cols = zeros(2, rows);
    cols[1][0] = 3;
    cols[1][150_000] = -4;
    cols[1][199_999] = 1;
    const sparse = encodeSparseColumns(cols, rows)!;
    expect(Array.from(sparse.gaps)).toEqual([1, 65535, 65535, 150_000 - 2 * 65535, 49_999]);
    expect(Array.from(sparse.values)).toEqual([3, 0, 0, -4, 1]);
    const back = zeros(2, rows);
    decodeSparseColumns(sparse, rows, back);
    expect(back.map(bytes)).toEqual(cols.map(bytes));
  });

  it('keeps dense columns dense: null when the sparse form would not be smaller', () => {
    expect(encodeSparseColumns(columns(16, 500, 0.5), 500)).toBeNull();
    expect(encodeSparseColumns(columns(16, 500, 0.05), 500)).not.toBeNull();
    expect(encodeSparseColumns(columns(16, 1, 1), 1)).toBeNull(); // one row: the column starts alone outweigh it
  });

  it('rejects entries that do not add up, even when their bytes are intact', () => {
    const cols = zeros(2, 10);
    cols[0][2] = 1;
    cols[1][9] = 2;
    const good = encodeSparseColumns(cols, 10)!;
    const bad = (patch: (s: typeof good) => void): (() => void) => () => {
      const s = { starts: Uint32Array.from(good.starts), gaps: Uint16Array.from(good.gaps), values: Int8Array.from(good.values) };
      patch(s);
      decodeSparseColumns(s, 10, zeros(2, 10));
    };
    expect(bad(() => undefined)).not.toThrow();
    expect(bad((s) => (s.gaps[1] = 11))).toThrow(/sparse column 1 holds a row past 9/);
    expect(bad((s) => (s.gaps[0] = 0))).toThrow(/sparse column 0 repeats a row/);
    expect(bad((s) => (s.starts[2] = 1))).toThrow(/do not describe 2 columns/);
    expect(bad((s) => (s.starts[1] = 5))).toThrow(/sparse column 0 ends before it starts or past the cells/);
    expect(() => decodeSparseColumns(good, 10, zeros(3, 10))).toThrow(/do not describe 3 columns/);
  });
});
