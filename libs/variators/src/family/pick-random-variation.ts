import { randomUUID } from 'node:crypto';
import type { PatternVariation, RandomSourceFactory, VariationFamily, VariationType } from '@motif/core-types';

export interface PickOptions {
  /** Only variations of this type; without it, any variation except the original (v0). */
  type?: VariationType;
  /** Same seed, same family → same pick. Without it, a fresh random seed is used. */
  seed?: string | number;
}

/** One variation of a family, chosen by a seeded source; null when the family has none of that type. */
export function pickRandomVariation(family: VariationFamily, options: PickOptions, randomFactory: RandomSourceFactory): PatternVariation | null {
  const pool = family.variations.filter((v) => (options.type === undefined ? v.variationType !== 'original' : v.variationType === options.type));
  if (pool.length === 0) return null;
  const seed = options.seed === undefined ? randomUUID() : `pick:${family.parentId}:${String(options.seed)}`;
  return randomFactory.create(seed).pick(pool);
}
