/**
 * A tiny element tree. The card renderer is a pure function from Card v2 JSON to this tree, so it is
 * unit-tested without a DOM; `mount` turns it into real elements with createElement/textContent only,
 * never innerHTML, so no text from a card can become markup.
 */
export interface VElement {
  tag: string;
  attrs: Record<string, string>;
  /** Applied through the CSSOM (allowed by a CSP without 'unsafe-inline'). */
  style: Record<string, string>;
  children: VNode[];
}
export type VNode = VElement | string;

export type Child = VNode | null | undefined | false | readonly Child[];

export function h(tag: string, attrs: Record<string, string | number | boolean | undefined | null> = {}, ...children: Child[]): VElement {
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    clean[k] = v === true ? '' : String(v);
  }
  return { tag, attrs: clean, style: {}, children: flatten(children) };
}

export function withStyle(el: VElement, style: Record<string, string | undefined>): VElement {
  for (const [k, v] of Object.entries(style)) if (v !== undefined) el.style[k] = v;
  return el;
}

function flatten(children: readonly Child[]): VNode[] {
  const out: VNode[] = [];
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) out.push(...flatten(c));
    else out.push(c as VNode);
  }
  return out;
}

const URL_ATTRS = new Set(['href', 'src']);

/** http(s) and mailto links only (a card's `javascript:` URL is dropped); relative URLs are kept. */
export function safeUrl(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  const trimmed = url.trim();
  if (trimmed === '') return undefined;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(trimmed);
  if (!scheme) return /^[/?#.]/.test(trimmed) ? trimmed : undefined;
  return ['http', 'https', 'mailto'].includes(scheme[1].toLowerCase()) ? trimmed : undefined;
}

/** Builds real DOM nodes. Event-handler attributes are refused, URLs re-checked (defence in depth). */
export function mount(node: VNode, doc: Document = document): Node {
  if (typeof node === 'string') return doc.createTextNode(node);
  const el = doc.createElement(node.tag);
  for (const [k, v] of Object.entries(node.attrs)) {
    if (/^on/i.test(k)) continue;
    if (URL_ATTRS.has(k) && safeUrl(v) === undefined && !v.startsWith('data:image/')) continue;
    el.setAttribute(k, v);
  }
  for (const [k, v] of Object.entries(node.style)) el.style.setProperty(k, v);
  for (const child of node.children) el.appendChild(mount(child, doc));
  return el;
}

/** The visible text of a tree (what a reader gets), for tests and labels. */
export function textOf(node: VNode): string {
  if (typeof node === 'string') return node;
  if (node.tag === 'br') return '\n';
  return node.children.map(textOf).join('');
}

export function findAll(node: VNode, pred: (el: VElement) => boolean): VElement[] {
  if (typeof node === 'string') return [];
  const here = pred(node) ? [node] : [];
  return here.concat(...node.children.map((c) => findAll(c, pred)));
}

export const hasClass = (cls: string) => (el: VElement): boolean => (el.attrs.class ?? '').split(/\s+/).includes(cls);
