import { SeededRandomSourceFactory } from '../random/seeded-random-source';
import { chatCardsEngine } from '../testing/dag-fixture';
import { statusCard } from '../testing/pattern-fixture';
import { pickRandomVariation } from './pick-random-variation';

const factory = new SeededRandomSourceFactory();
const { engine } = chatCardsEngine();
const family = engine.generate(statusCard(), { structure: 5, parameter: 5, seed: 'pick' });

describe('pickRandomVariation', () => {
  it('is deterministic when seeded and spreads over the family across seeds', () => {
    const a = pickRandomVariation(family, { seed: 7 }, factory);
    expect(pickRandomVariation(family, { seed: 7 }, factory)).toBe(a);
    const picked = new Set(Array.from({ length: 60 }, (_, i) => pickRandomVariation(family, { seed: i }, factory)?.index));
    expect(picked.size).toBeGreaterThan(8);
    expect(picked.has(0)).toBe(false);
  });

  it('filters by type, including the original on request', () => {
    for (let i = 0; i < 30; i++) {
      expect(pickRandomVariation(family, { type: 'combined', seed: i }, factory)?.variationType).toBe('combined');
      expect(pickRandomVariation(family, { type: 'parameter', seed: i }, factory)?.variationType).toBe('parameter');
    }
    expect(pickRandomVariation(family, { type: 'original' }, factory)?.index).toBe(0);
  });

  it('returns null when the family has no variation of that type', () => {
    const onlyParams = engine.generate(statusCard(), { structure: 0, parameter: 2, seed: 'p' });
    expect(pickRandomVariation(onlyParams, { type: 'structure', seed: 1 }, factory)).toBeNull();
  });

  it('draws a fresh seed when none is given', () => {
    const picked = new Set(Array.from({ length: 60 }, () => pickRandomVariation(family, {}, factory)?.index));
    expect(picked.size).toBeGreaterThan(3);
  });
});
