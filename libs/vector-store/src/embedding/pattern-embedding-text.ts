import type { InstancePattern, Structure } from '@motif/core-types';
import { expandedComponents, expandedEdges } from '../structure/structure-features';

export interface PatternEmbeddingTexts {
  description: string;
  structure: string;
  params: string;
  lexical: string;
}

const MAX_PARAM_VALUE_CHARS = 200;

/** A component name as one token: lowercased with no separators, so `ButtonList` never collides with `Button`. */
const componentToken = (name: string): string => name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/**
 * Text fed to the `structure` vector: the canonical DSL (its symbols are letters, so they hash too),
 * every expanded component name as a single token, and every parent→child edge as one token (`e<parent><child>`).
 */
export function structureText(structure: Structure, dsl = ''): string {
  const comps = expandedComponents(structure).map(componentToken);
  const edges = expandedEdges(structure).map(([p, c]) => `e${componentToken(p)}${componentToken(c)}`);
  return [dsl, ...comps, ...edges].filter(Boolean).join(' ');
}

/** Flattens params to `key.path=value` lines; array indices are dropped so `buttons.text` is one feature. */
export function flattenParams(params: unknown, prefix = '', out: string[] = []): string[] {
  if (params === null || params === undefined) return out;
  if (Array.isArray(params)) {
    for (const item of params) flattenParams(item, prefix, out);
  } else if (typeof params === 'object') {
    for (const [key, value] of Object.entries(params as Record<string, unknown>)) {
      flattenParams(value, prefix ? `${prefix}.${key}` : key, out);
    }
  } else {
    out.push(`${prefix || 'value'}=${String(params).slice(0, MAX_PARAM_VALUE_CHARS)}`);
  }
  return out;
}

/** Distinct, human-readable component names (`ButtonList`), which the tokenizer splits into words. */
const componentWords = (pattern: InstancePattern): string[] => [...new Set(pattern.componentPaths)];

/**
 * Exactly what feeds each vector (pure):
 * - description: the description, then the tags.
 * - structure: canonical DSL + expanded component names + parent→child edges (see `structureText`).
 * - params: the flattened `key.path=value` list of instanceParams.
 * - lexical (sparse vector / BM25): description, tags, distinct component names (split into words)
 *   and the parameter values (without keys).
 */
export function patternEmbeddingTexts(pattern: InstancePattern): PatternEmbeddingTexts {
  const params = flattenParams(pattern.instanceParams);
  const tags = pattern.tags.join(' ');
  return {
    description: [pattern.description, tags].filter(Boolean).join('\n'),
    structure: structureText(pattern.structure, pattern.dslNotation),
    params: params.join('\n'),
    lexical: [pattern.description, tags, componentWords(pattern).join(' '), params.map((p) => p.slice(p.indexOf('=') + 1)).join(' ')]
      .filter(Boolean)
      .join('\n'),
  };
}
