export type TierState = 'up' | 'degraded' | 'down' | 'disabled';

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  /** Unit of the percentiles. */
  unit: 'us';
}

export interface CacheTierStats {
  tier: 'l1' | 'l2';
  backend: 'lru-cache' | 'redis' | 'embedded' | 'none';
  state: TierState;
  hits: number;
  misses: number;
  hitRatio: number;
  evictions: number;
  errors: number;
  entries?: number;
  bytes?: number;
  latency: LatencySummary;
}

export interface CacheStats {
  tiers: CacheTierStats[];
}

export interface StoreStats {
  backend: 'embedded' | 'qdrant';
  patterns: number;
  families: number;
  embedder: { id: string; dimension: number };
  location: string;
}

export interface MotifStats {
  store: StoreStats;
  cache: CacheStats;
  catalog: { id: string; components: number; edges: number };
}

export interface ComponentHealth {
  name: string;
  state: TierState;
  detail?: string;
}

export interface HealthReport {
  ready: boolean;
  components: ComponentHealth[];
}
