/**
 * Deepest JSON nesting a request may carry. Structures are at most 32 levels (64 JSON levels with
 * their `children` arrays); anything far deeper is an attack or a mistake, and recursive validators
 * would overflow the stack on it (a 500 for bad input).
 */
export const MAX_JSON_DEPTH = 128;

/** Iterative (no recursion, so it cannot overflow itself): true when `value` nests deeper than `max`. */
export function jsonDepthExceeds(value: unknown, max = MAX_JSON_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}
