import type { MotifStats, PatternService } from '@motif/core-types';
import { MetricsRegistry, type Counter, type Histogram, type MetricFamily } from './metrics-registry';

export interface HttpMetrics {
  registry: MetricsRegistry;
  requestDuration: Histogram;
  requestsTotal: Counter;
}

/** Per-route request metrics; `route` is the route pattern (`/v1/patterns/:id`), never the raw URL. */
export function createHttpMetrics(service: Pick<PatternService, 'stats'>, registry = new MetricsRegistry()): HttpMetrics {
  const labels = ['method', 'route', 'status'];
  const requestDuration = registry.histogram('http_request_duration_seconds', 'HTTP request latency in seconds, by route pattern.', labels);
  const requestsTotal = registry.counter('http_requests_total', 'HTTP requests answered, by route pattern.', labels);
  registry.addCollector(async () => statsFamilies(await service.stats()));
  registry.addCollector(processFamilies);
  return { registry, requestDuration, requestsTotal };
}

/** Cache counters per tier and store sizes, read from the service at scrape time. */
export function statsFamilies(stats: MotifStats): MetricFamily[] {
  const tierLabels = (t: MotifStats['cache']['tiers'][number]) => ({ tier: t.tier, backend: t.backend });
  const perTier = (name: string, help: string, type: 'counter' | 'gauge', value: (t: MotifStats['cache']['tiers'][number]) => number | undefined): MetricFamily => ({
    name,
    help,
    type,
    samples: stats.cache.tiers.flatMap((t) => {
      const v = value(t);
      return v === undefined ? [] : [{ labels: tierLabels(t), value: v }];
    }),
  });
  return [
    perTier('motif_cache_hits_total', 'Cache hits per tier.', 'counter', (t) => t.hits),
    perTier('motif_cache_misses_total', 'Cache misses per tier.', 'counter', (t) => t.misses),
    perTier('motif_cache_evictions_total', 'Cache evictions per tier.', 'counter', (t) => t.evictions),
    perTier('motif_cache_errors_total', 'Cache backend errors per tier.', 'counter', (t) => t.errors),
    perTier('motif_cache_entries', 'Entries held per tier, when the tier can tell.', 'gauge', (t) => t.entries),
    perTier('motif_cache_up', 'Tier state: 1 up, 0.5 degraded, 0 down or disabled.', 'gauge', (t) => (t.state === 'up' ? 1 : t.state === 'degraded' ? 0.5 : 0)),
    {
      name: 'motif_patterns',
      help: 'Patterns stored.',
      type: 'gauge',
      samples: [{ labels: { backend: stats.store.backend }, value: stats.store.patterns }],
    },
    {
      name: 'motif_variation_families',
      help: 'Variation families stored.',
      type: 'gauge',
      samples: [{ labels: { backend: stats.store.backend }, value: stats.store.families }],
    },
  ];
}

function processFamilies(): MetricFamily[] {
  return [
    { name: 'process_resident_memory_bytes', help: 'Resident memory size in bytes.', type: 'gauge', samples: [{ labels: {}, value: process.memoryUsage().rss }] },
    { name: 'process_uptime_seconds', help: 'Seconds since the process started.', type: 'gauge', samples: [{ labels: {}, value: Math.round(process.uptime()) }] },
  ];
}
