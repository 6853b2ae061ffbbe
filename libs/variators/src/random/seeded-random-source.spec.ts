import { SeededRandomSourceFactory } from './seeded-random-source';

const factory = new SeededRandomSourceFactory();
const draw = (seed: string, n = 50): number[] => {
  const rng = factory.create(seed);
  return Array.from({ length: n }, () => rng.int(0, 1_000_000));
};

describe('SeededRandomSourceFactory', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    expect(draw('alpha')).toEqual(draw('alpha'));
    expect(draw('alpha')).not.toEqual(draw('beta'));
  });

  it('keeps int() within inclusive bounds and reaches both ends', () => {
    const rng = factory.create('bounds');
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = rng.int(-2, 2);
      expect(Number.isInteger(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(-2);
      expect(v).toBeLessThanOrEqual(2);
      seen.add(v);
    }
    expect([...seen].sort()).toEqual([-1, -2, 0, 1, 2].sort());
  });

  it('keeps float() in [0, 1)', () => {
    const rng = factory.create('float');
    for (let i = 0; i < 1000; i++) {
      const f = rng.float();
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(1);
    }
  });

  it('shuffles into a permutation without touching the input, and picks members', () => {
    const rng = factory.create('shuffle');
    const input = [1, 2, 3, 4, 5, 6, 7, 8];
    const out = rng.shuffle(input);
    expect(input).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...out].sort()).toEqual(input);
    expect(input).toContain(rng.pick(input));
    expect(() => rng.pick([])).toThrow(RangeError);
  });

  it('forks deterministic child streams that differ by label', () => {
    const a = factory.create('parent');
    const b = factory.create('parent');
    const fa = a.fork('x');
    const fb = b.fork('x');
    expect([fa.int(0, 1e9), fa.int(0, 1e9)]).toEqual([fb.int(0, 1e9), fb.int(0, 1e9)]);
    const c = factory.create('parent').fork('y');
    const d = factory.create('parent').fork('x');
    expect(c.int(0, 1e9)).not.toBe(d.int(0, 1e9));
  });
});
