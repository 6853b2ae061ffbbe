import type { SignalName, StoreSearchHit } from '@motif/core-types';

/** Test views of a store's search answer (the union of the signals' lists, in no set order). */

/** One signal's list as the store ranked it: the ids that signal returned, best first. */
export const rankedBy = (hits: readonly StoreSearchHit[], signal: SignalName): string[] =>
  hits
    .filter((h) => h.signals[signal] !== undefined)
    .sort((a, b) => (a.signals[signal]?.rank ?? 0) - (b.signals[signal]?.rank ?? 0))
    .map((h) => h.patternId);

/** The whole answer in a comparable form: (id, per-signal rank and score), sorted by id. */
export const byId = (hits: readonly StoreSearchHit[]): Array<[string, StoreSearchHit['signals']]> =>
  [...hits].sort((a, b) => (a.patternId < b.patternId ? -1 : a.patternId > b.patternId ? 1 : 0)).map((h) => [h.patternId, h.signals]);
