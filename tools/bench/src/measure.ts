import { performance } from 'node:perf_hooks';

/** Percentile of an ascending-sorted array (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx];
}

/** Runs `fn` repeatedly and returns per-call latencies in milliseconds, sorted. */
export async function latencies(iterations: number, fn: (i: number) => unknown | Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await fn(i);
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}

/** Operations per second of a synchronous function over at least `minMs`. */
export function throughput(fn: (i: number) => unknown, minMs = 1000, batch = 100): { opsPerSec: number; ops: number } {
  let ops = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < batch; i++) fn(ops + i);
    ops += batch;
    elapsed = performance.now() - t0;
  }
  return { opsPerSec: (ops / elapsed) * 1000, ops };
}

/** Seeded uniform [0, 1) (mulberry32): workloads and corpora are the same on every run. */
export function seededUniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
