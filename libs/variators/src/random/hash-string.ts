/**
 * FNV-1a, 32 bits, over UTF-16 code units: a stable, platform-independent string → integer
 * used to turn seed strings into PRNG seeds and to fingerprint canonical variations.
 */
export function fnv1a32(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** 64 bits of FNV-1a as 16 hex characters (two independent 32-bit lanes): collisions are negligible for dedup. */
export function hash64Hex(text: string): string {
  const a = fnv1a32(text, 0x811c9dc5);
  const b = fnv1a32(text, 0x050c5d1f);
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}
