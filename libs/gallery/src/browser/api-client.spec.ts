import { ApiClient, ApiError, type KeyStore } from './api-client';

const memoryKeys = (initial?: string): KeyStore & { value?: string } => {
  const s: KeyStore & { value?: string } = {
    value: initial,
    get: () => s.value,
    set: (k) => { s.value = k; },
    clear: () => { s.value = undefined; },
  };
  return s;
};

/** A fetch that requires `key` as X-API-Key and records every call. */
function serverRequiring(key: string) {
  const calls: Array<{ url: string; headers: Record<string, string> }> = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    const headers = init.headers as Record<string, string>;
    calls.push({ url, headers });
    if (headers['X-API-Key'] !== key) return new Response(JSON.stringify({ status: 401, code: 'UNAUTHORIZED', detail: 'a valid API key is required' }), { status: 401 });
    return new Response(JSON.stringify({ ok: true }), { status: 200 });
  }) as unknown as typeof fetch;
  return { calls, fetchImpl };
}

describe('ApiClient and the API key', () => {
  it('asks once on 401, keeps the key, sends it as a header and never in the URL', async () => {
    const { calls, fetchImpl } = serverRequiring('the-key-123');
    const keys = memoryKeys();
    const ask = jest.fn(async () => 'the-key-123');
    const api = new ApiClient(keys, ask, fetchImpl);
    await expect(api.get('/v1/patterns')).resolves.toEqual({ ok: true });
    await expect(api.post('/v1/search', { query: 'x' })).resolves.toEqual({ ok: true });
    expect(ask).toHaveBeenCalledTimes(1);
    expect(keys.value).toBe('the-key-123');
    expect(calls.map((c) => c.headers['X-API-Key'])).toEqual([undefined, 'the-key-123', 'the-key-123']);
    for (const c of calls) expect(c.url).not.toContain('the-key-123');
  });

  it('asks again when the stored key is refused, and stops when the user cancels', async () => {
    const { fetchImpl } = serverRequiring('right-key-123');
    const keys = memoryKeys('stale-key');
    const ask = jest.fn(async (reason: string) => (reason.includes('refused') ? undefined : 'x'));
    const api = new ApiClient(keys, ask, fetchImpl);
    const err = await api.get('/v1/patterns').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(401);
    expect(ask).toHaveBeenCalledWith(expect.stringContaining('refused'));
  });

  it('turns a problem+json answer into an ApiError with its code and detail', async () => {
    const fetchImpl = (async () => new Response(JSON.stringify({ status: 404, code: 'NOT_FOUND', detail: 'no pattern p_x' }), { status: 404 })) as unknown as typeof fetch;
    const err = (await new ApiClient(memoryKeys(), async () => undefined, fetchImpl).get('/v1/patterns/p_x').catch((e: unknown) => e)) as ApiError;
    expect([err.status, err.problem.code, err.message]).toEqual([404, 'NOT_FOUND', 'no pattern p_x']);
  });
});
