import { ApiError } from './api-client.js';
import type { CardsV2View, FamilyView, PatternView, VariationView } from './api-types.js';
import { $, el, errorText, labelBadge, loadCard, setUpPage, voteBlock, type PageContext } from './page-common.js';
import { describeValue, variationChanges } from './variation-diff.js';
import { h, type Child } from './vnode.js';

/**
 * A pattern page (`/patterns/{id}`): its card, its params, and its variation family side by side,
 * each variation with what changed against the source; a control generates a new family with a
 * seed, and a control shows the `cardsV2` JSON to copy.
 */
const patternId = decodeURIComponent(window.location.pathname.replace(/^\/patterns\//, '').replace(/\/$/, ''));
const enc = encodeURIComponent(patternId);

/** A "Show cardsV2 JSON" toggle and a copy button for one card message. */
function jsonControl(getMessage: () => CardsV2View | undefined, label: string): HTMLElement {
  const pre = el('pre', { class: 'json-out', hidden: true, tabindex: 0, 'aria-label': `cardsV2 JSON of ${label}` });
  const show = el('button', { type: 'button', class: 'btn', 'aria-expanded': 'false', 'data-show-json': label }, 'Show cardsV2 JSON') as HTMLButtonElement;
  const copy = el('button', { type: 'button', class: 'btn', hidden: true }, 'Copy JSON') as HTMLButtonElement;
  const feedback = el('span', { class: 'visually-hidden', 'aria-live': 'polite' });
  show.addEventListener('click', () => {
    const open = pre.hidden;
    const message = getMessage();
    pre.textContent = message ? JSON.stringify(message, null, 2) : 'The card could not be rendered.';
    pre.hidden = !open;
    copy.hidden = !open || !message;
    show.setAttribute('aria-expanded', String(open));
    show.textContent = open ? 'Hide cardsV2 JSON' : 'Show cardsV2 JSON';
  });
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(pre.textContent ?? '');
      feedback.textContent = 'Copied.';
    } catch {
      // No clipboard permission (e.g. plain http on another host): select the text for Ctrl+C.
      const range = document.createRange();
      range.selectNodeContents(pre);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
      feedback.textContent = 'Selected: press Ctrl+C to copy.';
    }
  });
  const row = el('div', { class: 'actions' });
  row.append(show, copy);
  const wrap = el('div', { class: 'json-control' });
  wrap.append(row, pre, feedback);
  return wrap;
}

function paramsTable(params: Record<string, unknown>): HTMLElement {
  const entries = Object.entries(params);
  if (entries.length === 0) return el('p', {}, 'No parameters.');
  return el('table', { class: 'params' },
    h('caption', { class: 'visually-hidden' }, 'Instance parameters'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'param'), h('th', { scope: 'col' }, 'value'))),
    h('tbody', {}, entries.map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, typeof v === 'string' ? v : JSON.stringify(v))))));
}

function changesList(source: PatternView, v: VariationView): HTMLElement {
  if (v.variationType === 'original') return el('p', { class: 'changes-none' }, 'The source pattern (v0).');
  const c = variationChanges(source, v);
  const items: Child[] = [
    ...c.added.map((a) => h('li', { class: 'added' }, `added ${a.component}${a.count > 1 ? ` ×${a.count}` : ''}`)),
    ...c.removed.map((r) => h('li', { class: 'removed' }, `removed ${r.component}${r.count > 1 ? ` ×${r.count}` : ''}`)),
    ...c.swapped.map((s) => h('li', { class: 'swapped' }, s.replace(/^swap-sibling /, 'swapped '))),
    ...c.other.map((o) => h('li', {}, o)),
    ...c.params.map((p) => h('li', { class: 'param' }, h('code', {}, p.path), `: ${describeValue(p.before)} → ${describeValue(p.after)}`)),
  ];
  return items.length === 0 ? el('p', {}, 'No visible change.') : el('ul', { class: 'changes', 'aria-label': `Changes in ${v.variationId}` }, items);
}

function drawFamily(ctx: PageContext, source: PatternView, family: FamilyView): void {
  const list = $('family');
  $('family-summary').textContent = `Seed “${family.seed}”: ${family.variations.length} variations (${family.options.structure} structure, ${family.options.parameter} parameter)${family.shortfall ? `, ${family.shortfall} could not be produced` : ''}.`;
  ($('seed') as HTMLInputElement).placeholder = family.seed;
  list.replaceChildren(...family.variations.map((v) => {
    const slot = el('div', { class: 'card-slot' });
    let message: CardsV2View | undefined;
    const item = el('li', { class: 'variation', 'data-variation-id': v.variationId, 'aria-label': `Variation ${v.index}: ${v.variationType}` },
      h('h3', {}, `v${v.index} · ${v.variationType}`),
      h('code', { class: 'dsl', 'aria-label': 'DSL' }, v.dslNotation));
    item.append(changesList(source, v), slot, jsonControl(() => message, v.variationId));
    void loadCard(ctx, slot, '/v1/cards/render', { patternId: source.patternId, variationId: v.variationId }).then((m) => { message = m; });
    return item;
  }));
}

async function loadFamily(ctx: PageContext, source: PatternView): Promise<void> {
  try {
    drawFamily(ctx, source, await ctx.api.get<FamilyView>(`/v1/patterns/${enc}/variations`));
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      $('family-summary').textContent = 'No variation family yet: generate one below.';
      return;
    }
    $('family-summary').textContent = `The family could not be loaded: ${errorText(e)}`;
  }
}

async function main(): Promise<void> {
  const ctx = setUpPage();
  document.title = `${patternId} · Motif gallery`;
  let source: PatternView;
  try {
    source = await ctx.api.get<PatternView>(`/v1/patterns/${enc}`);
  } catch (e) {
    ctx.status(`The pattern ${patternId} cannot be shown: ${errorText(e)}`, true);
    return;
  }
  $('pattern-title').textContent = source.description;
  $('pattern-id').textContent = source.patternId;
  $('pattern-dsl').textContent = source.dslNotation;
  const badges = $('pattern-badges');
  const drawBadges = (p: PatternView) => badges.replaceChildren(labelBadge('overall', p.feedback), labelBadge('content', p.contentFeedback), labelBadge('form', p.formFeedback));
  drawBadges(source);
  $('pattern-votes').replaceChildren(voteBlock(ctx, source, drawBadges));
  $('pattern-params').replaceChildren(paramsTable(source.instanceParams));
  let message: CardsV2View | undefined;
  $('pattern-json').replaceChildren(jsonControl(() => message, source.patternId));
  message = await loadCard(ctx, $('pattern-card'), `/v1/patterns/${enc}/card`);
  await loadFamily(ctx, source);
  ctx.status('');

  $('generate-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const num = (id: string) => Number(($(id) as HTMLInputElement).value);
    const seed = ($('seed') as HTMLInputElement).value.trim();
    const button = $('generate') as HTMLButtonElement;
    button.disabled = true;
    ctx.status('Generating a variation family…');
    try {
      const family = await ctx.api.post<FamilyView>(`/v1/patterns/${enc}/variations`, {
        structure: num('structure-count'), parameter: num('parameter-count'), ...(seed ? { seed } : {}), force: ($('force') as HTMLInputElement).checked,
      });
      drawFamily(ctx, source, family);
      ctx.status(`Generated ${family.variations.length} variations with seed “${family.seed}”.`);
    } catch (e) {
      ctx.status(`No family was generated: ${errorText(e)}`, true);
    } finally {
      button.disabled = false;
    }
  });
}

void main();
