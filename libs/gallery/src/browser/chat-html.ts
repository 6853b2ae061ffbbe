import { h, safeUrl, type VElement, type VNode } from './vnode.js';

/**
 * Google Chat's formatted text: a small HTML subset (`<b> <i> <u> <s> <font color> <a href> <br>`).
 * This parser keeps exactly that subset and turns everything else into plain text: an unknown tag
 * is dropped (its text stays), attributes other than `color`/`href` are ignored, and a link keeps
 * only an http(s)/mailto target. The result is an element tree, never an HTML string.
 */
const TAG_ALIASES: Record<string, string> = { b: 'b', strong: 'b', i: 'i', em: 'i', u: 'u', s: 's', strike: 's', del: 's', font: 'font', a: 'a' };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,6});/g, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/** `#rgb`, `#rrggbb` or a CSS colour name; anything else (e.g. `red;background:url(…)`) is refused. */
export function safeColor(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  return /^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/.test(v) || /^[a-zA-Z]{3,20}$/.test(v) ? v : undefined;
}

function attribute(source: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i').exec(source);
  if (!m) return undefined;
  return decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
}

export function parseChatHtml(input: string): VNode[] {
  const root: VElement = h('span');
  const stack: Array<{ name: string; el: VElement }> = [{ name: '#root', el: root }];
  const top = () => stack[stack.length - 1].el;
  const pushText = (text: string) => {
    if (text === '') return;
    // Chat shows a newline in formatted text as a line break.
    const parts = decodeEntities(text).split('\n');
    parts.forEach((part, i) => {
      if (i > 0) top().children.push(h('br'));
      if (part !== '') top().children.push(part);
    });
  };

  const tagRe = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^<>]*)>/g;
  let last = 0;
  for (let m = tagRe.exec(input); m !== null; m = tagRe.exec(input)) {
    pushText(input.slice(last, m.index));
    last = tagRe.lastIndex;
    const closing = m[1] === '/';
    const raw = m[2].toLowerCase();
    if (raw === 'br') {
      if (!closing) top().children.push(h('br'));
      continue;
    }
    const name = TAG_ALIASES[raw];
    if (name === undefined) continue;
    if (closing) {
      const at = stack.map((s) => s.name).lastIndexOf(name);
      if (at > 0) stack.length = at;
      continue;
    }
    let el: VElement;
    if (name === 'font') {
      el = h('span', { class: 'chat-font' });
      const color = safeColor(attribute(m[3], 'color'));
      if (color) el.style.color = color;
    } else if (name === 'a') {
      const href = safeUrl(attribute(m[3], 'href'));
      el = href ? h('a', { href, target: '_blank', rel: 'noopener noreferrer nofollow' }) : h('span');
    } else {
      el = h(name);
    }
    top().children.push(el);
    stack.push({ name, el });
  }
  pushText(input.slice(last));
  return root.children;
}
