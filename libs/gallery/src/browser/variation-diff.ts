/**
 * What a variation changed against its source, for a reader: components added and removed (by
 * count), nodes swapped (from the engine's own operation list), and every parameter whose value
 * differs, by JSON path.
 */
export interface ParamChange {
  path: string;
  before: unknown;
  after: unknown;
}

export interface VariationChanges {
  added: Array<{ component: string; count: number }>;
  removed: Array<{ component: string; count: number }>;
  swapped: string[];
  params: ParamChange[];
  /** The engine's operations that are neither swaps nor visible in the counts (e.g. moves). */
  other: string[];
}

function counts(paths: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const p of paths) m.set(p, (m.get(p) ?? 0) + 1);
  return m;
}

export function componentDelta(source: readonly string[], variation: readonly string[]): Pick<VariationChanges, 'added' | 'removed'> {
  const a = counts(source);
  const b = counts(variation);
  const added: VariationChanges['added'] = [];
  const removed: VariationChanges['removed'] = [];
  for (const name of new Set([...a.keys(), ...b.keys()])) {
    const d = (b.get(name) ?? 0) - (a.get(name) ?? 0);
    if (d > 0) added.push({ component: name, count: d });
    if (d < 0) removed.push({ component: name, count: -d });
  }
  const byName = (x: { component: string }, y: { component: string }) => x.component.localeCompare(y.component);
  return { added: added.sort(byName), removed: removed.sort(byName) };
}

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Leaf-by-leaf differences; paths look like `buttons[1].text`. */
export function paramChanges(before: unknown, after: unknown, path = ''): ParamChange[] {
  if (isPlain(before) && isPlain(after)) {
    return [...new Set([...Object.keys(before), ...Object.keys(after)])].sort().flatMap((k) => paramChanges(before[k], after[k], path === '' ? k : `${path}.${k}`));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const out: ParamChange[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) out.push(...paramChanges(before[i], after[i], `${path}[${i}]`));
    return out;
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path: path || '(root)', before, after }];
}

export function variationChanges(
  source: { componentPaths: readonly string[]; instanceParams: unknown },
  variation: { componentPaths: readonly string[]; instanceParams: unknown; operations: readonly string[] },
): VariationChanges {
  const swapped = variation.operations.filter((op) => /swap/i.test(op));
  const other = variation.operations.filter((op) => !/swap/i.test(op) && !/^(add|insert|remove|delete|param)/i.test(op));
  return { ...componentDelta(source.componentPaths, variation.componentPaths), swapped, params: paramChanges(source.instanceParams, variation.instanceParams), other };
}

export function describeValue(v: unknown): string {
  if (v === undefined) return '(none)';
  const s = typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
