import { Container } from 'inversify';
import { cacheModule } from '@motif/cache';
import { systemClock, TOKENS, type Clock, type MotifConfig, type WarmOptions } from '@motif/core-types';
import { DAG_TOKENS, dagModule } from '@motif/dag';
import { VARIATORS_TOKENS, variatorsModule } from '@motif/variators';
import { vectorStoreModule } from '@motif/vector-store';
import type { MotifRuntime } from './motif-runtime';
import { PATTERNS_TOKENS, patternsModule } from './patterns-module';

export interface ContainerOptions {
  clock?: Clock;
  /**
   * True: load the search index and the embedding model (side by side) before returning, so the first search doesn't
   * pay for either. The API passes it before serving; the CLI for the commands that search.
   */
  warm?: boolean;
  /**
   * With `warm`: the named vectors of the search index to load now (default `all`); the others load when a search
   * first needs them. A process that runs one search (the CLI) lists what that search reads.
   */
  vectors?: WarmOptions['vectors'];
  /**
   * With `warm`: also wait for the model's warm-up before returning (default true: a server's first request must
   * not pay for it). False: return once the index is loaded; the first embedding waits for the model instead, and a
   * hybrid search ranks BM25 meanwhile (the CLI's one-shot search).
   */
  awaitModel?: boolean;
}

/**
 * The one composition root. The API and the CLI both call this and nothing else, so the same
 * config always gives the same object graph.
 */
export async function createMotifContainer(config: MotifConfig, options: ContainerOptions = {}): Promise<MotifRuntime> {
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind(TOKENS.Config).toConstantValue(config);
  container.bind(TOKENS.Clock).toConstantValue(options.clock ?? systemClock);
  container.load(dagModule, variatorsModule, vectorStoreModule, cacheModule, patternsModule);

  const store = container.get(TOKENS.PatternStore);
  const embedder = container.get(TOKENS.Embedder);
  // The sentence model (≈0.4 s of CPU with its first call) loads in its worker thread while this thread opens the
  // store and loads the search index, so neither waits for the other.
  const modelReady = options.warm ? embedder.warm?.() : undefined;
  modelReady?.catch(() => undefined); // awaited below; a failure here must not be an unhandled rejection meanwhile
  try {
    await store.init();
    if (options.warm) {
      await store.warm?.({ vectors: options.vectors });
      if (options.awaitModel !== false) await modelReady;
    }
  } catch (error) {
    await store.close().catch(() => undefined);
    await embedder.close?.().catch(() => undefined);
    throw error;
  }
  const cache = container.get(TOKENS.FamilyCache);
  // A Redis L2 connects in the background; a one-shot CLI command would otherwise finish before it is ready and
  // never use it. Waits at most 2 s (a Redis that does not answer leaves the L2 down, as stats then says).
  await cache.ready?.(2_000);
  const service = container.get(TOKENS.PatternService);

  let closing: Promise<void> | undefined;
  return {
    config,
    container,
    service,
    close: () => (closing ??= (async () => {
      // Reverse creation order: the cache may still flush to Redis while the store is open.
      await cache.close().catch(() => undefined);
      await embedder.close?.().catch(() => undefined);
      await store.close();
    })()),
  };
}

/** Every bound token with the class that serves it, sorted: what "the same bindings" means in tests. */
export function describeBindings(container: Container): string[] {
  const tokens = { ...TOKENS, ...DAG_TOKENS, ...VARIATORS_TOKENS, ...PATTERNS_TOKENS };
  return Object.entries(tokens)
    .filter(([, token]) => container.isBound(token))
    .map(([name, token]) => {
      const value = container.get<unknown>(token);
      const impl = typeof value === 'object' && value !== null ? value.constructor.name : typeof value;
      return `${name} → ${impl}`;
    })
    .sort();
}
