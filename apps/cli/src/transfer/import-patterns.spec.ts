import { MotifError, type PatternInput, type StoreManyOutcome } from '@motif/core-types';
import { InMemoryPatternService } from '@motif/patterns/testing';
import { importPatterns } from './import-patterns';

const lines = (n: number, bad: number[] = []) =>
  (async function* () {
    for (let i = 1; i <= n; i++) yield bad.includes(i) ? '{nope\n' : JSON.stringify({ description: `p${i}`, dsl: '§[δ]' }) + '\n';
  })();

describe('importPatterns', () => {
  it('writes in batches of the given size through storeMany', async () => {
    const service = new InMemoryPatternService();
    const sizes: number[] = [];
    const storeMany = service.storeMany.bind(service);
    const summary = await importPatterns({ storeMany: (inputs, ns) => (sizes.push(inputs.length), storeMany(inputs, ns)) }, lines(7), { batchSize: 3 });
    expect(sizes).toEqual([3, 3, 1]);
    expect(summary).toEqual({ total: 7, created: 7, alreadyPresent: 0, failed: [] });
  });

  it('a batch the backend refuses names each of its lines; other batches still land', async () => {
    const service = new InMemoryPatternService();
    let call = 0;
    const storeMany = async (inputs: readonly PatternInput[]): Promise<StoreManyOutcome[]> => {
      if (++call === 2) throw new MotifError('BACKEND_UNAVAILABLE', 'store is unavailable');
      return service.storeMany(inputs);
    };
    const summary = await importPatterns({ storeMany }, lines(6, [5]), { batchSize: 2 });
    expect(summary.created).toBe(3);
    expect(summary.failed).toEqual([
      { line: 3, code: 'BACKEND_UNAVAILABLE', reason: 'store is unavailable' },
      { line: 4, code: 'BACKEND_UNAVAILABLE', reason: 'store is unavailable' },
      { line: 5, code: 'VALIDATION_FAILED', reason: expect.stringMatching(/invalid JSON/) },
    ]);
  });

  it('reports progress with records and bytes read', async () => {
    const seen: Array<[number, number]> = [];
    await importPatterns(new InMemoryPatternService(), lines(4), { batchSize: 2, onProgress: (r, b) => seen.push([r, b]) });
    expect(seen.at(-1)![0]).toBe(4);
    expect(seen.at(-1)![1]).toBeGreaterThan(100);
  });

  it('refuses absurdly nested records by line instead of overflowing the stack', async () => {
    let deep = '1';
    for (let i = 0; i < 200; i++) deep = `[${deep}]`;
    const source = (async function* () {
      yield JSON.stringify({ description: 'ok', dsl: '§[δ]' }) + '\n';
      yield `{"description":"deep","dsl":"§[δ]","instanceParams":{"x":${deep}}}\n`;
    })();
    const summary = await importPatterns(new InMemoryPatternService(), source);
    expect(summary.created).toBe(1);
    expect(summary.failed).toEqual([{ line: 2, code: 'VALIDATION_FAILED', reason: 'nests deeper than 128 levels' }]);
  });
});
