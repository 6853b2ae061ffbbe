import { MotifError } from '@motif/core-types';

/**
 * Versioned envelope for L2 payloads: `{"v":1,"d":<value>}`. A payload of another
 * version (or not parseable at all) decodes as a miss, so a format change never
 * crashes a reader; bumping CACHE_SCHEMA_VERSION in the key also moves to new keys.
 */
export const ENVELOPE_VERSION = 1;

export function encodeEnvelope(value: unknown): string {
  const d = JSON.stringify(value);
  if (d === undefined) throw new MotifError('INTERNAL', 'cache values must be JSON-serialisable');
  return wrapEnvelope(d);
}

/** Wraps already-serialized JSON (lets a caller reuse the JSON text it produced). */
export const wrapEnvelope = (json: string): string => `{"v":${ENVELOPE_VERSION},"d":${json}}`;

export type Decoded<V> = { ok: true; value: V } | { ok: false; reason: 'version' | 'corrupt' };

export function decodeEnvelope<V>(payload: string): Decoded<V> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return { ok: false, reason: 'corrupt' };
  }
  if (typeof parsed !== 'object' || parsed === null || !('v' in parsed) || !('d' in parsed)) return { ok: false, reason: 'corrupt' };
  if ((parsed as { v: unknown }).v !== ENVELOPE_VERSION) return { ok: false, reason: 'version' };
  return { ok: true, value: (parsed as { d: V }).d };
}
