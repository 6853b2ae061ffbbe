import { NamespaceSchema, validationError } from '@motif/core-types';

export const NAMESPACE_HEADER = 'x-motif-namespace';

/**
 * The namespace of a request: `?namespace=` wins over the `X-Motif-Namespace` header; neither
 * means the configured default (undefined here: the service applies it).
 */
export function requestNamespace(query: Record<string, unknown>, header: string | string[] | undefined): string | undefined {
  const fromQuery = query.namespace;
  const raw = fromQuery !== undefined ? fromQuery : Array.isArray(header) ? header[0] : header;
  if (raw === undefined) return undefined;
  const where = fromQuery !== undefined ? '/namespace' : '/headers/x-motif-namespace';
  const parsed = NamespaceSchema.safeParse(raw);
  if (!parsed.success) throw validationError(`invalid namespace: ${parsed.error.issues[0]?.message ?? 'bad value'}`, [{ path: where, message: parsed.error.issues[0]?.message ?? 'invalid namespace' }]);
  return parsed.data;
}
