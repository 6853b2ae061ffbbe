import { PendingInvalidations } from './pending-invalidations';

describe('PendingInvalidations', () => {
  it('matches exactly the pending keys until settled', () => {
    const p = new PendingInvalidations();
    p.addKeys(['k1']);
    expect(p.matches('k1')).toBe(true);
    expect(p.matches('k1:v3')).toBe(false);
    expect(p.matches('other')).toBe(false);
    const work = p.snapshot();
    p.addKeys(['k2']); // arrived while flushing: must survive the settle
    p.settle(work);
    expect(p.matches('k1')).toBe(false);
    expect(p.matches('k2')).toBe(true);
    expect(p.empty).toBe(false);
  });

  it('collapses into a full wipe when over its bound', () => {
    const p = new PendingInvalidations(2, 'motif:');
    p.addKeys(['a', 'b', 'c']);
    expect(p.matches('anything')).toBe(true);
    const work = p.snapshot();
    expect(work).toEqual({ keys: [], prefixes: ['motif:'] });
    p.settle(work);
    expect(p.empty).toBe(true);
  });
});
