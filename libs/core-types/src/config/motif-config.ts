import { z } from 'zod';
import { NamespaceSchema } from '../schemas/pattern-input';

const HostPortSchema = z.string().regex(/^[A-Za-z0-9_.\-\[\]:]+:\d{1,5}$/, 'must be host:port');

/** Embedders Motif ships (`MOTIF_EMBEDDER`). */
export const EMBEDDER_KINDS = ['use-lite', 'hashing'] as const;
export const EmbedderKindSchema = z.enum(EMBEDDER_KINDS, { error: `must be one of ${EMBEDDER_KINDS.join(', ')} (MOTIF_EMBEDDER)` });
export type EmbedderKind = z.output<typeof EmbedderKindSchema>;
/** Output dimension of the Universal Sentence Encoder lite. */
export const USE_LITE_DIMENSION = 512;
/** Default dimension of the hashing embedder (what every data dir before `use-lite` was built with). */
export const DEFAULT_HASHING_DIMENSION = 384;

const LogLevelSchema = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** The whole configuration. Every field has a default: with no configuration Motif runs embedded. */
export const MotifConfigSchema = z.strictObject({
  /** Directory of the embedded SQLite database (patterns, vectors, families, embedded L2 cache). */
  dataDir: z.string().min(1),
  /** Built-in catalog id or a path to a catalog JSON file. */
  catalog: z.string().min(1).default('google-chat-cards-v2'),
  namespace: NamespaceSchema.default('default'),
  logLevel: LogLevelSchema.default('info'),
  embedder: z
    .strictObject({
      /**
       * `use-lite` (Universal Sentence Encoder lite, 512-d, weights shipped in npm) or `hashing` (feature hashing,
       * no weights). Unset: the embedder an existing store was built with, else `use-lite`.
       */
      kind: EmbedderKindSchema.optional(),
      /** Dimension of the hashing embedder (default 384); `use-lite` is always 512. */
      dimension: z.number().int().min(16).max(4096).optional(),
      /** Query embeddings kept in memory (LRU), so a repeated query is not embedded again. 0 = no cache. */
      queryCacheEntries: z.number().int().min(0).max(1_000_000).default(1024),
    })
    .refine((e) => !(e.kind === 'use-lite' && e.dimension !== undefined && e.dimension !== USE_LITE_DIMENSION), {
      message: `the use-lite embedder has dimension ${USE_LITE_DIMENSION}; embedder.dimension (MOTIF_EMBEDDING_DIM) applies to the hashing embedder only`,
      path: ['dimension'],
    })
    .default({ queryCacheEntries: 1024 }),
  search: z
    .strictObject({
      /** RRF constant k. Unset: the value tuned for the store's embedder (tools/eval tuning split; 10 for both shipped ones). */
      rrfK: z.number().int().min(1).max(1000).optional(),
      /**
       * Embedded store: live rows from which dense queries search HNSW graphs (built in the background, saved beside
       * the index snapshot) instead of the exact column scan. Unset: never (graphs are opt-in; 20,000 is the size
       * measured to pay off for dense vectors). Filters stay exact either way.
       */
      annMinRows: z.number().int().min(1).optional(),
    })
    .default({}),
  qdrant: z
    .strictObject({
      url: z.url().optional(),
      apiKey: z.string().min(1).optional(),
      collection: z.string().regex(/^[A-Za-z0-9_\-]{1,255}$/).default('motif_patterns'),
    })
    .default({ collection: 'motif_patterns' }),
  redis: z
    .strictObject({
      url: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional(),
      keyPrefix: z.string().default(''),
      /** No request waits on Redis longer than this. */
      commandTimeoutMs: z.number().int().min(1).max(60_000).default(100),
      /** High availability through Sentinel: the master's name and the sentinels (`host:port`). */
      sentinel: z
        .strictObject({ name: z.string().min(1), sentinels: z.array(HostPortSchema).min(1), password: z.string().optional() })
        .optional(),
      /** Redis Cluster: startup nodes (`host:port`). */
      cluster: z.strictObject({ nodes: z.array(HostPortSchema).min(1) }).optional(),
    })
    .refine((r) => [r.url, r.sentinel, r.cluster].filter((x) => x !== undefined).length <= 1, {
      message: 'choose one of redis.url, redis.sentinel or redis.cluster',
    })
    .default({ keyPrefix: '', commandTimeoutMs: 100 }),
  cache: z
    .strictObject({
      l1MaxEntries: z.number().int().min(1).default(10_000),
      l1MaxBytes: z.number().int().min(1024).default(64 * 1024 * 1024),
      l1TtlSeconds: z.number().int().min(1).default(300),
      l2TtlSeconds: z.number().int().min(1).default(86_400),
      l2MaxEntries: z.number().int().min(1).default(100_000),
    })
    .default({ l1MaxEntries: 10_000, l1MaxBytes: 64 * 1024 * 1024, l1TtlSeconds: 300, l2TtlSeconds: 86_400, l2MaxEntries: 100_000 }),
  server: z
    .strictObject({
      port: z.number().int().min(0).max(65_535).default(8080),
      host: z.string().min(1).default('127.0.0.1'),
      apiKey: z.string().min(8, 'MOTIF_API_KEY must be at least 8 characters').optional(),
      /** JSON file of scoped keys (SHA-256 digests → namespaces and roles); see apps/api/README.md. */
      apiKeysFile: z.string().min(1).optional(),
      bodyLimitBytes: z.number().int().min(1024).default(1024 * 1024),
      corsOrigins: z.array(z.string()).default([]),
    })
    .default({ port: 8080, host: '127.0.0.1', bodyLimitBytes: 1024 * 1024, corsOrigins: [] }),
});

export type MotifConfig = z.output<typeof MotifConfigSchema>;
export type MotifConfigInput = z.input<typeof MotifConfigSchema>;
