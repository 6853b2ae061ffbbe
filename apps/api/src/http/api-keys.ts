import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';
import { MotifError, NamespaceSchema } from '@motif/core-types';

/** What a key may do. Each role includes the ones before it: `write` can read, `admin` can do everything. */
export const ROLES = ['read', 'write', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The holder of a key, as routes see it (never the key itself). */
export interface ApiPrincipal {
  /** A label for logs and problems, from the key file (the key's digest prefix when none is given). */
  readonly name: string;
  /** `'*'`: every namespace. */
  readonly namespaces: '*' | ReadonlySet<string>;
  /** The highest role the key holds. */
  readonly role: Role;
}

const rank = (role: Role): number => ROLES.indexOf(role);

const DigestSchema = z.string().regex(/^[0-9a-f]{64}$/, 'must be the SHA-256 digest of the key, as 64 lowercase hex digits');

/**
 * The `MOTIF_API_KEYS` file: `{ "keys": { "<sha256 hex of the key>": { "name", "namespaces", "roles" } } }`.
 * Only digests are stored, so the file is no secret by itself.
 */
export const ApiKeyFileSchema = z.strictObject({
  keys: z.record(
    DigestSchema,
    z.strictObject({
      name: z.string().min(1).max(100).optional(),
      namespaces: z.union([z.tuple([z.literal('*')]), z.array(NamespaceSchema).min(1)]),
      roles: z.array(z.enum(ROLES)).min(1),
    }),
  ),
});
export type ApiKeyFile = z.input<typeof ApiKeyFileSchema>;

export const sha256 = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

interface Entry {
  digest: Buffer;
  principal: ApiPrincipal;
}

/**
 * The keys the API accepts. Lookup hashes the presented key and compares the digest with every
 * entry's through `timingSafeEqual`, without stopping at a match: neither which entry matched nor
 * how many bytes agreed shows in the timing.
 */
export class ApiKeyRing {
  private constructor(private readonly entries: readonly Entry[]) {}

  static from(options: { apiKey?: string; apiKeysFile?: string }): ApiKeyRing | undefined {
    const entries: Entry[] = [];
    if (options.apiKey !== undefined) entries.push({ digest: sha256(options.apiKey), principal: { name: 'MOTIF_API_KEY', namespaces: '*', role: 'admin' } });
    if (options.apiKeysFile !== undefined) entries.push(...readKeyFile(options.apiKeysFile));
    return entries.length === 0 ? undefined : new ApiKeyRing(entries);
  }

  authenticate(presented: string | undefined): ApiPrincipal | undefined {
    if (presented === undefined) return undefined;
    const digest = sha256(presented);
    let found: ApiPrincipal | undefined;
    for (const entry of this.entries) {
      if (timingSafeEqual(digest, entry.digest) && found === undefined) found = entry.principal;
    }
    return found;
  }
}

function readKeyFile(path: string): Entry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new MotifError('CONFIG_INVALID', `cannot read the API key file ${path} (MOTIF_API_KEYS): ${(cause as Error).message}`, { cause });
  }
  const parsed = ApiKeyFileSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors = parsed.error.issues.map((i) => ({ path: `/${i.path.map(String).join('/')}`, message: i.message }));
    throw new MotifError('CONFIG_INVALID', `invalid API key file ${path}: ${fieldErrors.map((f) => `${f.path}: ${f.message}`).join('; ')}`, { fieldErrors });
  }
  return Object.entries(parsed.data.keys).map(([hex, k]) => ({
    digest: Buffer.from(hex, 'hex'),
    principal: {
      name: k.name ?? `key ${hex.slice(0, 8)}…`,
      namespaces: k.namespaces[0] === '*' ? '*' : new Set(k.namespaces),
      role: k.roles.reduce<Role>((best, r) => (rank(r) > rank(best) ? r : best), 'read'),
    },
  }));
}

/** Why `principal` may not do `role` in `namespace` (undefined: it may). */
export function denial(principal: ApiPrincipal, role: Role, namespace: string | undefined): string | undefined {
  if (rank(principal.role) < rank(role)) return `the API key '${principal.name}' has the role '${principal.role}'; this route needs '${role}'`;
  if (namespace !== undefined && principal.namespaces !== '*' && !principal.namespaces.has(namespace)) {
    return `the API key '${principal.name}' may not use namespace '${namespace}' (it may use: ${[...principal.namespaces].join(', ')}); pass ?namespace= or X-Motif-Namespace`;
  }
  return undefined;
}

/** The key from `X-API-Key`, or from `Authorization: Bearer <key>`. */
export function presentedApiKey(headers: IncomingHttpHeaders): string | undefined {
  const header = headers['x-api-key'];
  const direct = Array.isArray(header) ? header[0] : header;
  if (direct) return direct;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  return m ? m[1] : undefined;
}
