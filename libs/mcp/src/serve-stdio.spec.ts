import { PassThrough } from 'node:stream';
import { resolveConfig, type PatternService, type SearchResponse } from '@motif/core-types';
import { serveMcpOverStdio } from './serve-stdio';

const line = (m: unknown) => JSON.stringify(m) + '\n';
const INIT = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'spec', version: '1' } } };

describe('serveMcpOverStdio', () => {
  it('answers every request read before the input ends, even slow ones, then ends the session', async () => {
    let searches = 0;
    const slow = {
      search: async (): Promise<SearchResponse> => {
        searches++;
        await new Promise((r) => setTimeout(r, 150));
        return { mode: 'hybrid', namespace: 'default', results: [], tookMs: 150 };
      },
    } as unknown as PatternService;
    const input = new PassThrough();
    const output = new PassThrough();
    let written = '';
    output.on('data', (c: Buffer) => (written += c.toString('utf8')));
    const session = await serveMcpOverStdio({ config: resolveConfig({ env: {}, flags: { dataDir: '/nonexistent' } }), service: slow }, { input, output });
    input.end(
      line(INIT) +
        line({ jsonrpc: '2.0', method: 'notifications/initialized' }) +
        line({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'search_patterns', arguments: { query: 'a' } } }) +
        line({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'search_patterns', arguments: { query: 'b' } } }),
    );
    await session.done;
    const answers = written.trim().split('\n').map((l) => JSON.parse(l) as { id: number; result: { structuredContent?: unknown } });
    expect(answers.map((a) => a.id).sort()).toEqual([1, 2, 3]);
    expect(searches).toBe(2);
    expect(answers.find((a) => a.id === 3)?.result.structuredContent).toEqual({ namespace: 'default', mode: 'hybrid', results: [] });
  });

  it('close() ends a session whose input stays open', async () => {
    const input = new PassThrough();
    const session = await serveMcpOverStdio({ config: resolveConfig({ env: {}, flags: { dataDir: '/nonexistent' } }), service: {} as PatternService }, { input, output: new PassThrough() });
    await session.close();
    await expect(session.done).resolves.toBeUndefined();
  });
});
