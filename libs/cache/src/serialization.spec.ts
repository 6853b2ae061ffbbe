import { buildCacheKey, parseCacheKey } from '@motif/core-types';
import { decodeEnvelope, encodeEnvelope } from './serialization';

describe('serialization envelope', () => {
  it('round-trips JSON values inside a versioned envelope', () => {
    const payload = encodeEnvelope({ a: [1, 'x', null] });
    expect(JSON.parse(payload)).toEqual({ v: 1, d: { a: [1, 'x', null] } });
    expect(decodeEnvelope(payload)).toEqual({ ok: true, value: { a: [1, 'x', null] } });
  });

  it('reads an unknown envelope version or garbage as a miss, never a throw', () => {
    expect(decodeEnvelope('{"v":2,"d":{}}')).toEqual({ ok: false, reason: 'version' });
    expect(decodeEnvelope('not json')).toEqual({ ok: false, reason: 'corrupt' });
    expect(decodeEnvelope('{"d":1}')).toEqual({ ok: false, reason: 'corrupt' });
  });

  it('refuses values JSON cannot carry', () => {
    expect(() => encodeEnvelope(undefined)).toThrow(/JSON/);
  });
});

describe('key scheme versioning', () => {
  it('puts the schema version in the key so a bump addresses different entries', () => {
    const v1 = buildCacheKey({ namespace: 'default', kind: 'family', id: 'p1', version: 2 });
    const v2 = buildCacheKey({ namespace: 'default', kind: 'family', id: 'p1', version: 2, schemaVersion: 2 });
    expect(v1).toBe('motif:1:default:family:p1:v2');
    expect(v2).not.toBe(v1);
    expect(parseCacheKey(v2)?.schemaVersion).toBe(2);
  });
});
