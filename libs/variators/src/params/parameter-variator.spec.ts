import type { RandomSource, Structure } from '@motif/core-types';
import type { CatalogLike, ComponentSpecLike } from '../dag-ports';
import { SeededRandomSourceFactory } from '../random/seeded-random-source';
import { ParameterVariator } from './parameter-variator';
import { isEmail, isHexColour, isUrl, isWellFormedJinja } from './string-kinds';

/** A small catalog fixture with the parameter kinds the variator must respect. */
const components: ComponentSpecLike[] = [
  { name: 'Section', params: { header: { type: 'string' }, uncollapsibleWidgetsCount: { type: 'integer', min: 0, max: 11 } }, edges: [] },
  { name: 'ButtonList', params: {}, edges: [{ field: 'buttons', child: 'Button', min: 1, max: null }] },
  {
    name: 'Button',
    listParam: 'buttons',
    wrapper: 'ButtonList',
    params: {
      text: { type: 'string' },
      url: { type: 'url' },
      color: { type: 'color' },
      disabled: { type: 'boolean' },
      type: { type: 'enum', values: ['OUTLINED', 'FILLED', 'FILLED_TONAL', 'BORDERLESS'] },
    },
    edges: [],
  },
  { name: 'Grid', params: { columnCount: { type: 'integer', min: 1 }, ratio: { type: 'number', min: 0, max: 1 } }, edges: [] },
  { name: 'Icon', params: { knownIcon: { type: 'enum', values: ['CLOCK', 'MAP_PIN', 'STAR'] } }, edges: [] },
  {
    name: 'SelectionInput',
    params: { items: { type: 'array', minItems: 2, items: { type: 'object', properties: { text: { type: 'string' }, selected: { type: 'boolean' } } } } },
    edges: [],
  },
];
const catalog: Pick<CatalogLike, 'component' | 'components'> = {
  component: (name) => components.find((c) => c.name === name),
  components: () => components,
};
const factory = new SeededRandomSourceFactory();
const rngs = (n: number, tag = 'p'): RandomSource[] => Array.from({ length: n }, (_, i) => factory.create(`${tag}-${i}`));
const section = (...children: Structure): Structure => [{ component: 'Section', children }];
const buttons2 = section({ component: 'ButtonList', children: [{ component: 'Button', count: 2 }] });

/** Runs many variations of one parameter set and returns every changed value of `key`. */
function variantsOf(params: Record<string, unknown>, key: string, structure?: Structure, n = 300): unknown[] {
  const variator = new ParameterVariator(catalog);
  const out: unknown[] = [];
  for (const rng of rngs(n, key)) {
    const res = variator.vary(params, rng, { structure });
    if (JSON.stringify(res.params[key]) !== JSON.stringify(params[key])) out.push(res.params[key]);
  }
  return out;
}

