/**
 * Deepest JSON nesting an input may carry. Structures are at most 32 levels (64 JSON levels with
 * their `children` arrays); anything far deeper is an attack or a mistake, and recursive validators
 * would overflow the stack on it (a 500 for bad input).
 */
export const MAX_JSON_DEPTH = 128;

/** A container met by the walk, linked to its parent so a path is only built when one is reported. */
interface Visit {
  readonly value: object;
  readonly depth: number;
  readonly parent: Visit | undefined;
  readonly key: string | number;
}

/**
 * Where `value` first nests deeper than `max` levels of objects/arrays: the path (keys from the root)
 * of a container that sits at level `max + 1`, or `undefined` when the value stays within `max`.
 * Iterative (no recursion, so it cannot overflow itself); stops at the first container too deep.
 */
export function depthLimitCrossedAt(value: unknown, max = MAX_JSON_DEPTH): Array<string | number> | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const stack: Visit[] = [{ value, depth: 1, parent: undefined, key: '' }];
  while (stack.length) {
    const visit = stack.pop()!;
    if (visit.depth > max) return pathOf(visit);
    const push = (key: string | number, child: unknown) => {
      if (child !== null && typeof child === 'object') stack.push({ value: child, depth: visit.depth + 1, parent: visit, key });
    };
    if (Array.isArray(visit.value)) visit.value.forEach((child, i) => push(i, child));
    else for (const [key, child] of Object.entries(visit.value)) push(key, child);
  }
  return undefined;
}

/** True when `value` nests deeper than `max` levels of objects/arrays. */
export function jsonDepthExceeds(value: unknown, max = MAX_JSON_DEPTH): boolean {
  return depthLimitCrossedAt(value, max) !== undefined;
}

function pathOf(visit: Visit): Array<string | number> {
  const path: Array<string | number> = [];
  for (let v: Visit | undefined = visit; v?.parent; v = v.parent) path.push(v.key);
  return path.reverse();
}
