import type { PatternPageView, PatternView, SearchResponseView } from './api-types.js';
import { $, el, errorText, labelBadge, loadCard, patternHref, setUpPage, voteBlock, type PageContext } from './page-common.js';
import { h } from './vnode.js';

/**
 * The gallery (`GET /`): a search box with the feedback filters; each result drawn as its card with
 * its DSL, description, feedback counts and vote buttons. The query lives in the page URL
 * (`?q=&feedback=&content=&form=`) so a search can be shared; the API key never does.
 */
const FILTERS = [['feedback', 'feedback'], ['content', 'contentFeedback'], ['form', 'formFeedback']] as const;
const LIMIT = 24;

function readForm(): { q: string; filter: Record<string, string[]> } {
  const q = ($('q') as HTMLInputElement).value.trim();
  const filter: Record<string, string[]> = {};
  for (const [field, key] of FILTERS) {
    const v = ($(`filter-${field}`) as HTMLSelectElement).value;
    if (v !== '') filter[key] = [v];
  }
  return { q, filter };
}

function fillFormFromUrl(): void {
  const params = new URLSearchParams(window.location.search);
  ($('q') as HTMLInputElement).value = params.get('q') ?? '';
  for (const [field] of FILTERS) ($(`filter-${field}`) as HTMLSelectElement).value = params.get(field) ?? '';
}

function writeUrl(q: string): void {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  for (const [field] of FILTERS) {
    const v = ($(`filter-${field}`) as HTMLSelectElement).value;
    if (v) params.set(field, v);
  }
  const qs = params.toString();
  window.history.replaceState(null, '', qs ? `/?${qs}` : '/');
}

function resultItem(ctx: PageContext, pattern: PatternView, score: number | undefined): HTMLElement {
  const slot = el('div', { class: 'card-slot' });
  const badges = el('div', { class: 'meta' });
  const drawBadges = (p: PatternView) => badges.replaceChildren(
    labelBadge('overall', p.feedback), labelBadge('content', p.contentFeedback), labelBadge('form', p.formFeedback),
    ...(score === undefined ? [] : [el('span', {}, `score ${score.toFixed(3)}`)]),
  );
  drawBadges(pattern);
  const item = el('li', { class: 'result', 'data-pattern-id': pattern.patternId },
    h('h2', {}, h('a', { href: patternHref(pattern.patternId) }, pattern.description)),
    h('code', { class: 'dsl', 'aria-label': 'DSL' }, pattern.dslNotation));
  item.appendChild(slot);
  item.appendChild(badges);
  item.appendChild(voteBlock(ctx, pattern, drawBadges));
  item.appendChild(el('a', { href: patternHref(pattern.patternId), class: 'more' }, `Open ${pattern.patternId}: params and variation family`));
  void loadCard(ctx, slot, `/v1/patterns/${encodeURIComponent(pattern.patternId)}/card`);
  return item;
}

async function search(ctx: PageContext): Promise<void> {
  const { q, filter } = readForm();
  writeUrl(q);
  const list = $('results');
  ctx.status(q ? `Searching for “${q}”…` : 'Listing patterns…');
  try {
    let hits: Array<{ pattern: PatternView; score: number | undefined }>;
    if (q) {
      const res = await ctx.api.post<SearchResponseView>('/v1/search', { query: q, limit: LIMIT, filter });
      hits = res.results.map((r) => ({ pattern: r.pattern, score: r.score }));
    } else {
      const params = new URLSearchParams({ limit: String(LIMIT) });
      for (const [key, values] of Object.entries(filter)) for (const v of values) params.append(key, v);
      const page = await ctx.api.get<PatternPageView>(`/v1/patterns?${params.toString()}`);
      hits = page.items.map((p) => ({ pattern: p, score: undefined }));
    }
    list.replaceChildren(...hits.map((hit) => resultItem(ctx, hit.pattern, hit.score)));
    const n = hits.length;
    ctx.status(n === 0 ? (q ? `No pattern matches “${q}”.` : 'No pattern stored yet: store one with POST /v1/patterns or `motif store`.') : `${n} pattern${n === 1 ? '' : 's'}${q ? ` for “${q}”` : ''}.`);
  } catch (e) {
    list.replaceChildren();
    ctx.status(`Search failed: ${errorText(e)}`, true);
  }
}

function main(): void {
  const ctx = setUpPage();
  fillFormFromUrl();
  $('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void search(ctx);
  });
  for (const [field] of FILTERS) $(`filter-${field}`).addEventListener('change', () => void search(ctx));
  void search(ctx);
}

main();
