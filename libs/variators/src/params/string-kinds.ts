import type { RandomSource } from '@motif/core-types';

/** What a string value is, so that a variation keeps it the same kind. */
export type StringKind = 'jinja' | 'url' | 'color' | 'email' | 'text';

/** Filters a Jinja-style style expression may use; variations pick among these. */
export const STYLE_FILTERS = ['success_text', 'error_text', 'warning_text', 'info_text', 'bold', 'italic'] as const;
const COLOUR_FILTERS = ['success_text', 'error_text', 'warning_text', 'info_text'];
const EMPHASIS_FILTERS = ['bold', 'italic'];

const HEX_COLOUR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
/** One `{{ 'literal' | filter | … }}` expression (single- or double-quoted literal, identifier filters). */
const JINJA_EXPR_SOURCE = /\{\{\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")((?:\s*\|\s*[A-Za-z_][A-Za-z0-9_]*)*)\s*\}\}/.source;
const JINJA_WHOLE = new RegExp(`^${JINJA_EXPR_SOURCE}$`);

export const isHexColour = (s: string): boolean => HEX_COLOUR.test(s);
export const isEmail = (s: string): boolean => EMAIL.test(s);
export const isWellFormedJinja = (s: string): boolean => JINJA_WHOLE.test(s.trim());

export function isUrl(s: string): boolean {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) return false;
  try {
    new URL(s);
    return true;
  } catch {
    return false;
  }
}

export function stringKindOf(s: string): StringKind {
  if (s.includes('{{') && hasJinja(s)) return 'jinja';
  if (isUrl(s)) return 'url';
  if (isHexColour(s)) return 'color';
  if (isEmail(s)) return 'email';
  return 'text';
}

// A fresh RegExp per use: a shared global one carries `lastIndex` from one call into the next.
const jinjaExpr = (): RegExp => new RegExp(JINJA_EXPR_SOURCE, 'g');
const JINJA_ONE = new RegExp(JINJA_EXPR_SOURCE);
const hasJinja = (s: string): boolean => JINJA_ONE.test(s);

/** Varies the filters of each `{{ … }}` expression: recolour, toggle emphasis, or reorder; the literal is kept. */
export function varyJinja(s: string, rng: RandomSource): string {
  const matches = [...s.matchAll(jinjaExpr())];
  if (matches.length === 0) return s;
  const target = rng.int(0, matches.length - 1);
  let i = 0;
  return s.replace(jinjaExpr(), (whole, literal: string, filterText: string) => {
    if (i++ !== target) return whole;
    const filters = filterText.split('|').map((f) => f.trim()).filter((f) => f.length > 0);
    const next = varyFilters(filters, rng);
    return `{{ ${[literal, ...next].join(' | ')} }}`;
  });
}

function varyFilters(filters: string[], rng: RandomSource): string[] {
  const colourAt = filters.findIndex((f) => COLOUR_FILTERS.includes(f));
  const op = rng.int(0, 2);
  if (op === 0 || (op === 2 && filters.length < 2)) {
    // Recolour: replace the colour filter by another (or add one when there is none).
    if (colourAt < 0) return [rng.pick(COLOUR_FILTERS), ...filters];
    const out = filters.slice();
    out[colourAt] = rng.pick(COLOUR_FILTERS.filter((f) => f !== filters[colourAt]));
    return out;
  }
  if (op === 1) {
    // Toggle one emphasis filter.
    const emphasis = rng.pick(EMPHASIS_FILTERS);
    return filters.includes(emphasis) ? filters.filter((f) => f !== emphasis) : [...filters, emphasis];
  }
  const shuffled = rng.shuffle(filters);
  return shuffled.join() === filters.join() ? filters.slice().reverse() : shuffled;
}

/** Keeps a parseable absolute URL: changes a query parameter or the last path segment. */
export function varyUrl(s: string, rng: RandomSource): string {
  const url = new URL(s);
  const segments = url.pathname.split('/').filter((p) => p.length > 0);
  if (segments.length > 0 && rng.int(0, 1) === 0) {
    const last = segments[segments.length - 1];
    const m = /^(.*?)(\d+)$/.exec(last);
    segments[segments.length - 1] = m ? `${m[1]}${Number(m[2]) + rng.int(1, 9)}` : `${last}-${rng.int(2, 99)}`;
    url.pathname = `/${segments.join('/')}`;
  } else {
    url.searchParams.set('variant', String(rng.int(1, 999)));
  }
  return url.toString();
}

/** Keeps a hex colour of the same length and case: shifts each channel a little. */
export function varyHexColour(s: string, rng: RandomSource): string {
  const short = s.length === 4;
  const digits = s.slice(1);
  const channels = short ? [...digits].map((d) => parseInt(d + d, 16)) : [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16));
  const step = short ? 17 : 1;
  const shifted = channels.map((c) => {
    const delta = rng.int(1, short ? 3 : 48) * step * (rng.int(0, 1) === 0 ? -1 : 1);
    const v = c + delta;
    return v < 0 || v > 255 ? c - delta : v;
  });
  const hex = shifted.map((c) => {
    const clamped = Math.max(0, Math.min(255, c));
    return short ? (clamped >> 4).toString(16) : clamped.toString(16).padStart(2, '0');
  });
  const out = `#${hex.join('')}`;
  return digits === digits.toUpperCase() && /[A-F]/.test(digits) ? out.toUpperCase() : out;
}

