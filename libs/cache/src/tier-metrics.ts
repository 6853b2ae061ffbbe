import type { CacheTierStats, TierState } from '@motif/core-types';
import { LatencyReservoir } from './latency-reservoir';

/** Counters and a latency window for one tier. Plain numbers: cheap enough for the L1 hot path. */
export class TierMetrics {
  hits = 0;
  misses = 0;
  evictions = 0;
  errors = 0;
  readonly latency: LatencyReservoir;

  constructor(reservoirSize = 1024) {
    this.latency = new LatencyReservoir(reservoirSize);
  }

  snapshot(
    tier: CacheTierStats['tier'],
    backend: CacheTierStats['backend'],
    state: TierState,
    extra: { entries?: number; bytes?: number } = {},
  ): CacheTierStats {
    const lookups = this.hits + this.misses;
    return {
      tier,
      backend,
      state,
      hits: this.hits,
      misses: this.misses,
      hitRatio: lookups === 0 ? 0 : this.hits / lookups,
      evictions: this.evictions,
      errors: this.errors,
      ...extra,
      latency: this.latency.summary(),
    };
  }
}
