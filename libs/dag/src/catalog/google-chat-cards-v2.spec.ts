import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from './load-catalog';
import { ComponentGraph } from '../graph/component-graph';
import type { ChildEdge, ParamSpec } from './catalog-types';

// The built-in catalog is checked against the domain reference itself (a verbatim copy of
// /work/shared/reference/google-chat-cards.md): every table row is parsed and compared.
const reference = readFileSync(join(__dirname, '..', 'fixtures', 'google-chat-cards.reference.md'), 'utf8');
const catalog = loadCatalog('google-chat-cards-v2');
const graph = new ComponentGraph(catalog);

function tableRows(heading: string): string[][] {
  const start = reference.indexOf(heading);
  expect(start).toBeGreaterThanOrEqual(0);
  const lines = reference.slice(start).split('\n').slice(1);
  const rows: string[][] = [];
  let inTable = false;
  for (const line of lines) {
    if (line.startsWith('|')) {
      inTable = true;
      const cells = line.split('|').slice(1, -1).map((c) => c.trim());
      if (cells.every((c) => /^-+$/.test(c))) continue;
      rows.push(cells);
    } else if (inTable) break;
  }
  return rows.slice(1); // header
}

/** Splits on commas outside parentheses and braces. */
function splitTop(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(' || ch === '{') depth++;
    if (ch === ')' || ch === '}') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

const range = (text: string): [number, number | null] => {
  const m = /(\d+)\.\.(\d+|n)/.exec(text);
  if (!m) throw new Error(`no multiplicity in '${text}'`);
  return [Number(m[1]), m[2] === 'n' ? null : Number(m[2])];
};

// Effective bounds on the total number of `children` held in `fields` of `parent`: edge bounds, tightened by groups.
function effective(parent: string, fields: string[], children: string[]): [number, number | null] {
  const edges = graph.edgesOf(parent).filter((e) => fields.includes(e.field) && children.includes(e.child));
  let min = edges.reduce((t, e) => t + e.min, 0);
  let max: number | null = edges.some((e) => e.max === null) ? null : edges.reduce((t, e) => t + (e.max as number), 0);
  for (const g of catalog.component(parent)?.groups ?? []) {
    if (!fields.every((f) => g.fields.includes(f)) || !g.fields.every((f) => fields.includes(f))) continue;
    min = Math.max(min, g.min);
    if (g.max !== null) max = max === null ? g.max : Math.min(max, g.max);
  }
  return [min, max];
}

describe('google-chat-cards-v2 against the reference page', () => {
  const containment = tableRows('## Containment');

  it('parses a non-trivial reference', () => {
    expect(containment.length).toBeGreaterThanOrEqual(20);
  });

  it.each(containment.map((r) => [r[0], r[1], r[2]]))('%s.%s holds %s', (parent, fieldCell, childrenCell) => {
    expect(catalog.component(parent)).toBeDefined();
    const parentFields = [...new Set(graph.edgesOf(parent).map((e) => e.field))];
    const fields = fieldCell === '(one of)' ? parentFields : fieldCell.split('/').map((f) => f.trim());
    for (const f of fields) expect(parentFields).toContain(f);

    if (/one of the (two|three)/.test(childrenCell)) {
      // `Button (0..1) or SwitchControl (0..1) — one of the two`: one field each, exclusive group.
      const parts = childrenCell.split('—')[0].split(' or ').map((p) => p.trim());
      parts.forEach((p, i) => {
        const [name, rest] = [p.split(' ')[0], p];
        const e = graph.edgeFor(parent, name, fields[i]) as ChildEdge;
        expect(e).toBeDefined();
        expect([e.min, e.max]).toEqual(range(rest));
      });
      expect(effective(parent, fields, parts.map((p) => p.split(' ')[0]))).toEqual([0, 1]);
      return;
    }
    if (/\(exactly 1\)/.test(childrenCell)) {
      const names = childrenCell.replace(/\(exactly 1\)/, '').split(',').map((s) => s.trim());
      for (const n of names) expect(graph.children(parent)).toContain(n);
      expect(effective(parent, fields, names)).toEqual([1, 1]);
      return;
    }
    if (/\(each 0\.\.n/.test(childrenCell)) {
      const names = childrenCell.replace(/\(each.*$/, '').split(',').map((s) => s.trim());
      expect(fields).toHaveLength(1);
      for (const n of names) {
        const e = graph.edgeFor(parent, n, fields[0]) as ChildEdge;
        expect(e).toBeDefined();
        expect([e.min, e.max]).toEqual([0, null]);
      }
      // No other child in that field than the ones listed.
      expect(graph.edgesOf(parent).filter((e) => e.field === fields[0]).map((e) => e.child).sort()).toEqual([...names].sort());
      const cap = /at most (\d+) widgets/.exec(childrenCell);
      if (cap) expect(effective(parent, fields, names)).toEqual([0, Number(cap[1])]);
      return;
    }
    const m = /^(\w+) \((.*)\)$/.exec(childrenCell.split(' — ')[0].trim());
    expect(m).not.toBeNull();
    const [, child, mult] = m as RegExpExecArray;
    if (/each/.test(mult)) {
      for (const f of fields) {
        const e = graph.edgeFor(parent, child, f) as ChildEdge;
        expect([e.min, e.max]).toEqual(range(mult));
      }
    } else {
      expect(effective(parent, fields, [child])).toEqual(range(mult));
    }
  });

  it('has exactly the listed leaves', () => {
    const line = /Leaves: ([^\n]+)\./.exec(reference)?.[1] ?? '';
    const leaves = line.split(',').map((s) => s.trim());
    expect(leaves.length).toBeGreaterThan(5);
    for (const leaf of leaves) expect(graph.edgesOf(leaf)).toEqual([]);
  });

  it('has every wrapper rule', () => {
    const line = /Wrapper rules[^:]*: ([^\n]+?)\. `/.exec(reference)?.[1] ?? '';
    const pairs = line.split(',').map((s) => s.trim().split(' → '));
    expect(pairs.length).toBe(5);
    for (const [child, wrapper] of pairs) {
      expect(catalog.component(child)?.wrapper).toBe(wrapper);
      expect(graph.children(wrapper)).toContain(child);
    }
  });

  it('has the listed roots', () => {
    expect(catalog.roots).toEqual(expect.arrayContaining(['Card', 'Section', 'Message']));
  });

  // The reference page lists the fields worth varying; the catalog has every Card v2 field (checked
  // against the official types at compile time). So: every listed field is there, of the listed
  // kind, with at least the listed enum values, and required where the page says so.
  const params = tableRows('## Parameters');
  it.each(params.map((r) => [r[0], r[1]]))('%s takes %s', (component, cell) => {
    const spec = catalog.component(component);
    expect(spec).toBeDefined();
    if (cell === '—') {
      expect(spec?.params).toEqual({});
      return;
    }
    for (const entry of splitTop(cell)) {
      const m = /^([\w.]+) \((.*)\)$/s.exec(entry.trim());
      expect(m).not.toBeNull();
      const [, key, desc] = m as RegExpExecArray;
      const [top, sub] = key.split('.');
      // A flat alias of the seed format: Card v2 nests it in onClick.openLink.url.
      if (top === 'url') {
        expect(spec?.params.onClick?.properties?.openLink?.properties?.url?.type).toBe('url');
        continue;
      }
      let p = spec?.params[top] as ParamSpec;
      expect(p).toBeDefined();
      if (sub) {
        expect(p.type).toBe('object');
        p = p.properties?.[sub] as ParamSpec;
        expect(p).toBeDefined();
      }
      const kind = desc.split(/[ ,:]/)[0];
      // Card v2 colours are google.type.Color objects (the flat binding turns hex into one).
      const expectedType = /rgb object or hex/.test(desc) ? 'object' : kind === 'array' ? 'array' : kind;
      expect(p.type).toBe(expectedType);
      if (p.type === 'enum') {
        const values = desc.replace(/^enum:? /, '').split(',').map((v) => v.trim());
        expect(p.values).toEqual(expect.arrayContaining(values));
      }
      if (/required/.test(desc)) expect(p.required).toBe(true);
      const bound = /≥ (\d+)/.exec(desc);
      if (bound) expect(p.min).toBe(Number(bound[1]));
      const fieldsOf = /array of \{([^}]*)\}/.exec(desc);
      if (fieldsOf) expect(Object.keys(p.items?.properties ?? {})).toEqual(expect.arrayContaining(fieldsOf[1].split(',').map((s) => s.trim())));
    }
  });

  it('uses the symbols in common use', () => {
    const line = /Symbols in common use for this catalog: ([^\n]+?)\. Components/.exec(reference)?.[1] ?? '';
    const pairs = line.split(', ').map((p) => p.trim().split(' '));
    expect(pairs.length).toBe(22);
    for (const [symbol, name] of pairs) {
      expect(catalog.symbolOf(name)).toBe(symbol);
      expect(catalog.resolveName(symbol)).toBe(name);
    }
  });

  it('keeps every symbol frozen (a change silently breaks stored DSL strings)', () => {
    const table = Object.fromEntries(catalog.components().map((c) => [c.name, c.symbol]));
    expect(table).toEqual({
      Message: 'μ', Card: '©', CardHeader: '◆', CardFixedFooter: '▁', Section: '§', CollapseControl: '⌄',
      DecoratedText: 'δ', TextParagraph: 'ʈ', Image: 'ǐ', Divider: 'Đ', ButtonList: 'Ƀ', Button: 'ᵬ', Icon: 'ɨ',
      Grid: 'ℊ', GridItem: 'ǵ', Columns: '¢', Column: 'ç', SelectionInput: '◄', TextInput: 'τ', DateTimePicker: '▪',
      SwitchControl: '►', ChipList: 'ȼ', Chip: 'ℂ', Carousel: '⟳', CarouselCard: '▭', NestedWidget: 'ŋ',
    });
    expect(catalog.assignedSymbols).toEqual({});
  });

  it('covers every component named in the reference and nothing else', () => {
    const named = new Set<string>();
    for (const r of containment) {
      named.add(r[0]);
      for (const m of r[2].replace(/\(.*?\)/g, '').matchAll(/\b([A-Z][A-Za-z]+)\b/g)) named.add(m[1]);
    }
    for (const r of params) named.add(r[0]);
    expect(catalog.components().map((c) => c.name).sort()).toEqual([...named].sort());
  });
});
