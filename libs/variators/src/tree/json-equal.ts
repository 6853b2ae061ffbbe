/**
 * `JSON.stringify(a) === JSON.stringify(b)`, without building either string: variations share every unchanged
 * subtree with their source, so comparing by reference first stops at the nodes that were copied. Plain
 * objects and arrays are walked (key order counts, as in JSON; members JSON leaves out are skipped); anything
 * else (numbers, `toJSON`, class instances…) is compared through JSON.stringify itself.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'string' && typeof b === 'string') return false;
  if (!isPlain(a) || !isPlain(b)) return JSON.stringify(a) === JSON.stringify(b);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      // JSON writes an omitted array member as null.
      const x: unknown = omitted(a[i]) ? null : a[i];
      const y: unknown = omitted(b[i]) ? null : b[i];
      if (!jsonEqual(x, y)) return false;
    }
    return true;
  }
  if (Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra);
  const kb = Object.keys(rb);
  let j = 0;
  for (let i = 0; i < ka.length; i++) {
    const va = ra[ka[i]];
    if (omitted(va)) continue;
    while (j < kb.length && omitted(rb[kb[j]])) j++;
    if (j === kb.length || kb[j] !== ka[i] || !jsonEqual(va, rb[kb[j]])) return false;
    j++;
  }
  while (j < kb.length && omitted(rb[kb[j]])) j++;
  return j === kb.length;
}

/** A member JSON.stringify leaves out of an object. */
const omitted = (v: unknown): boolean => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/** An array or a plain object without `toJSON`: JSON writes its members and nothing else. */
function isPlain(v: unknown): v is object {
  if (typeof v !== 'object' || v === null) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) return false;
  return typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}
