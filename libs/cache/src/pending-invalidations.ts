/**
 * Invalidations L2 has not applied yet (Redis was down or timed out during a delete or an
 * overwrite). Until they are flushed, L2 answers for matching keys are treated as misses, so
 * an entry the store already changed is never served from a stale L2.
 * Bounded: past `limit` keys it collapses into "everything is suspect", flushed by one wipe of
 * the scheme's keys (the only prefix deletion left: a recovery after a long outage, never the
 * path of a generate, a feedback or a delete).
 */
export class PendingInvalidations {
  private readonly keys = new Set<string>();
  private all = false;

  constructor(
    private readonly limit = 10_000,
    /** What to wipe when the set overflowed: every key of the scheme. */
    private readonly wipePrefix = 'motif:',
  ) {}

  get size(): number {
    return this.all ? Number.POSITIVE_INFINITY : this.keys.size;
  }

  get empty(): boolean {
    return !this.all && this.keys.size === 0;
  }

  addKeys(keys: Iterable<string>): void {
    for (const k of keys) this.keys.add(k);
    if (this.keys.size > this.limit) {
      this.all = true;
      this.keys.clear();
    }
  }

  matches(key: string): boolean {
    return this.all || this.keys.has(key);
  }

  /** A copy of the work to do; `settle` removes exactly what was done. */
  snapshot(): { keys: string[]; prefixes?: string[] } {
    if (this.all) return { keys: [], prefixes: [this.wipePrefix] };
    return { keys: [...this.keys] };
  }

  settle(done: { keys: readonly string[]; prefixes?: readonly string[] }): void {
    for (const k of done.keys) this.keys.delete(k);
    if (this.all && done.prefixes?.includes(this.wipePrefix)) this.all = false;
  }
}
