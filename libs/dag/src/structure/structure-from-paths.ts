import { LIMITS, MotifError, type Structure, type StructureIssue, type StructureNode } from '@motif/core-types';
import type { ComponentGraph, ParentIndex } from '../graph/component-graph';
import { StructureValidator } from '../validator/structure-validator';
import { canonicalizeStructure } from './canonicalize-structure';

interface Open {
  node: StructureNode;
  children: StructureNode[];
  idx: ParentIndex;
  /** Children per edge of `idx`, to respect maxima while placing. */
  counts: number[];
}

function open(graph: ComponentGraph, component: string): Open {
  const idx = graph.parentIndex(component);
  const children: StructureNode[] = [];
  return { node: { component, children }, children, idx, counts: new Array<number>(idx.edges.length).fill(0) };
}

// Room for one more `child` in `parent`: an edge with space whose groups have space too. Returns the edge index or -1.
function slotFor(parent: Open, child: string): number {
  const candidates = parent.idx.edgeIdxByChild.get(child);
  if (!candidates) return -1;
  for (const ei of candidates) {
    const e = parent.idx.edges[ei];
    if (e.max !== null && parent.counts[ei] >= e.max) continue;
    const groupsFull = parent.idx.groupsOfEdge[ei].some((gi) => {
      const max = parent.idx.groups[gi].max;
      if (max === null) return false;
      let total = 0;
      for (const k of parent.idx.edgesOfGroup[gi]) total += parent.counts[k];
      return total >= max;
    });
    if (!groupsFull) return ei;
  }
  return -1;
}

function attach(parent: Open, ei: number, child: Open): void {
  parent.counts[ei]++;
  parent.children.push(child.node);
}

const stripEmpty = (nodes: StructureNode[]): void => {
  const stack = [...nodes];
  while (stack.length > 0) {
    const n = stack.pop() as StructureNode;
    if (n.children && n.children.length === 0) delete n.children;
    else if (n.children) stack.push(...n.children);
  }
};

/**
 * Turns flat component paths as users send them (`["Section","DecoratedText","ButtonList","Button"]`, names,
 * symbols or dotted module paths, in pre-order) into the most plausible valid tree: each component goes under the
 * nearest open component that can hold it directly (with room left); failing that, under the nearest that can
 * hold it through a wrapper, which is inserted and reported; a first component that cannot be a root gets the
 * first root that can hold it. The result is canonical and validated; when no valid tree exists this throws
 * `INVALID_STRUCTURE` saying why (details.issues).
 */
export function structureFromPaths(paths: readonly string[], graph: ComponentGraph): { structure: Structure; repairs: string[] } {
  const catalog = graph.catalog;
  const issues: StructureIssue[] = [];
  if (paths.length > LIMITS.componentPathsMax) {
    throw new MotifError('PAYLOAD_TOO_LARGE', `more than ${LIMITS.componentPathsMax} component paths`);
  }
  const names = paths.map((p, i) => {
    const name = catalog.resolveName(p);
    if (name === undefined) issues.push({ code: 'UNKNOWN_COMPONENT', path: `componentPaths[${i}]`, message: `unknown component '${p}' in catalog ${catalog.id}` });
    return name ?? '';
  });
  if (issues.length === 0 && names.length === 0) {
    issues.push({ code: 'MISSING_REQUIRED', path: 'componentPaths', message: 'no component given' });
  }
  const fail = (): never => {
    const first = issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`).join('; ');
    throw new MotifError('INVALID_STRUCTURE', `no valid tree for these component paths: ${first}`, { details: { issues } });
  };
  if (issues.length > 0) fail();

  const repairs: string[] = [];
  const roots: StructureNode[] = [];
  let stack: Open[] = [];
  names.forEach((name, i) => {
    // 1. the nearest open component that holds it directly
    for (let k = stack.length - 1; k >= 0; k--) {
      const ei = slotFor(stack[k], name);
      if (ei >= 0) {
        const child = open(graph, name);
        attach(stack[k], ei, child);
        stack = [...stack.slice(0, k + 1), child];
        return;
      }
    }
    // 2. the nearest that holds it through a wrapper
    for (let k = stack.length - 1; k >= 0; k--) {
      const wrapper = graph.requiredWrapper(stack[k].node.component, name);
      if (wrapper === null) continue;
      const wi = slotFor(stack[k], wrapper);
      if (wi < 0) continue;
      const w = open(graph, wrapper);
      attach(stack[k], wi, w);
      const child = open(graph, name);
      attach(w, slotFor(w, name), child);
      repairs.push(`inserted ${wrapper} around ${name} (componentPaths[${i}]) under ${stack[k].node.component}`);
      stack = [...stack.slice(0, k + 1), w, child];
      return;
    }
    // 3. a new root: itself when it may be one, else the first root that can hold it
    if (catalog.isRoot(name)) {
      const root = open(graph, name);
      roots.push(root.node);
      stack = [root];
      return;
    }
    const at = stack.length === 0 ? graph.rootFor(name) : null;
    if (at !== null) {
      const root = open(graph, at.root);
      roots.push(root.node);
      stack = [root];
      if (at.via !== undefined) {
        const w = open(graph, at.via);
        attach(root, slotFor(root, at.via), w);
        stack.push(w);
        repairs.push(`inserted ${at.root} > ${at.via} to hold ${name} (componentPaths[${i}])`);
      } else {
        repairs.push(`inserted ${at.root} as the root holding ${name} (componentPaths[${i}])`);
      }
      const top = stack[stack.length - 1];
      const child = open(graph, name);
      attach(top, slotFor(top, name), child);
      stack.push(child);
      return;
    }
    const openChain = stack.map((o) => o.node.component).join(' > ') || '(nothing open)';
    const holders = graph.parents(name);
    issues.push({
      code: stack.length === 0 ? 'INVALID_ROOT' : 'NOT_ALLOWED_CHILD',
      path: `componentPaths[${i}] ${name}`,
      message:
        `no open component can hold ${name} (open: ${openChain})` +
        (holders.length > 0 ? `; ${name} goes in ${holders.join(', ')}` : '; nothing in the catalog may contain it and it is not a root'),
    });
  });
  if (issues.length > 0) fail();
  stripEmpty(roots);
  const structure = canonicalizeStructure(roots, graph);
  const validation = new StructureValidator(graph).validate(structure);
  if (!validation.valid) {
    issues.push(...validation.issues);
    fail();
  }
  return { structure, repairs };
}