/** Keeps a valid address: sub-addresses the local part (`name+v12@domain`). */
export function varyEmail(s: string, rng: RandomSource): string {
  const at = s.lastIndexOf('@');
  const local = s.slice(0, at).replace(/\+[^+]*$/, '');
  return `${local}+v${rng.int(1, 999)}${s.slice(at)}`;
}

/** Plain text: swap two words, drop one, or change the case style; markup (`<b>`, `<font …>`) is left intact. */
export function varyText(s: string, rng: RandomSource): string {
  if (!/<[A-Za-z/]/.test(s)) return varyPlainText(s, rng);
  const parts = s.split(/(<[^>]*>)/);
  const textParts = parts.flatMap((p, i) => (!p.startsWith('<') && p.trim().length > 0 ? [i] : []));
  if (textParts.length === 0) return s;
  const i = rng.pick(textParts);
  parts[i] = varyPlainText(parts[i], rng);
  return parts.join('');
}

/** Moves one number inside a text within ±20 % keeping its decimals (`CPU: 45%` → `CPU: 51%`); null when none can move. */
export function varyNumberInText(s: string, rng: RandomSource): string | null {
  const matches = [...s.matchAll(/\d+(?:\.\d+)?/g)];
  if (matches.length === 0) return null;
  const m = rng.pick(matches);
  const raw = m[0];
  const v = Number(raw);
  const decimals = raw.includes('.') ? raw.length - raw.indexOf('.') - 1 : 0;
  const lo = v * 0.8;
  const hi = v * 1.2;
  let next: string;
  if (decimals === 0) {
    const a = Math.ceil(lo);
    const b = Math.floor(hi);
    if (b <= a) return null;
    const r = rng.int(a, b - 1);
    next = String(r >= v ? r + 1 : r);
  } else {
    next = (lo + rng.float() * (hi - lo)).toFixed(decimals);
    if (Number(next) < lo || Number(next) > hi) return null;
  }
  if (next === raw) return null;
  const at = m.index ?? 0;
  return s.slice(0, at) + next + s.slice(at + raw.length);
}

function varyPlainText(s: string, rng: RandomSource): string {
  if (rng.int(0, 1) === 0) {
    const moved = varyNumberInText(s, rng);
    if (moved !== null) return moved;
  }
  const words = s.split(' ');
  const op = rng.int(0, 2);
  if (op === 0 && words.length >= 2) {
    const i = rng.int(0, words.length - 2);
    const out = words.slice();
    out[i] = words[i + 1];
    out[i + 1] = words[i];
    if (out.join(' ') !== s) return out.join(' ');
  }
  if (op === 1 && words.length >= 3) {
    const i = rng.int(0, words.length - 1);
    return words.filter((_, k) => k !== i).join(' ');
  }
  const upper = s.toUpperCase();
  if (upper !== s) return upper;
  const lower = s.toLowerCase();
  return lower !== s ? lower : `${s} ${rng.int(2, 99)}`;
}

/** Varies a string keeping its kind. */
export function varyStringOfKind(s: string, kind: StringKind, rng: RandomSource): string {
  switch (kind) {
    case 'jinja':
      return varyJinja(s, rng);
    case 'url':
      return varyUrl(s, rng);
    case 'color':
      return varyHexColour(s, rng);
    case 'email':
      return varyEmail(s, rng);
    default:
      return varyText(s, rng);
  }
}
