import type { Cluster, Redis, RedisOptions } from 'ioredis';
import { CACHE_SCHEMA_VERSION, MotifError, type TierState } from '@motif/core-types';
import type { InvalidationBus, InvalidationMessage, L2Cache } from './l2-cache';
import { withTimeout } from './with-timeout';

/** ioredis is loaded on first use: a CLI command without a Redis tier must not pay for it at start-up. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const ioredis = (): typeof import('ioredis') => require('ioredis') as typeof import('ioredis');

/** Builds one ioredis connection; called twice (data and pub/sub). Use it for Sentinel or Cluster. */
export type RedisClientFactory = (role: 'data' | 'subscriber', defaults: RedisOptions) => Redis | Cluster;

export interface RedisL2Options {
  /** `redis://` or `rediss://` URL; ignored when `clientFactory` is given. */
  url?: string;
  keyPrefix: string;
  /** Budget of every Redis call (ioredis `commandTimeout` plus a timer race). */
  commandTimeoutMs: number;
  /** This process's id in invalidation messages, so it ignores its own. */
  origin: string;
  clientFactory?: RedisClientFactory;
  /** Keys fetched per SCAN step during prefix invalidation. */
  scanCount?: number;
}

/** The pub/sub channel the processes sharing one Redis (and key prefix) invalidate on. */
export const invalidationChannel = (keyPrefix: string, schemaVersion = CACHE_SCHEMA_VERSION): string =>
  `${keyPrefix}motif:${schemaVersion}:invalidate`;

/** Exponential reconnect backoff, capped at 2 s; ioredis reconnects forever. */
export const reconnectDelayMs = (attempt: number): number => Math.min(50 * 2 ** Math.min(attempt, 6), 2_000);

/**
 * Shared L2 on Redis through ioredis. Fail-fast by design: no offline queue, one retry,
 * every call raced against `commandTimeoutMs`. Batch reads are one MGET, batch writes one
 * pipeline of `SET EX`; every write also PUBLISHes the touched keys (same round trip) so
 * other processes drop their L1 copies.
 */
export class RedisL2Cache implements L2Cache, InvalidationBus {
  readonly backend = 'redis' as const;
  readonly channel: string;
  /** Network round trips issued (a pipeline counts once): lets the benchmark show batching. */
  roundTrips = 0;
  private readonly client: Redis | Cluster;
  private subscriber: Redis | Cluster | undefined;
  private subscribed: Promise<unknown> | undefined;
  private readonly defaults: RedisOptions;
  private closed = false;

  constructor(private readonly options: RedisL2Options) {
    this.channel = invalidationChannel(options.keyPrefix);
    this.defaults = {
      keyPrefix: options.keyPrefix,
      commandTimeout: options.commandTimeoutMs,
      connectTimeout: Math.max(1_000, options.commandTimeoutMs * 10),
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      retryStrategy: reconnectDelayMs,
      lazyConnect: false,
    };
    this.client = this.connect('data', this.defaults);
  }

  private connect(role: 'data' | 'subscriber', defaults: RedisOptions): Redis | Cluster {
    const { clientFactory, url } = this.options;
    let client: Redis | Cluster;
    if (clientFactory) client = clientFactory(role, defaults);
    else if (url) client = new (ioredis().Redis)(url, defaults);
    else throw new MotifError('CONFIG_INVALID', 'RedisL2Cache needs redis.url or a clientFactory');
    // Errors surface through the calls that fail; an unhandled 'error' event would crash the process.
    client.on('error', () => undefined);
    return client;
  }

  /**
   * Resolves true once the data connection is ready and, if subscribed, the invalidation
   * channel is listened to (false after `timeoutMs`). Calls before that fail fast (counted as misses).
   */
  async ready(timeoutMs = 2_000): Promise<boolean> {
    const subscribed = this.subscribed ? withTimeout(this.subscribed, timeoutMs, 'redis subscribe').then(() => true, () => false) : true;
    const [data, sub] = await Promise.all([this.dataReady(timeoutMs), subscribed]);
    return data && sub;
  }

