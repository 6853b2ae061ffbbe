import { LIMITS, MotifError, type Structure, type StructureNode } from '@motif/core-types';
import type { ComponentGraph, ParentIndex } from '../graph/component-graph';
import { canonicalizeStructure } from '../structure/canonicalize-structure';

export interface RandomStructureOptions {
  /**
   * Root component (default: a random catalog root that fits the bounds). Any catalog component may be given,
   * e.g. to grow a replacement subtree for a slot: the result is then valid as a subtree (every edge and group
   * bound holds) but is flagged INVALID_ROOT if validated on its own.
   */
  root?: string;
  /** Maximum depth, root = 1 (default 6, capped by the catalog's maxDepth and LIMITS.structureMaxDepth). */
  maxDepth?: number;
  /** Maximum number of components with counts expanded (default 15). */
  maxNodes?: number;
  /** Probability of adding one more optional child at each step (default 0.55); lower → smaller trees. */
  growth?: number;
}

interface Minimums {
  /** Fewest components a valid subtree rooted here needs (Infinity if none exists). */
  size: Map<string, number>;
  /** Fewest levels such a subtree needs. */
  height: Map<string, number>;
}

const minimumsCache = new WeakMap<ComponentGraph, Minimums>();

// Fixpoint over the catalog: the smallest valid subtree of each component (handles recursive catalogs,
// where a component that requires itself never gets a finite minimum).
function minimums(graph: ComponentGraph): Minimums {
  const cached = minimumsCache.get(graph);
  if (cached) return cached;
  const names = graph.catalog.components().map((c) => c.name);
  const size = new Map(names.map((n) => [n, Number.POSITIVE_INFINITY]));
  const height = new Map(names.map((n) => [n, Number.POSITIVE_INFINITY]));
  for (let changed = true, round = 0; changed && round < names.length + 2; round++) {
    changed = false;
    for (const n of names) {
      const req = requiredChildren(graph.parentIndex(n), (c) => size.get(c) ?? Number.POSITIVE_INFINITY);
      if (req === null) continue;
      let s = 1;
      let h = 1;
      for (const [child, k] of req) {
        s += k * (size.get(child) as number);
        h = Math.max(h, 1 + (height.get(child) as number));
      }
      if (s < (size.get(n) as number) || h < (height.get(n) as number)) {
        size.set(n, Math.min(s, size.get(n) as number));
        height.set(n, Math.min(h, height.get(n) as number));
        changed = true;
      }
    }
  }
  const result = { size, height };
  minimumsCache.set(graph, result);
  return result;
}

// The children a node must have: each edge's min, then the cheapest child of each group still below its min.
function requiredChildren(idx: ParentIndex, cost: (child: string) => number): Array<[string, number]> | null {
  const counts = idx.edges.map((e) => e.min);
  for (const g of idx.groups) {
    let total = 0;
    idx.edges.forEach((e, i) => {
      if (g.fields.includes(e.field)) total += counts[i];
    });
    while (total < g.min) {
      let best = -1;
      idx.edges.forEach((e, i) => {
        if (!g.fields.includes(e.field) || (e.max !== null && counts[i] >= e.max)) return;
        if (best < 0 || cost(e.child) < cost(idx.edges[best].child)) best = i;
      });
      if (best < 0) return null;
      counts[best]++;
      total++;
    }
  }
  const out: Array<[string, number]> = [];
  counts.forEach((k, i) => {
    if (k > 0) out.push([idx.edges[i].child, k]);
  });
  if (out.some(([c]) => !Number.isFinite(cost(c)))) return null;
  return out;
}

/**
 * A random VALID tree drawn from the catalog (for property tests and variators), driven only by `next`
 * (uniform in [0, 1)), so a seeded source gives a reproducible tree. Respects every edge and group bound;
 * stays within maxDepth and maxNodes by reserving room for required children before adding optional ones.
 * Returned in canonical form.
 */
