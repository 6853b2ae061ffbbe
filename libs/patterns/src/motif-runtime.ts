import type { Container } from 'inversify';
import type { MotifConfig, PatternService } from '@motif/core-types';

/** What the container factory hands to an app: the service, the container, and one way to shut down. */
export interface MotifRuntime {
  readonly config: MotifConfig;
  readonly container: Container;
  readonly service: PatternService;
  /** Closes the store, the cache (Redis connections, pub/sub) in reverse creation order. Idempotent. */
  close(): Promise<void>;
}
