import { LatencyReservoir } from './latency-reservoir';

describe('LatencyReservoir', () => {
  it('reports nearest-rank percentiles in microseconds', () => {
    const r = new LatencyReservoir(100);
    for (let i = 1; i <= 100; i++) r.record(i);
    expect(r.summary()).toEqual({ p50: 50, p95: 95, p99: 99, unit: 'us' });
  });

  it('keeps only the most recent window (bounded memory)', () => {
    const r = new LatencyReservoir(10);
    for (let i = 0; i < 1000; i++) r.record(1000);
    for (let i = 0; i < 10; i++) r.record(1);
    expect(r.size).toBe(10);
    expect(r.summary().p99).toBe(1);
  });

  it('reports zeros before any sample', () => {
    expect(new LatencyReservoir(4).summary()).toEqual({ p50: 0, p95: 0, p99: 0, unit: 'us' });
  });
});
