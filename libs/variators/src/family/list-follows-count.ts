import type { Structure } from '@motif/core-types';
import { componentCounts } from '@motif/dag';
import type { CatalogLike } from '../dag-ports';
import { cloneJson } from '../params/parameter-variator';

/**
 * Keeps list parameters consistent with the structure: when a component's count changes and the catalog
 * binds a list to it (Button ↔ `buttons`), the list is resized to the new count (grown with copies of its
 * own items, cut from the end). The list may sit under the bound key or under the component's name.
 * Only a list whose length matched the old count is treated as bound (an unrelated `items` list is left alone).
 */
export function listsFollowCounts(
  params: Record<string, unknown>,
  before: Structure,
  after: Structure,
  catalog: CatalogLike,
): { params: Record<string, unknown>; operations: string[] } {
  const was = componentCounts(before);
  const now = componentCounts(after);
  let out = params;
  const operations: string[] = [];
  const names = new Set([...was.keys(), ...now.keys()]);
  for (const name of names) {
    const from = was.get(name) ?? 0;
    const to = now.get(name) ?? 0;
    if (from === to) continue;
    const spec = catalog.component(name);
    for (const key of spec?.listParam ? [spec.listParam, name] : [name]) {
      const list = out[key];
      if (!Array.isArray(list) || list.length !== from || (from === 0 && to > 0)) continue;
      const resized = to < list.length ? list.slice(0, to) : [...list, ...Array.from({ length: to - list.length }, (_, i) => cloneJson(list[i % list.length]))];
      out = { ...out, [key]: resized };
      operations.push(`list-follows-count ${key} ${from}→${to}`);
    }
  }
  return { params: out, operations };
}