  private dataReady(timeoutMs: number): Promise<boolean> {
    if (this.client.status === 'ready') return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (ok: boolean): void => {
        clearTimeout(timer);
        this.client.off('ready', onReady);
        resolve(ok);
      };
      const onReady = (): void => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.client.on('ready', onReady);
    });
  }

  private timed<T>(promise: Promise<T>): Promise<T> {
    this.roundTrips++;
    return withTimeout(promise, this.options.commandTimeoutMs, 'redis');
  }

  async getMany(keys: readonly string[]): Promise<Array<string | undefined>> {
    if (keys.length === 0) return [];
    if (this.client instanceof ioredis().Cluster) {
      // MGET across hash slots is refused by Cluster (CROSSSLOT): one GET per key, sent in parallel.
      const cluster = this.client;
      const values = await this.timed(Promise.all(keys.map((k) => cluster.get(k))));
      return values.map((v) => v ?? undefined);
    }
    const values = await this.timed(this.client.mget(...keys));
    return values.map((v) => v ?? undefined);
  }

  async setMany(entries: ReadonlyArray<readonly [string, string]>, ttlSeconds: number): Promise<void> {
    if (entries.length === 0) return;
    const ttl = Math.max(1, Math.ceil(ttlSeconds));
    const message = this.message({ keys: entries.map(([k]) => k) });
    if (this.client instanceof ioredis().Cluster) {
      const cluster = this.client;
      await this.timed(Promise.all([...entries.map(([k, v]) => cluster.set(k, v, 'EX', ttl)), cluster.publish(this.channel, message)]));
      return;
    }
    const pipeline = this.client.pipeline();
    for (const [key, value] of entries) pipeline.set(key, value, 'EX', ttl);
    pipeline.publish(this.channel, message);
    throwOnPipelineError(await this.timed(pipeline.exec()));
  }

  async delete(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    const message = this.message({ keys: [...keys] });
    if (this.client instanceof ioredis().Cluster) {
      const cluster = this.client;
      await this.timed(Promise.all([...keys.map((k) => cluster.unlink(k)), cluster.publish(this.channel, message)]));
      return;
    }
    throwOnPipelineError(await this.timed(this.client.pipeline().unlink(...keys).publish(this.channel, message).exec()));
  }

  /** SCAN + UNLINK (never KEYS); each step is bounded by the command budget. */
  async deletePrefix(prefix: string): Promise<void> {
    const nodes = this.client instanceof ioredis().Cluster ? this.client.nodes('master') : [this.client];
    const { keyPrefix } = this.options;
    // ioredis does not apply keyPrefix to SCAN patterns (it does to UNLINK keys).
    const match = `${escapeGlob(keyPrefix + prefix)}*`;
    for (const node of nodes) {
      let cursor = '0';
      do {
        const [next, found] = await this.timed(node.scan(cursor, 'MATCH', match, 'COUNT', this.options.scanCount ?? 500));
        cursor = next;
        if (found.length > 0) await this.timed(this.client.unlink(...found.map((k) => k.slice(keyPrefix.length))));
      } while (cursor !== '0');
    }
    await this.timed(this.client.publish(this.channel, this.message({ prefixes: [prefix] })));
  }

  subscribe(onMessage: (m: InvalidationMessage) => void, onResync: () => void): void {
    if (this.subscriber || this.closed) return;
    // The subscriber queues its SUBSCRIBE until connected and resubscribes after a reconnect.
    // ioredis's own resubscribe (autoResubscribe) leaves its promise unhandled when the connection
    // drops again at once (Redis restarting): resubscribe here instead, with the failure handled.
    const sub = this.connect('subscriber', {
      ...this.defaults,
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
      commandTimeout: undefined,
      autoResubscribe: false,
    });
    this.subscriber = sub;
    let lost = false;
    sub.on('close', () => (lost = true));
    sub.on('ready', () => {
      if (!lost) return;
      lost = false;
      sub.subscribe(this.channel).catch(() => undefined);
      // Messages published while we were away are gone: the caller must drop what it cannot trust.
      onResync();
    });
    sub.on('message', (channel: string, raw: string) => {
      if (channel !== this.channel) return;
      const m = parseMessage(raw);
      if (m && m.origin !== this.options.origin) onMessage(m);
    });
    this.subscribed = sub.subscribe(this.channel);
    this.subscribed.catch(() => undefined);
  }

  private message(body: Omit<InvalidationMessage, 'origin'>): string {
    return JSON.stringify({ origin: this.options.origin, ...body });
  }

  state(): TierState {
    return this.client.status === 'ready' ? 'up' : 'down';
  }

  evictions(): number {
    return 0; // Redis evicts by its own maxmemory policy; see INFO stats evicted_keys.
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([this.client, this.subscriber].map((c) => (c ? quitQuietly(c) : undefined)));
  }
}

async function quitQuietly(client: Redis | Cluster): Promise<void> {
  if (client.status === 'ready') {
    try {
      await withTimeout(client.quit(), 500, 'redis quit');
      return;
    } catch {
      // fall through to a hard disconnect
    }
  }
  client.disconnect();
}

function throwOnPipelineError(results: Array<[Error | null, unknown]> | null): void {
  if (!results) throw new MotifError('BACKEND_UNAVAILABLE', 'redis pipeline was discarded', { details: { backend: 'redis' } });
  const failed = results.find(([err]) => err);
  if (failed?.[0]) throw failed[0];
}

const escapeGlob = (s: string): string => s.replace(/[*?[\]\\]/g, (c) => `\\${c}`);

function parseMessage(raw: string): InvalidationMessage | null {
  try {
    const m = JSON.parse(raw) as Partial<InvalidationMessage>;
    if (typeof m.origin !== 'string') return null;
    const strings = (xs: unknown): string[] | undefined => (Array.isArray(xs) ? xs.filter((x): x is string => typeof x === 'string') : undefined);
    return { origin: m.origin, keys: strings(m.keys), prefixes: strings(m.prefixes) };
  } catch {
    return null;
  }
}
