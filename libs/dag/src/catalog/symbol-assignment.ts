import type { CatalogDocument } from './catalog-types';

// Latin letters with diacritics (U+00C0–U+024F, U+1E00–U+1EFF), grouped by their base letter: a name starting with
// `S` gets `Ŝ`, `Ś`… so assigned symbols stay mnemonic. Computed once, in code-point order (deterministic).
const DECORATED: ReadonlyMap<string, string[]> = (() => {
  const map = new Map<string, string[]>();
  const codePoints = [...Array.from({ length: 0x24f - 0xc0 + 1 }, (_, i) => 0xc0 + i), ...Array.from({ length: 0x100 }, (_, i) => 0x1e00 + i)];
  for (const cp of codePoints) {
    const ch = String.fromCodePoint(cp);
    const base = ch.normalize('NFD')[0];
    if (!/^[A-Za-z]$/.test(base) || base === ch) continue;
    const list = map.get(base) ?? [];
    list.push(ch);
    map.set(base, list);
  }
  return map;
})();

// Fallback pool when every decorated variant of the initial is taken: Greek, then circled letters.
const FALLBACK: readonly string[] = [
  ...Array.from({ length: 25 }, (_, i) => String.fromCodePoint(0x3b1 + i)).filter((c) => c !== 'ς'),
  ...Array.from({ length: 26 }, (_, i) => String.fromCodePoint(0x24b6 + i)),
  ...Array.from({ length: 26 }, (_, i) => String.fromCodePoint(0x24d0 + i)),
];

function candidates(name: string): string[] {
  const initial = name[0] ?? '';
  return [...(DECORATED.get(initial.toUpperCase()) ?? []), ...(DECORATED.get(initial.toLowerCase()) ?? []), ...FALLBACK];
}

/**
 * Gives every component without a symbol one, deterministically: components are taken in name order and
 * each gets the first free candidate (decorated initial, then Greek, then circled letters, then `⟨n⟩`).
 * Existing symbols are never changed. Returns a new document and the symbols it assigned.
 */
export function assignMissingSymbols(doc: CatalogDocument): { document: CatalogDocument; assigned: Record<string, string> } {
  const document = structuredClone(doc);
  const used = new Set(document.components.map((c) => c.symbol).filter((s): s is string => typeof s === 'string'));
  const assigned: Record<string, string> = {};
  const missing = document.components.filter((c) => c.symbol === undefined).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let n = 1;
  for (const component of missing) {
    let symbol = candidates(component.name).find((c) => !used.has(c));
    while (symbol === undefined) {
      const next = `⟨${n++}⟩`;
      if (!used.has(next)) symbol = next;
    }
    used.add(symbol);
    component.symbol = symbol;
    assigned[component.name] = symbol;
  }
  return { document, assigned };
}
