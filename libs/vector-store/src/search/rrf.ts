import type { SignalContribution } from '@motif/core-types';

export interface RankedList<K extends string> {
  signal: K;
  /** Best first. */
  items: ReadonlyArray<{ key: string; score: number }>;
}

export interface FusedItem<K extends string> {
  key: string;
  rrfScore: number;
  signals: Partial<Record<K, SignalContribution>>;
}

/** Reciprocal rank fusion: Σ 1 / (k + rank), rank starting at 1; ties broken by key for determinism. */
export function reciprocalRankFusion<K extends string>(lists: ReadonlyArray<RankedList<K>>, k: number): FusedItem<K>[] {
  const fused = new Map<string, FusedItem<K>>();
  for (const list of lists) {
    list.items.forEach((item, i) => {
      const rank = i + 1;
      let entry = fused.get(item.key);
      if (!entry) {
        entry = { key: item.key, rrfScore: 0, signals: {} };
        fused.set(item.key, entry);
      }
      entry.rrfScore += 1 / (k + rank);
      entry.signals[list.signal] = { rank, score: item.score };
    });
  }
  return [...fused.values()].sort((a, b) => b.rrfScore - a.rrfScore || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
