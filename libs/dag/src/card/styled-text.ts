import nunjucks from 'nunjucks';

/**
 * Jinja-styled text (`{{ 'Online' | success_text | bold }}`), as patterns from the Python
 * module_wrapper carry it, rendered to the HTML subset Google Chat supports (`<b>`, `<i>`, `<s>`,
 * `<u>`, `<font color>`, `<a href>`). Templates are parsed and checked before anything runs: only
 * literal text piped through the documented filters is accepted (no variables, calls, tags or
 * attribute lookups), so no template can run code. Output is autoescaped; filters mark their own
 * HTML safe.
 */

const PALETTE: Readonly<Record<string, string>> = {
  success: '#34a853', green: '#34a853', error: '#ea4335', red: '#ea4335', warning: '#fbbc05', yellow: '#fbbc05',
  info: '#4285f4', blue: '#4285f4', muted: '#9aa0a6', gray: '#5f6368', grey: '#5f6368', orange: '#ff6d01', purple: '#8430ce',
  primary: '#1a73e8', accent: '#8430ce',
};
const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** A nunjucks filter of styled text (`{{ 'Online' | success_text | bold }}`). */
export type StyleFilter = (value: unknown, ...args: unknown[]) => unknown;

const safe = (html: string): unknown => new nunjucks.runtime.SafeString(html);
const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** A value that is already safe HTML (another filter's output) stays as it is; anything else is escaped. */
const html = (value: unknown): string => (value instanceof nunjucks.runtime.SafeString ? String(value) : escapeHtml(String(value)));
const wrap = (tag: string) => (value: unknown): unknown => safe(`<${tag}>${html(value)}</${tag}>`);

function colorOf(name: unknown): string {
  const key = String(name);
  const hex = PALETTE[key.toLowerCase()] ?? (HEX.test(key) ? key : undefined);
  if (hex === undefined) throw new StyledTextError(`unknown color '${key}': use a hex value (#rrggbb) or one of ${Object.keys(PALETTE).join(', ')}`);
  return hex;
}
const colored = (hex: string) => (value: unknown): unknown => safe(`<font color="${hex}">${html(value)}</font>`);

/** The documented filter set (libs/dag README, "Styled text"). */
export const STYLE_FILTERS: Readonly<Record<string, StyleFilter>> = {
  bold: wrap('b'),
  italic: wrap('i'),
  strike: wrap('s'),
  underline: wrap('u'),
  success_text: colored(PALETTE.success),
  error_text: colored(PALETTE.error),
  warning_text: colored(PALETTE.warning),
  info_text: colored(PALETTE.info),
  muted_text: colored(PALETTE.muted),
  color: (value, name) => colored(colorOf(name))(value),
  price: (value, currency = 'USD') => {
    const amount = typeof value === 'number' ? value : Number(String(value).replace(/[^0-9.\-]/g, ''));
    if (!Number.isFinite(amount)) throw new StyledTextError(`price: '${String(value)}' is not a number`);
    try {
      return new Intl.NumberFormat('en-US', { style: 'currency', currency: String(currency) }).format(amount);
    } catch {
      throw new StyledTextError(`price: '${String(currency)}' is not an ISO 4217 currency code`);
    }
  },
  link: (value, href) => {
    const url = String(href);
    if (!/^(https?:|mailto:)/i.test(url)) throw new StyledTextError(`link: '${url}' is not an http(s) or mailto URL`);
    return safe(`<a href="${escapeHtml(url)}">${html(value)}</a>`);
  },
};

export class StyledTextError extends Error {}

const env = new nunjucks.Environment(null, { autoescape: true, throwOnUndefined: true });
for (const [name, filter] of Object.entries(STYLE_FILTERS)) env.addFilter(name, filter as (...args: unknown[]) => unknown);

/** The part of nunjucks' AST this module reads. */
interface AstNode {
  typename: string;
  value?: unknown;
  fields?: string[];
  children?: AstNode[];
  name?: AstNode;
  args?: AstNode;
  [field: string]: unknown;
}
interface NunjucksParser {
  parse(src: string): AstNode;
}

const TEMPLATE_MARK = /\{\{|\{%|\{#/;

/** Whether a string holds template syntax at all (plain text is returned untouched). */
export const isStyledText = (text: string): boolean => TEMPLATE_MARK.test(text);

function checkExpression(node: AstNode): void {
  switch (node.typename) {
    case 'Literal':
      return;
    case 'Filter': {
      const name = String(node.name?.value);
      if (!(name in STYLE_FILTERS)) throw new StyledTextError(`unknown style filter '${name}': the filters are ${Object.keys(STYLE_FILTERS).join(', ')}`);
      for (const arg of node.args?.children ?? []) checkExpression(arg);
      return;
    }
    case 'Symbol':
    case 'LookupVal':
      throw new StyledTextError(`'${describe(node)}' is a variable: styled text may only style literal text ({{ 'Online' | success_text }})`);
    default:
      throw new StyledTextError(`${node.typename} is not allowed in styled text: only literal text piped through style filters`);
  }
}

const describe = (node: AstNode): string => (node.typename === 'Symbol' ? String(node.value) : node.typename === 'LookupVal' ? `${describe(node.target as AstNode)}.${String((node.val as AstNode)?.value)}` : node.typename);

/** Parses and checks a template; throws StyledTextError naming the first problem. */
export function checkStyledText(text: string): void {
  let root: AstNode;
  try {
    root = (nunjucks as unknown as { parser: NunjucksParser }).parser.parse(text);
  } catch (error) {
    throw new StyledTextError(`styled text does not parse: ${(error as Error).message.split('\n')[0]}`);
  }
  for (const output of root.children ?? []) {
    if (output.typename !== 'Output') throw new StyledTextError(`${output.typename === 'If' || output.typename === 'For' || output.typename === 'Set' ? `{% ${output.typename.toLowerCase()} %}` : output.typename} is not allowed in styled text: only {{ 'literal' | filter }} expressions`);
    for (const part of output.children ?? []) if (part.typename !== 'TemplateData') checkExpression(part);
  }
}

/** Renders styled text to Chat's HTML subset; plain text comes back unchanged. */
const RENDERED_CACHE_SIZE = 4096;
const rendered = new Map<string, string>();

export function renderStyledText(text: string): string {
  if (!isStyledText(text)) return text;
  const hit = rendered.get(text);
  if (hit !== undefined) return hit;
  checkStyledText(text);
  try {
    const out = env.renderString(text, {});
    // Rendering is pure: variation families render the same styled strings many times.
    if (rendered.size >= RENDERED_CACHE_SIZE) rendered.clear();
    rendered.set(text, out);
    return out;
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof StyledTextError) throw cause;
    const message = (error as Error).message.replace(/^\(unknown path\)\s*/, '').split('\n').pop()?.trim() ?? String(error);
    throw new StyledTextError(message.replace(/^Error: /, ''));
  }
}
