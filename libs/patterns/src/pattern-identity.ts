import { createHash } from 'node:crypto';
import type { FieldError } from '@motif/core-types';
import { canonicalJson } from './canonical-json';

export interface PatternIdentityParts {
  namespace: string;
  catalogId: string;
  /** Canonical compact DSL. */
  dsl: string;
  instanceParams: Record<string, unknown>;
  description: string;
}

/**
 * The id is a content hash of the canonical pattern, so the same pattern stored twice gets the
 * same id (and is not duplicated). Feedback, metadata, tags and timestamps are not part of it:
 * they describe the pattern, they don't make it another one. Whitespace runs in the description
 * are folded so a re-indented copy is still the same pattern.
 */
export function patternIdOf(parts: PatternIdentityParts): string {
  const canonical = canonicalJson({
    v: 1,
    namespace: parts.namespace,
    catalog: parts.catalogId,
    dsl: parts.dsl,
    params: parts.instanceParams,
    description: parts.description.trim().replace(/\s+/g, ' '),
  });
  return `p_${createHash('sha256').update(canonical).digest('hex').slice(0, 24)}`;
}

export const PATTERN_ID_RE = /^p_[0-9a-f]{24}$/;

/**
 * An imported pattern keeps the id it was exported with, or is refused: ids are content hashes, so a given
 * `patternId` must be the one its content hashes to here (or, for data stored before params lived on nodes, its
 * legacy id), and a `catalogId` must be this store's catalog (under another catalog the same card is another id).
 * Returns the problem, or undefined when the given identity holds.
 */
export function givenIdentityProblem(
  given: { patternId?: string; catalogId?: string },
  actual: { patternId: string; catalogId: string; legacyId?: string },
): FieldError | undefined {
  if (given.catalogId !== undefined && given.catalogId !== actual.catalogId) {
    return { path: '/catalogId', message: `exported under catalog '${given.catalogId}', but this store uses '${actual.catalogId}': its id would change, so it is not imported (import it into a store on '${given.catalogId}', or drop catalogId and patternId to store it as a new pattern)` };
  }
  if (given.patternId !== undefined && given.patternId !== actual.patternId && given.patternId !== actual.legacyId) {
    return { path: '/patternId', message: `'${given.patternId}' is not this pattern's id: its content (namespace, catalog, structure, params, description) hashes to '${actual.patternId}'; drop patternId to store it under that id` };
  }
  return undefined;
}
