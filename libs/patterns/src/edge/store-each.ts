import { MotifError, parseInput, PatternInputSchema, type PatternInput, type PatternService, type StoreManyOutcome } from '@motif/core-types';

/**
 * What an edge that takes many raw patterns at once (an import file, a bulk request) does: parse each with the
 * one schema, hand the valid ones to `storeMany` in one call, and answer one outcome per input, in order. A bad
 * input is reported at its place (`pattern #n`) and never stops or changes the others.
 */
export async function storeEach(service: Pick<PatternService, 'storeMany'>, raws: readonly unknown[], namespace?: string): Promise<StoreManyOutcome[]> {
  const outcomes: StoreManyOutcome[] = new Array(raws.length);
  const valid: PatternInput[] = [];
  const at: number[] = [];
  raws.forEach((raw, index) => {
    try {
      valid.push(parseInput(PatternInputSchema, raw, `pattern #${index + 1}`));
      at.push(index);
    } catch (error) {
      if (!(error instanceof MotifError)) throw error;
      outcomes[index] = { ok: false, error };
    }
  });
  const stored = valid.length ? await service.storeMany(valid, namespace) : [];
  stored.forEach((outcome, i) => (outcomes[at[i]] = outcome));
  return outcomes;
}
