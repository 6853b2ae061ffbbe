/**
 * Analyses of recently varied trees, by identity: families vary the same original many times. A bounded
 * Map rather than a WeakMap: V8's GC pays for every WeakMap entry (ephemerons), which costs more than it
 * saves when most trees are varied once. Trees are values: never mutate one after varying it.
 */
export class BoundedCache<K, V> {
  private readonly map = new Map<K, V>();

  constructor(private readonly size: number) {}

  get(key: K, make: () => V): V {
    let v = this.map.get(key);
    if (v === undefined) {
      v = make();
      if (this.map.size >= this.size) this.map.clear();
      this.map.set(key, v);
    }
    return v;
  }
}
