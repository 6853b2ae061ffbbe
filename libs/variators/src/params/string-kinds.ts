import type { RandomSource } from '@motif/core-types';

/** What a string value is (facts such as URLs and e-mails are never varied; styled text is). */
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