describe('ParameterVariator', () => {
  it('always changes something, reports it, and never mutates its input', () => {
    const params = { text: 'Hello world', count: 10, on: true, buttons: [{ text: 'A' }, { text: 'B' }] };
    const frozen = JSON.stringify(params);
    const variator = new ParameterVariator(catalog);
    for (const rng of rngs(200)) {
      const res = variator.vary(params, rng, { structure: buttons2 });
      expect(JSON.stringify(res.params)).not.toBe(frozen);
      expect(res.operations.length).toBeGreaterThan(0);
      for (const op of res.operations) expect(op).toMatch(/^param [a-z-]+ [A-Za-z]/);
    }
    expect(JSON.stringify(params)).toBe(frozen);
  });

  it('keeps URLs, colours, e-mails and Jinja expressions valid', () => {
    const params = {
      link: 'https://shop.example.com/item/42',
      accent: '#1a73e8',
      contact: 'ops@example.com',
      text: "{{ 'Online' | success_text | bold }}",
    };
    const variator = new ParameterVariator();
    let changed = 0;
    for (const rng of rngs(300)) {
      const p = variator.vary(params, rng).params;
      expect(isUrl(p.link as string)).toBe(true);
      expect(isHexColour(p.accent as string)).toBe(true);
      expect(isEmail(p.contact as string)).toBe(true);
      expect(isWellFormedJinja(p.text as string)).toBe(true);
      changed += Object.keys(params).filter((k) => p[k] !== params[k as keyof typeof params]).length;
    }
    expect(changed).toBeGreaterThan(300);
  });

  it('moves JSON numbers within ±20 % and keeps integers integers', () => {
    const ints = variantsOf({ count: 50 }, 'count', undefined) as number[];
    expect(ints.length).toBeGreaterThan(250);
    for (const v of ints) {
      expect(Number.isInteger(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(40);
      expect(v).toBeLessThanOrEqual(60);
    }
    const floats = variantsOf({ price: 49.99 }, 'price', undefined) as number[];
    expect(floats.length).toBeGreaterThan(250);
    for (const v of floats) expect(Math.abs(v - 49.99)).toBeLessThanOrEqual(49.99 * 0.2 + 1e-9);
    expect(floats.some((v) => !Number.isInteger(v))).toBe(true);
  });

  it('keeps catalog numbers within declared bounds', () => {
    const structure = section({ component: 'Grid' });
    for (const v of variantsOf({ uncollapsibleWidgetsCount: 10 }, 'uncollapsibleWidgetsCount', structure) as number[]) {
      expect(Number.isInteger(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(8);
      expect(v).toBeLessThanOrEqual(11);
    }
    const ratios = variantsOf({ ratio: 0.95 }, 'ratio', structure) as number[];
    expect(ratios.length).toBeGreaterThan(0);
    for (const v of ratios) {
      expect(v).toBeLessThanOrEqual(1);
      expect(v).toBeGreaterThanOrEqual(0.95 * 0.8);
    }
    // columnCount 1 cannot move: ±20 % of 1 holds no other integer ≥ min.
    expect(variantsOf({ columnCount: 1 }, 'columnCount', structure)).toEqual([]);
  });

  it('gives enums another allowed value, from the schema or from a present component', () => {
    const values = ['OUTLINED', 'FILLED', 'FILLED_TONAL', 'BORDERLESS'];
    const out = variantsOf({ buttons: [{ text: 'Go', type: 'FILLED' }, { text: 'Stop', type: 'FILLED' }] }, 'buttons', buttons2)
      .map((b) => (b as Array<{ type: string }>).map((x) => x.type))
      .flat();
    expect(out.some((t) => t !== 'FILLED')).toBe(true);
    for (const t of out) expect(values).toContain(t);
    const icons = variantsOf({ knownIcon: 'CLOCK' }, 'knownIcon', section({ component: 'Icon' })) as string[];
    expect(icons.length).toBeGreaterThan(250);
    for (const v of icons) expect(['MAP_PIN', 'STAR']).toContain(v);
  });

  it('picks the enum a value belongs to when several present components share the key', () => {
    const structure = section({ component: 'TextInput' }, { component: 'ButtonList', children: [{ component: 'Button' }] });
    const withInput: Pick<CatalogLike, 'component' | 'components'> = {
      component: (name) => (name === 'TextInput' ? { name, params: { type: { type: 'enum', values: ['SINGLE_LINE', 'MULTIPLE_LINE'] } }, edges: [] } : catalog.component(name)),
      components: () => [...components, { name: 'TextInput', params: { type: { type: 'enum', values: ['SINGLE_LINE', 'MULTIPLE_LINE'] } }, edges: [] }],
    };
    const variator = new ParameterVariator(withInput);
    const seen = new Set<string>();
    for (const rng of rngs(100, 'shared-key')) seen.add(variator.vary({ type: 'FILLED' }, rng, { structure }).params.type as string);
    expect(seen.size).toBeGreaterThan(1);
    for (const v of seen) expect(['OUTLINED', 'FILLED_TONAL', 'BORDERLESS']).toContain(v);
  });

  it('flips booleans', () => {
    expect(new Set(variantsOf({ disabled: false }, 'disabled', buttons2))).toEqual(new Set([true]));
  });

  it('shuffles, reverses, truncates and duplicates free arrays, never below minItems', () => {
    const src = ['Ramen', 'Tacos', 'Salad bar'];
    const outs = variantsOf({ options: src }, 'options') as string[][];
    const lengths = new Set(outs.map((o) => o.length));
    expect(lengths.has(2) || lengths.has(1)).toBe(true);
    expect(lengths.has(4)).toBe(true);
    expect(outs.some((o) => o.length === 3 && o.join() !== src.join())).toBe(true);
    for (const o of outs) for (const v of o) expect(typeof v).toBe('string');
    const items = [{ text: 'a' }, { text: 'b' }];
    for (const o of variantsOf({ items }, 'items', section({ component: 'SelectionInput' })) as unknown[][]) {
      expect(o.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('keeps list parameters bound to a component count at their length', () => {
    const list = [{ text: 'Refresh' }, { text: 'Details' }];
    const outs = variantsOf({ buttons: list }, 'buttons', buttons2) as unknown[][];
    expect(outs.length).toBeGreaterThan(0);
    for (const o of outs) expect(o).toHaveLength(2);
  });

  it('reads parameters grouped per component (component name as key) with that component\'s specs', () => {
    const params = { Button: [{ type: 'FILLED', disabled: false }, { type: 'FILLED', disabled: false }], Section: { uncollapsibleWidgetsCount: 10 } };
    const outs = rngs(300, 'per-component').map((rng) => new ParameterVariator(catalog).vary(params, rng, { structure: buttons2 }).params as typeof params);
    const types = new Set(outs.flatMap((p) => p.Button.map((b) => b.type)));
    expect(types.size).toBeGreaterThan(1);
    for (const t of types) expect(['OUTLINED', 'FILLED', 'FILLED_TONAL', 'BORDERLESS']).toContain(t);
    for (const p of outs) {
      expect(p.Button).toHaveLength(2); // bound to the two Buttons of the structure
      expect(p.Section.uncollapsibleWidgetsCount).toBeGreaterThanOrEqual(8);
      expect(p.Section.uncollapsibleWidgetsCount).toBeLessThanOrEqual(11);
    }
    expect(outs.some((p) => p.Section.uncollapsibleWidgetsCount !== 10)).toBe(true);
  });

  it('varies objects recursively, down to nested values', () => {
    const params = { items: [{ text: 'Thu 14:00', startIcon: { knownIcon: 'CLOCK' } }] };
    const icons = new Set<string>();
    const variator = new ParameterVariator(catalog);
    for (const rng of rngs(400, 'nested')) {
      const p = variator.vary(params, rng, { structure: section({ component: 'Icon' }) }).params as typeof params;
      for (const item of p.items) icons.add(item.startIcon.knownIcon);
    }
    expect([...icons].sort()).toEqual(['CLOCK', 'MAP_PIN', 'STAR']);
  });

  it('keeps rgb colour objects within [0, 1]', () => {
    const params = { buttons: [{ color: { red: 0.95, green: 0.1, blue: 0.5 } }] };
    const structure = section({ component: 'ButtonList', children: [{ component: 'Button' }] });
    const outs = variantsOf(params, 'buttons', structure) as Array<Array<{ color: Record<string, number> }>>;
    expect(outs.length).toBeGreaterThan(0);
    for (const o of outs) for (const ch of Object.values(o[0].color)) expect(ch >= 0 && ch <= 1).toBe(true);
  });

  it('uses a custom variator registered for a key pattern (string, glob or RegExp)', () => {
    const variator = new ParameterVariator(catalog)
      .register('ticket', (v) => `${String(v)}-X`)
      .register('buttons[*].text', (v) => String(v).toUpperCase())
      .register(/^amount/, (v, _rng, ctx) => `${ctx.key}:${String(v)}`);
    const seen = { ticket: false, text: false, amount: false };
    for (const rng of rngs(200, 'custom')) {
      const p = variator.vary({ ticket: 'T1', buttons: [{ text: 'go' }], amountLabel: 'EUR' }, rng).params as {
        ticket: string;
        buttons: Array<{ text: string }>;
        amountLabel: string;
      };
      expect(['T1', 'T1-X']).toContain(p.ticket);
      expect(['go', 'GO']).toContain(p.buttons[0].text);
      expect(['EUR', 'amountLabel:EUR']).toContain(p.amountLabel);
      seen.ticket ||= p.ticket === 'T1-X';
      seen.text ||= p.buttons[0].text === 'GO';
      seen.amount ||= p.amountLabel !== 'EUR';
    }
    expect(seen).toEqual({ ticket: true, text: true, amount: true });
  });

  it('is deterministic for the same random stream', () => {
    const params = { text: "{{ 'Online' | success_text }}", n: 12, buttons: [{ text: 'A', url: 'https://a.example.com/x' }] };
    const a = new ParameterVariator(catalog).vary(params, factory.create('same'), { structure: buttons2 });
    const b = new ParameterVariator(catalog).vary(params, factory.create('same'), { structure: buttons2 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});
