import { createHash } from 'node:crypto';
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
