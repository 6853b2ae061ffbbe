/**
 * Invalidations L2 has not applied yet (Redis was down or timed out during a delete,
 * an invalidate or an overwrite). Until they are flushed, L2 answers for matching keys are
 * treated as misses, so an entry the store already changed is never served from a stale L2.
 * Bounded: past `limit` it collapses into "everything is suspect" (flushed by one prefix wipe).
 */
export class PendingInvalidations {
  private readonly keys = new Set<string>();
  private readonly prefixes = new Set<string>();
  private all = false;

  constructor(
    private readonly limit = 10_000,
    /** What to wipe when the set overflowed: every key of the scheme. */
    private readonly wipePrefix = 'motif:',
  ) {}

  get size(): number {
    return this.all ? Number.POSITIVE_INFINITY : this.keys.size + this.prefixes.size;
  }

  get empty(): boolean {
    return !this.all && this.keys.size === 0 && this.prefixes.size === 0;
  }

  addKeys(keys: Iterable<string>): void {
    for (const k of keys) this.keys.add(k);
    this.checkLimit();
  }

  addPrefix(prefix: string): void {
    this.prefixes.add(prefix);
    this.checkLimit();
  }

  private checkLimit(): void {
    if (this.keys.size + this.prefixes.size > this.limit) {
      this.all = true;
      this.keys.clear();
      this.prefixes.clear();
    }
  }

  matches(key: string): boolean {
    if (this.all || this.keys.has(key)) return true;
    for (const p of this.prefixes) if (key.startsWith(p)) return true;
    return false;
  }

  /** A copy of the work to do; `settle` removes exactly what was done. */
  snapshot(): { keys: string[]; prefixes: string[] } {
    if (this.all) return { keys: [], prefixes: [this.wipePrefix] };
    return { keys: [...this.keys], prefixes: [...this.prefixes] };
  }

  settle(done: { keys: readonly string[]; prefixes: readonly string[] }): void {
    for (const k of done.keys) this.keys.delete(k);
    for (const p of done.prefixes) {
      if (this.all && p === this.wipePrefix) this.all = false;
      this.prefixes.delete(p);
    }
  }
}
