/** A seeded, reproducible random generator: the same seed gives the same sequence, on every machine. */
export interface RandomSource {
  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number;
  /** Float in [0, 1). */
  float(): number;
  pick<T>(items: readonly T[]): T;
  shuffle<T>(items: readonly T[]): T[];
  /** A child generator with its own stream, deterministic from this one's state. */
  fork(label: string): RandomSource;
}

export interface RandomSourceFactory {
  create(seed: string): RandomSource;
}
