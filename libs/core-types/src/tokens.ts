import type { MotifConfig } from './config/motif-config';
import type { Clock } from './ports/clock';
import type { EmbedderSet } from './ports/embedder';
import type { PatternService } from './ports/pattern-service';
import type { PatternStore } from './ports/pattern-store';
import type { TieredCache } from './ports/cache';
import type { RandomSourceFactory } from './ports/random-source';

/**
 * A DI token that carries the type of its service. At run time it is a symbol
 * (`Symbol.for('motif.<name>')`, so two copies of a library agree); to the compiler it is an
 * abstract class of `T`, the one member of Inversify's `ServiceIdentifier<T>` that carries `T`.
 * So `container.get(TOKENS.PatternStore)` is a `PatternStore`, while `container.get<Embedder>(TOKENS.PatternStore)`
 * and `bind(TOKENS.PatternStore).toConstantValue(embedder)` fail to compile.
 */
export type Token<T> = abstract new (...args: unknown[]) => T;

/** Makes the token `motif.<name>` for services of type `T`. */
export const token = <T>(name: string): Token<T> => Symbol.for(`motif.${name}`) as unknown as Token<T>;

/** The service type a token stands for. */
export type ServiceOf<K> = K extends Token<infer T> ? T : never;

/**
 * Tokens of the services whose types live here (ports and config). Each library owns the tokens of
 * its own classes (`DAG_TOKENS`, `VARIATORS_TOKENS`, `PATTERNS_TOKENS`) and its ContainerModule binds them.
 */
export const TOKENS = {
  Config: token<MotifConfig>('Config'),
  Clock: token<Clock>('Clock'),
  RandomSourceFactory: token<RandomSourceFactory>('RandomSourceFactory'),
  /** The embedders behind a store's dense vectors (one id and dimension for the set). */
  Embedder: token<EmbedderSet>('Embedder'),
  PatternStore: token<PatternStore>('PatternStore'),
  FamilyCache: token<TieredCache<unknown>>('FamilyCache'),
  PatternService: token<PatternService>('PatternService'),
} as const;

export type TokenName = keyof typeof TOKENS;
