import type { RandomSource, RandomSourceFactory } from '@motif/core-types';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';
import { fnv1a32 } from './hash-string';

/** A `RandomSource` over pure-rand's xoroshiro128+ (mutable in pure-rand 8: `next()` advances in place). */
export class SeededRandomSource implements RandomSource {
  constructor(private readonly gen: JumpableRandomGenerator) {}

  int(min: number, max: number): number {
    if (max < min) throw new RangeError(`int(${min}, ${max}): empty range`);
    return min === max ? min : uniformInt(this.gen, min, max);
  }

  float(): number {
    return uniformFloat64(this.gen);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick() from an empty list');
    return items.length === 1 ? items[0] : items[uniformInt(this.gen, 0, items.length - 1)];
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = uniformInt(this.gen, 0, i);
      const t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return out;
  }

  /** Child stream: seeded from the label and the next draw of this stream, so it depends on both. */
  fork(label: string): RandomSource {
    return new SeededRandomSource(xoroshiro128plus(fnv1a32(label, this.gen.next() >>> 0)));
  }
}

/** Creates reproducible random sources: the seed string is hashed (FNV-1a) to pure-rand's 32-bit seed. */
export class SeededRandomSourceFactory implements RandomSourceFactory {
  create(seed: string): RandomSource {
    return new SeededRandomSource(xoroshiro128plus(fnv1a32(seed) | 0));
  }
}
