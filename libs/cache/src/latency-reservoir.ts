/**
 * Fixed-size ring of the most recent latencies (microseconds). Memory stays bounded
 * however long the process runs; percentiles describe the recent window only.
 */
export class LatencyReservoir {
  private readonly samples: Float64Array;
  private next = 0;
  private filled = 0;

  constructor(readonly capacity = 1024) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
    this.samples = new Float64Array(capacity);
  }

  record(micros: number): void {
    this.samples[this.next] = micros;
    this.next = (this.next + 1) % this.capacity;
    if (this.filled < this.capacity) this.filled++;
  }

  get size(): number {
    return this.filled;
  }

  /** Nearest-rank percentiles of the window; zeros when nothing was recorded yet. */
  summary(): { p50: number; p95: number; p99: number; unit: 'us' } {
    if (this.filled === 0) return { p50: 0, p95: 0, p99: 0, unit: 'us' };
    const sorted = this.samples.slice(0, this.filled).sort();
    const at = (p: number): number => round2(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]);
    return { p50: at(50), p95: at(95), p99: at(99), unit: 'us' };
  }
}

const round2 = (n: number): number => Math.round(n * 100) / 100;
