/**
 * Cache keys: `motif:<schemaVersion>:<namespace>:<kind>:<id>[:v<n>]`.
 * Bumping CACHE_SCHEMA_VERSION makes every older entry unreachable, so a new
 * serialization never reads an old one.
 */
export const CACHE_SCHEMA_VERSION = 1;

export type CacheKind = 'pattern' | 'family' | 'variation';

export interface CacheKeyParts {
  namespace: string;
  kind: CacheKind;
  id: string;
  version?: number;
  schemaVersion?: number;
}

const SEGMENT = /^[A-Za-z0-9_.\-]+$/;

export function buildCacheKey(parts: CacheKeyParts): string {
  const schema = parts.schemaVersion ?? CACHE_SCHEMA_VERSION;
  for (const [name, value] of [['namespace', parts.namespace], ['id', parts.id]] as const) {
    if (!SEGMENT.test(value)) throw new Error(`cache key ${name} '${value}' may only hold letters, digits, '_', '.', '-'`);
  }
  const base = `motif:${schema}:${parts.namespace}:${parts.kind}:${parts.id}`;
  return parts.version === undefined ? base : `${base}:v${parts.version}`;
}

export function parseCacheKey(key: string): Required<Omit<CacheKeyParts, 'version'>> & { version?: number } | null {
  const m = /^motif:(\d+):([A-Za-z0-9_.\-]+):(pattern|family|variation):([A-Za-z0-9_.\-]+)(?::v(\d+))?$/.exec(key);
  if (!m) return null;
  return {
    schemaVersion: Number(m[1]),
    namespace: m[2],
    kind: m[3] as CacheKind,
    id: m[4],
    ...(m[5] === undefined ? {} : { version: Number(m[5]) }),
  };
}
