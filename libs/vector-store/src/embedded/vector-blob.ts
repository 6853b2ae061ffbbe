/** Float32Array ⇄ BLOB (little-endian, as the platform stores it; copied so the result is aligned). */
export const toBlob = (v: Float32Array): Buffer => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

export function fromBlob(blob: Buffer | Uint8Array): Float32Array {
  const copy = new Uint8Array(blob.byteLength);
  copy.set(blob);
  return new Float32Array(copy.buffer);
}
