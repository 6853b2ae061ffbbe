import { performance } from 'node:perf_hooks';
import { MotifError, type CacheStats, type CacheTierStats, type ComponentHealth, type TierState, type TieredCache } from '@motif/core-types';
import { CircuitBreaker, CircuitOpenError, type CircuitBreakerOptions } from './circuit-breaker';
import type { InvalidationBus, InvalidationMessage, L2Cache } from './l2-cache';
import { LruL1Cache, type LruL1Options } from './lru-l1-cache';
import { PendingInvalidations } from './pending-invalidations';
import { decodeEnvelope, wrapEnvelope } from './serialization';
import { TierMetrics } from './tier-metrics';

export interface TieredCacheParts<V> {
  l1: LruL1Cache<V> | LruL1Options;
  /** `null`: L1 only (the L2 tier reports `disabled`). */
  l2: L2Cache | null;
  /** Default TTL of L2 entries when `set` is given none. */
  l2TtlSeconds: number;
  breaker?: CircuitBreaker | CircuitBreakerOptions;
  /** Bound of the not-yet-applied invalidations kept while L2 is unreachable. */
  pendingLimit?: number;
  latencyReservoirSize?: number;
}

const isBus = (l2: L2Cache | null): l2 is L2Cache & InvalidationBus =>
  l2 !== null && typeof (l2 as Partial<InvalidationBus>).subscribe === 'function';

const micros = (t0: number): number => (performance.now() - t0) * 1000;

/**
 * Read-through L1 → L2 with promotion, write-through to both tiers, invalidation across
 * tiers and processes.
 *
 * Failure policy (the store is the source of truth): an L2 failure never fails a call.
 * Reads count an error and a miss; writes and deletes count an error and remember the keys
 * as pending, so L2 answers for them read as misses until the invalidation is re-applied
 * after L2 is back. A circuit breaker skips L2 entirely while it is known to be down.
 */
export class TieredCacheImpl<V> implements TieredCache<V> {
  readonly l1: LruL1Cache<V>;
  readonly l2: L2Cache | null;
  readonly breaker: CircuitBreaker;
  private readonly l2Metrics: TierMetrics;
  private readonly l2TtlSeconds: number;
  private readonly pending: PendingInvalidations;
  /** Bumped by every invalidation or write; a read that straddles a bump does not promote (it may be stale). */
  private epoch = 0;
  private flushing: Promise<void> | undefined;
  private lastL2Error: string | undefined;
  private skipped = 0;
  private closed = false;

  constructor(parts: TieredCacheParts<V>) {
    this.l1 = parts.l1 instanceof LruL1Cache ? parts.l1 : new LruL1Cache<V>(parts.l1);
    this.l2 = parts.l2;
    this.l2TtlSeconds = parts.l2TtlSeconds;
    this.breaker = parts.breaker instanceof CircuitBreaker ? parts.breaker : new CircuitBreaker(parts.breaker);
    this.l2Metrics = new TierMetrics(parts.latencyReservoirSize);
    this.pending = new PendingInvalidations(parts.pendingLimit);
    if (isBus(this.l2)) {
      this.l2.subscribe(
        (m) => this.applyRemote(m),
        () => this.resync(),
      );
    }
  }

  async get(key: string): Promise<V | undefined> {
    const t0 = performance.now();
    const hit = this.l1.get(key);
    this.l1.metrics.latency.record(micros(t0));
    if (hit !== undefined) return hit;
    const [value] = await this.readL2([key]);
    return value;
  }

  async getMany(keys: readonly string[]): Promise<Array<V | undefined>> {
    const out = new Array<V | undefined>(keys.length);
    const missing: string[] = [];
    const t0 = performance.now();
    for (let i = 0; i < keys.length; i++) {
      const v = this.l1.get(keys[i]);
      if (v === undefined) missing.push(keys[i]);
      else out[i] = v;
    }
    if (keys.length > 0) this.l1.metrics.latency.record(micros(t0) / keys.length);
    if (missing.length === 0) return out;
    const unique = [...new Set(missing)];
    const fetched = await this.readL2(unique);
    const byKey = new Map(unique.map((k, i) => [k, fetched[i]]));
    for (let i = 0; i < keys.length; i++) if (out[i] === undefined) out[i] = byKey.get(keys[i]);
    return out;
  }

  /** One L2 call for all `keys`; hits are promoted into L1 unless an invalidation raced the read. */
  private async readL2(keys: string[]): Promise<Array<V | undefined>> {
    const none = (): Array<V | undefined> => keys.map(() => undefined);
    const l2 = this.l2;
    if (!l2 || this.closed) return none();
    const epoch = this.epoch;
    const result = await this.callL2(() => l2.getMany(keys));
    if (!result) {
      this.l2Metrics.misses += keys.length;
      return none();
    }
    return keys.map((key, i) => {
      const payload = result.value[i];
      if (payload === undefined || this.pending.matches(key)) {
        this.l2Metrics.misses++;
        return undefined;
      }
      const decoded = decodeEnvelope<V>(payload);
      if (!decoded.ok) {
        // Another envelope version (or garbage) is a miss, not an error a request should see.
        this.l2Metrics.misses++;
        if (decoded.reason === 'corrupt') this.l2Metrics.errors++;
        return undefined;
      }
      this.l2Metrics.hits++;
      if (epoch === this.epoch) this.l1.set(key, decoded.value, payload.length);
      return decoded.value;
    });
  }

  async set(key: string, value: V, ttlSeconds?: number): Promise<void> {
    await this.setMany([[key, value]], ttlSeconds);
  }

