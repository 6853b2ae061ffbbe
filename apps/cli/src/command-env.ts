import type { Command } from 'commander';
import type { ConfigFlags, MotifConfig, PatternService, WarmOptions } from '@motif/core-types';
import type { CliIo } from './cli-io';
import { coreTypes, earlyStart, patternsLib } from './lazy-modules';
import { Printer } from './output/printer';

export interface GlobalOptions {
  dataDir?: string;
  catalog?: string;
  qdrantUrl?: string;
  redisUrl?: string;
  namespace?: string;
  config?: string;
  json: boolean;
  color: boolean;
}

/** What a command needs of a runtime (a `MotifRuntime` from the container factory fits). */
export interface CliRuntime {
  readonly config: MotifConfig;
  readonly service: PatternService;
  /** The Inversify container, when the runtime came from `createMotifContainer`. */
  readonly container?: unknown;
  close(): Promise<void>;
}

/** How a command wants its runtime opened (the container factory's options). */
export interface RuntimeOptions {
  /** Load the search index and the embedding model side by side before the command runs (a search that embeds text). */
  warm?: boolean;
  /** With `warm`: the named vectors of the index to load now; the others load when the search first needs them. */
  vectors?: WarmOptions['vectors'];
  /** With `warm`: wait for the model too (default true); false lets the command's first embedding wait for it. */
  awaitModel?: boolean;
}

export interface CliDeps {
  /** Builds the runtime; defaults to `createMotifContainer` from @motif/patterns (loaded lazily). */
  createRuntime?(config: MotifConfig, options?: RuntimeOptions): Promise<CliRuntime>;
  /** The target of `migrate --to qdrant` (tests pass an in-process fake); default a REST client for the configured URL. */
  qdrantClient?(): import('@motif/patterns').QdrantMigrationClient;
  /** The API entry `serve` starts; defaults to apps/api/dist/main.js next to this app. */
  apiMainPath?: string;
}

export const configFlags = (g: GlobalOptions): ConfigFlags => ({
  config: g.config,
  dataDir: g.dataDir,
  catalog: g.catalog,
  qdrantUrl: g.qdrantUrl,
  redisUrl: g.redisUrl,
  namespace: g.namespace,
});

/** Config from the global flags and the environment, then the runtime from the one container factory. */
export async function openRuntime(globals: GlobalOptions, env: NodeJS.ProcessEnv, deps: CliDeps = {}, options: RuntimeOptions = {}): Promise<CliRuntime> {
  const config = coreTypes().loadConfig(configFlags(globals), env);
  const create = deps.createRuntime ?? ((c: MotifConfig, o: RuntimeOptions) => patternsLib().createMotifContainer(c, o));
  return create(config, options);
}

/** Per-invocation context: global options, the printer, and the runtime opened on demand. */
export class CommandEnv {
  readonly globals: GlobalOptions;
  readonly printer: Printer;

  constructor(readonly io: CliIo, readonly deps: CliDeps, command: Command) {
    this.globals = command.optsWithGlobals<GlobalOptions>();
    this.printer = new Printer(io, this.globals.json === true, this.globals.color !== false);
  }

  /** Flags > env > config file (`--config` / `MOTIF_CONFIG`) > defaults. */
  config(): MotifConfig {
    return coreTypes().loadConfig(configFlags(this.globals), this.io.env);
  }

  /**
   * Starts the sentence model's worker now, before the rest of Motif loads, its first call embedding `text` (the
   * query of a search): the container adopts it if the store's embedder is the model, and discards it otherwise. Not when the runtime
   * is not the container's (tests pass their own) or the environment picks the hashing embedder.
   */
  startModelEarly(text: string): void {
    if (this.deps.createRuntime || this.io.env.MOTIF_EMBEDDER === 'hashing') return;
    earlyStart().startUseLiteModelEarly({ text });
  }

  /** Opens the runtime from the one container factory, runs `fn`, and always closes it. */
  async withService<T>(fn: (service: PatternService, runtime: CliRuntime) => Promise<T>, options: RuntimeOptions = {}): Promise<T> {
    const runtime = await openRuntime(this.globals, this.io.env, this.deps, options);
    try {
      return await fn(runtime.service, runtime);
    } finally {
      await runtime.close();
    }
  }
}
