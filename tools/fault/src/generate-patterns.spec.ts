import { parseInput, PatternInputSchema } from '@motif/core-types';
import { generateJsonl, generatePattern } from './generate-patterns';
import { parseVmRss, readRss, sampleAt } from './process-memory';

describe('generated fault-run input', () => {
  it('is valid, distinct patterns, one JSON object a line, the same on every run', () => {
    const text = generateJsonl(0, 2_000);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(2_000);
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const p of parsed) expect(() => parseInput(PatternInputSchema, p)).not.toThrow();
    expect(new Set(parsed.map((p) => p['description'])).size).toBe(2_000);
    expect(new Set(parsed.map((p) => p['dsl'])).size).toBeGreaterThan(3);
    expect(generateJsonl(1_000, 1_001)).toBe(lines[1_000] + '\n');
    expect(generatePattern(7)).toEqual(generatePattern(7));
  });
});

describe('process memory helpers', () => {
  it('reads VmRSS from /proc status text, and this process has one', () => {
    expect(parseVmRss('Name:\tnode\nVmRSS:\t  123456 kB\nThreads:\t7\n')).toBe(123_456 * 1024);
    expect(parseVmRss('Name:\tzombie\n')).toBeUndefined();
    expect(readRss(process.pid)).toBeGreaterThan(1024 * 1024);
  });
  it('picks the first sample at or past a progress fraction', () => {
    const samples = [0, 0.05, 0.2, 0.55, 0.95].map((progress, i) => ({ atMs: i * 200, rss: i, progress }));
    expect(sampleAt(samples, 0.1)?.progress).toBe(0.2);
    expect(sampleAt(samples, 0.9)?.progress).toBe(0.95);
    expect(sampleAt(samples, 0.99)).toBeUndefined();
  });
});
