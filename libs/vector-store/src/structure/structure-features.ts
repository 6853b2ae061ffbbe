import type { InstancePattern, Structure } from '@motif/core-types';
import { componentCounts, forEachExpanded } from '@motif/dag';

// What retrieval reads off a structure, through the one set of structure walks (libs/dag's structure-walk).

/** Pre-order component names with `count` expanded (a node ×N repeats with its subtree). */
export function expandedComponents(structure: Structure): string[] {
  const out: string[] = [];
  forEachExpanded(structure, (node) => out.push(node.component));
  return out;
}

/** Parent→child edges, one per expanded occurrence (so `Ƀ[ᵬ×2]` gives two ButtonList→Button edges). */
export function expandedEdges(structure: Structure): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  forEachExpanded(structure, (node, parent) => {
    if (parent !== null) out.push([parent.component, node.component]);
  });
  return out;
}

/** Distinct component names (for filters). */
export function componentSet(structure: Structure): string[] {
  return [...componentCounts(structure).keys()].sort();
}

/** What a `components` filter matches a pattern on: its structure's components and its recorded paths, distinct, sorted. */
export function patternComponents(pattern: Pick<InstancePattern, 'structure' | 'componentPaths'>): string[] {
  return [...new Set([...componentSet(pattern.structure), ...pattern.componentPaths])].sort();
}