export function randomValidStructure(graph: ComponentGraph, next: () => number, options: RandomStructureOptions = {}): Structure {
  const catalog = graph.catalog;
  const maxDepth = Math.min(options.maxDepth ?? 6, catalog.maxDepth ?? LIMITS.structureMaxDepth, LIMITS.structureMaxDepth);
  const maxNodes = Math.min(options.maxNodes ?? 15, LIMITS.structureMaxNodes);
  const growth = options.growth ?? 0.55;
  const min = minimums(graph);
  const fits = (c: string, depthLeft: number, budget: number): boolean =>
    (min.height.get(c) as number) <= depthLeft && (min.size.get(c) as number) <= budget;
  const pick = <T>(items: readonly T[]): T => items[Math.min(items.length - 1, Math.floor(next() * items.length))];

  const rootChoices = options.root !== undefined ? [options.root] : catalog.roots.filter((r) => fits(r, maxDepth, maxNodes));
  if (rootChoices.length === 0 || !catalog.has(rootChoices[0]) || !fits(rootChoices[0], maxDepth, maxNodes)) {
    throw new MotifError('INVALID_STRUCTURE', `no valid structure fits depth ${maxDepth} and ${maxNodes} nodes` + (options.root ? ` from ${options.root}` : ''));
  }
  const budget = { left: maxNodes };

  const build = (name: string, depthLeft: number): StructureNode => {
    budget.left -= 1;
    const idx = graph.parentIndex(name);
    const sizeOf = (c: string): number => min.size.get(c) as number;
    const counts = idx.edges.map((e) => e.min);
    const groupTotal = (gi: number): number => idx.edgesOfGroup[gi].reduce((t, i) => t + counts[i], 0);
    const room = (i: number): boolean => {
      const e = idx.edges[i];
      if (e.max !== null && counts[i] >= e.max) return false;
      return idx.groupsOfEdge[i].every((gi) => idx.groups[gi].max === null || groupTotal(gi) < (idx.groups[gi].max as number));
    };
    // Required: edge minimums were set above; satisfy group minimums with random fitting edges.
    for (let gi = 0; gi < idx.groups.length; gi++) {
      const g = idx.groups[gi];
      while (groupTotal(gi) < g.min) {
        const options_ = idx.edges.map((_, i) => i).filter((i) => g.fields.includes(idx.edges[i].field) && room(i) && fits(idx.edges[i].child, depthLeft - 1, budget.left));
        if (options_.length === 0) break;
        counts[pick(options_)]++;
      }
    }
    budget.left -= counts.reduce((t, k, i) => t + k * sizeOf(idx.edges[i].child), 0);
    // Optional extras while the coin says so and something fits.
    while (depthLeft > 1 && budget.left > 0 && next() < growth) {
      const options_ = idx.edges.map((_, i) => i).filter((i) => room(i) && fits(idx.edges[i].child, depthLeft - 1, budget.left));
      if (options_.length === 0) break;
      const i = pick(options_);
      counts[i]++;
      budget.left -= sizeOf(idx.edges[i].child);
    }
    const children: StructureNode[] = [];
    for (const field of idx.fields) {
      // Children of one field in random order (widgets interleave in real patterns).
      const slot: string[] = [];
      idx.edges.forEach((e, i) => {
        if (e.field === field) for (let k = 0; k < counts[i]; k++) slot.push(e.child);
      });
      for (let k = slot.length - 1; k > 0; k--) {
        const j = Math.floor(next() * (k + 1)) % (k + 1);
        [slot[k], slot[j]] = [slot[j], slot[k]];
      }
      for (const child of slot) {
        budget.left += sizeOf(child); // release this child's reservation; it spends it (and maybe more)
        // `field` is left out: canonical form fills it where unambiguous, and the validator assigns ambiguous slots.
        children.push(build(child, depthLeft - 1));
      }
    }
    return children.length > 0 ? { component: name, children } : { component: name };
  };

  const tree = [build(pick(rootChoices), maxDepth)];
  return canonicalizeStructure(tree, graph);
}
