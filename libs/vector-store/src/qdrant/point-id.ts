import { createHash } from 'node:crypto';

/** Namespace UUID of Motif's point ids (fixed forever: changing it orphans every stored point). */
export const MOTIF_POINT_NAMESPACE = '6f1d4c1e-5b0a-4f59-9a57-2d3c8e1f7a40';

const uuidBytes = (uuid: string): Buffer => Buffer.from(uuid.replace(/-/g, ''), 'hex');

/** RFC 4122 version-5 UUID (SHA-1 of namespace bytes + name). */
export function uuidV5(name: string, namespace = MOTIF_POINT_NAMESPACE): string {
  const hash = createHash('sha1').update(uuidBytes(namespace)).update(name, 'utf8').digest();
  const b = hash.subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Deterministic point id of a pattern: the same (namespace, patternId) always maps to the same point. */
export const patternPointId = (namespace: string, patternId: string): string => uuidV5(`pattern\u0000${namespace}\u0000${patternId}`);

/** The point holding the collection's embedder identity. */
export const META_POINT_ID = uuidV5('motif\u0000meta');
