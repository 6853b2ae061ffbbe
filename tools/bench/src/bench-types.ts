/** One measured figure, printed beside an in-run baseline so the ratio holds on a noisy machine. */
export interface BenchRow {
  suite: string;
  name: string;
  value: number;
  unit: string;
  /** What the baseline is (e.g. `plain brute-force scan`), measured in the same run. */
  baselineName?: string;
  baselineValue?: number;
  /** value / baselineValue, or how the two compare; say in `note` which direction is better. */
  ratio?: number;
  /** The target as written in the issue (e.g. `>= 100000/s`). */
  target?: string;
  pass?: boolean;
  note?: string;
}

export interface BenchContext {
  /** Smaller sizes for a smoke run (`npm run bench -- --quick`). */
  quick: boolean;
  /** A fresh temporary directory, removed after the run. */
  tmpDir(): string;
  log(message: string): void;
}

export interface BenchSuite {
  name: string;
  /** Runs only when named (`npm run bench -- scale`): too slow for the default run. */
  optIn?: boolean;
  run(ctx: BenchContext): Promise<BenchRow[]>;
}
