import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { MotifError } from '../errors/motif-error';
import { issuePath } from '../schemas/parse-input';
import { MotifConfigSchema, type MotifConfig } from './motif-config';

/** A parsed JSON object (a config file's content). */
export type ConfigObject = Record<string, unknown>;

/** Flags as the CLI parses them (all optional). */
export interface ConfigFlags {
  config?: string;
  dataDir?: string;
  catalog?: string;
  qdrantUrl?: string;
  redisUrl?: string;
  namespace?: string;
  port?: number;
  logLevel?: string;
}

export interface ConfigSources {
  /** Environment variables; default `process.env`. Pass `{}` to ignore the environment. */
  env?: NodeJS.ProcessEnv;
  flags?: ConfigFlags;
  /**
   * Parsed config file content. Default: the JSON file named by `flags.config`, else by `MOTIF_CONFIG`
   * (relative to `cwd`), else none.
   */
  file?: ConfigObject;
  /** Default `process.cwd()`. */
  cwd?: string;
  /** Default `os.homedir()`. */
  home?: string;
}

/** Default data directory: `$XDG_DATA_HOME/motif`, else `~/.local/share/motif`. */
export const defaultDataDir = (env: NodeJS.ProcessEnv, home: string): string =>
  join(env.XDG_DATA_HOME && isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : join(home, '.local', 'share'), 'motif');

const defined = (o: ConfigObject): ConfigObject => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

function deepMerge(base: ConfigObject, over: ConfigObject): ConfigObject {
  const out: ConfigObject = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && b && typeof b === 'object' && !Array.isArray(b)
        ? deepMerge(b as ConfigObject, v as ConfigObject)
        : v;
  }
  return out;
}

const intFrom = (name: string, raw: string | undefined): number | undefined => {
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new MotifError('CONFIG_INVALID', `${name} must be an integer, got '${raw}'`, { fieldErrors: [{ path: name, message: 'must be an integer' }] });
  return n;
};

const list = (raw: string | undefined): string[] => (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/** Environment variables → config shape. Only variables that are set contribute. */
export function configFromEnv(env: NodeJS.ProcessEnv): ConfigObject {
  const e = (name: string) => (env[name] === '' ? undefined : env[name]);
  return {
    ...defined({ dataDir: e('MOTIF_DATA_DIR'), catalog: e('MOTIF_CATALOG'), namespace: e('MOTIF_NAMESPACE'), logLevel: e('LOG_LEVEL') }),
    qdrant: defined({ url: e('QDRANT_URL'), apiKey: e('QDRANT_API_KEY'), collection: e('QDRANT_COLLECTION') }),
    redis: defined({
      url: e('REDIS_URL'),
      sentinel: e('REDIS_SENTINELS')
        ? { name: e('REDIS_SENTINEL_NAME') ?? 'mymaster', sentinels: list(e('REDIS_SENTINELS')), password: e('REDIS_SENTINEL_PASSWORD') }
        : undefined,
      cluster: e('REDIS_CLUSTER_NODES') ? { nodes: list(e('REDIS_CLUSTER_NODES')) } : undefined,
    }),
    server: defined({ port: intFrom('PORT', e('PORT')), apiKey: e('MOTIF_API_KEY'), apiKeysFile: e('MOTIF_API_KEYS'), host: e('HOST') }),
    embedder: defined({ kind: e('MOTIF_EMBEDDER'), dimension: intFrom('MOTIF_EMBEDDING_DIM', e('MOTIF_EMBEDDING_DIM')) }),
  };
}

export function configFromFlags(flags: ConfigFlags): ConfigObject {
  return {
    ...defined({ dataDir: flags.dataDir, catalog: flags.catalog, namespace: flags.namespace, logLevel: flags.logLevel }),
    qdrant: defined({ url: flags.qdrantUrl }),
    redis: defined({ url: flags.redisUrl }),
    server: defined({ port: flags.port }),
  };
}

/**
 * Resolves the configuration. Precedence, highest first: flags > environment (`process.env` unless `env` is
 * given) > config file (`flags.config` or `MOTIF_CONFIG`, unless `file` is given) > defaults.
 * Relative paths (dataDir, catalog files, the config file) resolve against `cwd`.
 */
export function resolveConfig(sources: ConfigSources = {}): MotifConfig {
  const env = sources.env ?? process.env;
  const flags = sources.flags ?? {};
  const cwd = sources.cwd ?? process.cwd();
  const home = sources.home ?? homedir();
  const filePath = flags.config ?? (env.MOTIF_CONFIG === '' ? undefined : env.MOTIF_CONFIG);
  const file = sources.file ?? (filePath !== undefined ? readConfigFile(resolve(cwd, filePath)) : {});
  let merged: ConfigObject = { dataDir: defaultDataDir(env, home) };
  merged = deepMerge(merged, file);
  merged = deepMerge(merged, configFromEnv(env));
  merged = deepMerge(merged, configFromFlags(flags));
  const parsed = MotifConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const fieldErrors = parsed.error.issues.map((i) => ({ path: issuePath(i.path), message: i.message }));
    throw new MotifError('CONFIG_INVALID', `invalid configuration: ${fieldErrors.map((f) => `${f.path}: ${f.message}`).join('; ')}`, { fieldErrors });
  }
  const config = parsed.data;
  config.dataDir = resolve(cwd, config.dataDir);
  if (config.catalog.endsWith('.json')) config.catalog = resolve(cwd, config.catalog);
  if (config.server.apiKeysFile !== undefined) config.server.apiKeysFile = resolve(cwd, config.server.apiKeysFile);
  return config;
}

/** Reads a JSON config file; the path comes from `--config` or `MOTIF_CONFIG`. */
export function readConfigFile(path: string): ConfigObject {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new MotifError('CONFIG_INVALID', `cannot read config file ${path}: ${(cause as Error).message}`, { cause });
  }
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('top level must be an object');
    return value as ConfigObject;
  } catch (cause) {
    throw new MotifError('CONFIG_INVALID', `config file ${path} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
}

/** The apps' composition, `resolveConfig({ flags, env })`: flags > env > file (`--config`/`MOTIF_CONFIG`) > defaults. */
export function loadConfig(flags: ConfigFlags = {}, env: NodeJS.ProcessEnv = process.env): MotifConfig {
  return resolveConfig({ env, flags });
}