  async setMany(entries: ReadonlyArray<readonly [string, V]>, ttlSeconds?: number): Promise<void> {
    if (entries.length === 0) return;
    // Encode once: the payload is what L2 stores, its length is the L1 weight, and L1 keeps
    // a parsed copy so later mutation of the caller's object cannot change the cached value.
    const encoded = entries.map(([key, value]) => {
      const data = JSON.stringify(value);
      if (data === undefined) throw new MotifError('INTERNAL', `cache value for '${key}' is not JSON-serialisable`, { details: { key } });
      return { key, data, payload: wrapEnvelope(data) };
    });
    this.epoch++;
    const l2 = this.l2;
    if (l2 && !this.closed) {
      const ttl = ttlSeconds ?? this.l2TtlSeconds;
      const keys = encoded.map((e) => e.key);
      const ok = await this.callL2(() => l2.setMany(encoded.map((e) => [e.key, e.payload] as const), ttl), { keys });
      // L2 may still hold an older value under these keys: keep them suspect until removed.
      if (!ok) this.pending.addKeys(keys);
    }
    for (const e of encoded) this.l1.set(e.key, JSON.parse(e.data) as V, e.payload.length, ttlSeconds);
  }

  async delete(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    const l2 = this.l2;
    if (l2 && !this.closed) {
      const ok = await this.callL2(() => l2.delete(keys), { keys });
      if (!ok) this.pending.addKeys(keys);
    }
    // After L2: a read that fetched the old value meanwhile sees the epoch move and does not promote.
    this.epoch++;
    for (const k of keys) this.l1.delete(k);
  }

  /**
   * Runs one L2 call through the breaker; `undefined` means it failed or was skipped (already
   * counted). `overwrites`: what a successful call made current in L2, so no longer pending.
   */
  private async callL2<T>(fn: () => Promise<T>, overwrites?: { keys: readonly string[] }): Promise<{ value: T } | undefined> {
    const t0 = performance.now();
    try {
      const out = await this.breaker.execute(this.l2?.backend ?? 'l2', fn);
      this.l2Metrics.latency.record(micros(t0));
      if (overwrites && !this.pending.empty) this.pending.settle(overwrites);
      if (!this.pending.empty) this.flushPending();
      return { value: out };
    } catch (err) {
      if (err instanceof CircuitOpenError) {
        this.skipped++;
      } else {
        this.l2Metrics.errors++;
        this.l2Metrics.latency.record(micros(t0));
        this.lastL2Error = err instanceof Error ? err.message : String(err);
      }
      return undefined;
    }
  }

  /** Re-applies invalidations L2 missed, in the background, once L2 answers again. */
  private flushPending(): void {
    const l2 = this.l2;
    if (this.flushing || !l2) return;
    const work = this.pending.snapshot();
    this.flushing = (async () => {
      try {
        for (const prefix of work.prefixes ?? []) await this.breaker.execute(l2.backend, () => l2.deletePrefix(prefix));
        if (work.keys.length > 0) await this.breaker.execute(l2.backend, () => l2.delete(work.keys));
        this.pending.settle(work);
      } catch (err) {
        if (!(err instanceof CircuitOpenError)) this.l2Metrics.errors++;
      } finally {
        this.flushing = undefined;
      }
    })();
  }

  /**
   * Waits (at most `timeoutMs`) until L2 can take calls, e.g. at start-up so the first requests
   * do not count as L2 errors while Redis connects. Never throws; false means "not yet".
   */
  async ready(timeoutMs = 2_000): Promise<boolean> {
    const l2 = this.l2 as (L2Cache & { ready?: (ms: number) => Promise<boolean> }) | null;
    if (!l2) return true;
    return l2.ready ? l2.ready(timeoutMs) : l2.state() === 'up';
  }

  /** Resolves when no background flush is running (tests and graceful shutdown). */
  async settled(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private applyRemote(m: InvalidationMessage): void {
    this.epoch++;
    for (const k of m.keys ?? []) this.l1.delete(k);
    for (const p of m.prefixes ?? []) this.l1.deletePrefix(p);
  }

  /** Invalidations may have been missed (pub/sub reconnected): nothing in L1 can be trusted. */
  private resync(): void {
    this.epoch++;
    this.l1.clear();
  }

  private l2State(): TierState {
    const l2 = this.l2;
    if (!l2) return 'disabled';
    const breaker = this.breaker.state;
    if (breaker === 'open' || l2.state() === 'down') return 'down';
    if (breaker === 'half-open' || !this.pending.empty) return 'degraded';
    return 'up';
  }

  stats(): CacheStats {
    const l2 = this.l2;
    const l2Stats: CacheTierStats = l2
      ? this.l2Metrics.snapshot('l2', l2.backend, this.l2State(), l2.entries?.() === undefined ? {} : { entries: l2.entries() })
      : this.l2Metrics.snapshot('l2', 'none', 'disabled');
    if (l2) l2Stats.evictions = l2.evictions();
    return { tiers: [this.l1.stats(), l2Stats] };
  }

  /** For `/readyz`: the cache never blocks readiness, it reports a degraded L2. */
  health(): ComponentHealth[] {
    const state = this.l2State();
    const detail = [
      this.l2 ? this.l2.backend : 'none',
      `breaker ${this.breaker.state}`,
      this.pending.empty ? '' : `${this.pending.size} pending invalidation(s)`,
      this.skipped ? `${this.skipped} call(s) skipped` : '',
      state !== 'up' && this.lastL2Error ? `last error: ${this.lastL2Error}` : '',
    ].filter(Boolean);
    return [
      { name: 'cache.l1', state: 'up', detail: `lru-cache, ${this.l1.size} entries` },
      { name: 'cache.l2', state, detail: detail.join('; ') },
    ];
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.settled();
    await this.l2?.close();
    this.l1.clear();
  }
}
