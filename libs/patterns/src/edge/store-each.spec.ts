import type { PatternInput, StoreManyOutcome } from '@motif/core-types';
import { InMemoryPatternService } from '../testing/in-memory-pattern-service';
import { storeEach } from './store-each';

describe('storeEach', () => {
  it('parses each raw input once, stores the valid ones in one storeMany call, answers one outcome per input in order', async () => {
    const service = new InMemoryPatternService();
    const calls: PatternInput[][] = [];
    const storeMany = (inputs: readonly PatternInput[], ns?: string): Promise<StoreManyOutcome[]> => (calls.push([...inputs]), service.storeMany(inputs, ns));
    const outcomes = await storeEach({ storeMany }, [{ description: 'a', dsl: '§[δ]' }, { dsl: '§[δ]' }, { description: '  b  ', dsl: '§[δ]' }, 42], 'team-a');
    expect(calls).toEqual([[{ description: 'a', dsl: '§[δ]' }, { description: 'b', dsl: '§[δ]' }]]);
    expect(outcomes.map((o) => (o.ok ? o.result.pattern.description : o.error.code))).toEqual(['a', 'VALIDATION_FAILED', 'b', 'VALIDATION_FAILED']);
    const bad = outcomes[1];
    expect(!bad.ok && bad.error.message).toMatch(/^invalid pattern #2: \/description/);
    expect(outcomes[0].ok && outcomes[0].result.pattern.namespace).toBe('team-a');
  });

  it('does not call storeMany when nothing parses', async () => {
    let called = false;
    const outcomes = await storeEach({ storeMany: async () => ((called = true), []) }, [{}]);
    expect(called).toBe(false);
    expect(outcomes).toHaveLength(1);
  });
});
