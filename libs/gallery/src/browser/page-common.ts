import { ApiClient, ApiError, localKeyStore, type KeyStore } from './api-client.js';
import type { CardsV2View, FeedbackCounts, PatternView } from './api-types.js';
import { cardsOf, renderCard } from './card-renderer.js';
import { enhanceCards } from './enhance-cards.js';
import { h, mount, type Child } from './vnode.js';

/** Shared by both pages: the API client with its key dialog, the status line, card slots, votes. */
export function $(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el;
}

export function el(tag: string, attrs: Record<string, string | number | boolean | undefined> = {}, ...children: Child[]): HTMLElement {
  return mount(h(tag, attrs, ...children)) as HTMLElement;
}

/** Asks for the API key in a modal dialog (labelled, keyboard-usable; Escape cancels). */
function askForKey(reason: string): Promise<string | undefined> {
  const dialog = $('key-dialog') as HTMLDialogElement;
  const input = $('key-input') as HTMLInputElement;
  $('key-reason').textContent = reason;
  input.value = '';
  dialog.returnValue = '';
  return new Promise((resolve) => {
    const done = () => {
      dialog.removeEventListener('close', done);
      resolve(dialog.returnValue === 'save' && input.value.trim() !== '' ? input.value.trim() : undefined);
    };
    dialog.addEventListener('close', done);
    dialog.showModal();
    input.focus();
  });
}

export interface PageContext {
  api: ApiClient;
  keys: KeyStore;
  status(message: string, error?: boolean): void;
}

export function setUpPage(): PageContext {
  const keys = localKeyStore();
  const api = new ApiClient(keys, askForKey);
  const statusEl = $('status');
  const forget = $('forget-key') as HTMLButtonElement;
  const refreshForget = () => { forget.hidden = keys.get() === undefined; };
  forget.addEventListener('click', () => {
    keys.clear();
    refreshForget();
    statusEl.textContent = 'The API key was removed from this browser.';
  });
  refreshForget();
  return {
    api,
    keys,
    status(message, error = false) {
      statusEl.textContent = message;
      statusEl.classList.toggle('status--error', error);
      refreshForget();
    },
  };
}

export const errorText = (e: unknown): string => (e instanceof ApiError ? `${e.problem.code ?? e.status}: ${e.message}` : e instanceof Error ? e.message : String(e));

let cardCounter = 0;

/** Draws a cardsV2 message into `slot` (replacing what it held). */
export function drawCards(slot: HTMLElement, message: CardsV2View): void {
  slot.replaceChildren();
  for (const { card } of cardsOf(message)) {
    slot.appendChild(mount(renderCard(card, { idPrefix: `c${++cardCounter}` })));
  }
  enhanceCards(slot);
}

/** Fetches and draws a card; a server without the card route says so instead of failing the page. */
export async function loadCard(ctx: PageContext, slot: HTMLElement, path: string, body?: unknown): Promise<CardsV2View | undefined> {
  slot.replaceChildren(el('p', { class: 'note' }, 'Drawing the card…'));
  try {
    const message = body === undefined ? await ctx.api.get<CardsV2View>(path) : await ctx.api.post<CardsV2View>(path, body);
    drawCards(slot, message);
    return message;
  } catch (e) {
    slot.replaceChildren(el('p', { class: 'note', role: 'note' }, `The card cannot be drawn: ${errorText(e)}`));
    return undefined;
  }
}

const DIMENSIONS = ['content', 'form'] as const;

/** Counts and vote buttons for both feedback dimensions; each vote re-reads the counts the API returns. */
export function voteBlock(ctx: PageContext, pattern: PatternView, onVoted: (p: PatternView) => void): HTMLElement {
  const block = el('div', { class: 'votes', role: 'group', 'aria-label': 'Feedback' });
  const render = (counts: FeedbackCounts) => {
    block.replaceChildren();
    for (const dim of DIMENSIONS) {
      block.appendChild(el('span', { class: 'dim' }, dim === 'content' ? 'Content' : 'Form'));
      for (const polarity of ['positive', 'negative'] as const) {
        const n = counts[dim][polarity];
        const button = el('button', {
          type: 'button', class: `vote vote--${polarity === 'positive' ? 'up' : 'down'}`,
          'data-vote': `${dim}:${polarity}`, 'data-count': n,
          'aria-label': `Vote ${dim} ${polarity === 'positive' ? 'up' : 'down'} (${n} so far)`,
        }, h('span', { 'aria-hidden': 'true' }, polarity === 'positive' ? '▲ ' : '▼ '), h('span', { class: 'n' }, String(n)));
        button.addEventListener('click', async () => {
          button.setAttribute('disabled', '');
          try {
            const updated = await ctx.api.post<PatternView>(`/v1/patterns/${encodeURIComponent(pattern.patternId)}/feedback`, { feedback: polarity, dimension: dim });
            render(updated.feedbackCounts);
            onVoted(updated);
            ctx.status(`Recorded a ${polarity} ${dim} vote for ${pattern.patternId}.`);
            (block.querySelector(`[data-vote="${dim}:${polarity}"]`) as HTMLElement | null)?.focus();
          } catch (e) {
            button.removeAttribute('disabled');
            ctx.status(`The vote was not recorded: ${errorText(e)}`, true);
          }
        });
        block.appendChild(button);
      }
    }
  };
  render(pattern.feedbackCounts);
  return block;
}

export function labelBadge(name: string, label: PatternView['feedback']): HTMLElement {
  return el('span', { class: 'label-badge', 'data-label': `${name}:${label ?? 'unrated'}` }, `${name}: ${label ?? 'unrated'}`);
}

export function patternHref(id: string): string {
  return `/patterns/${encodeURIComponent(id)}`;
}
