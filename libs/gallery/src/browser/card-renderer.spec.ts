import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buttonVariant, cardsOf, colorOf, dateTimeValue, renderCard, widgetKind } from './card-renderer';
import { findAll, hasClass, textOf, type VElement } from './vnode';

type Json = Record<string, unknown>;
const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'cards');
const load = (name: string): unknown => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));
/** Cards of a fixture; the one bare sections array (the Python wrapper's output) is wrapped as a card. */
const cardsIn = (name: string): Json[] => {
  const raw = load(name);
  return Array.isArray(raw) ? [{ sections: raw }] : cardsOf(raw).map((c) => c.card);
};
const render = (card: Json): VElement => renderCard(card, { idPrefix: 't' });
const widgets = (el: VElement) => findAll(el, (e) => e.attrs['data-widget'] !== undefined);
const buttonLabels = (el: VElement) => findAll(el, (e) => e.tag === 'button' && hasClass('cc-button')(e)).map((b) => textOf(b).trim());

/** Every widget of a card, nested ones (columns, carousel cards) included, in document order. */
function widgetsInJson(card: Json): Json[] {
  const out: Json[] = [];
  const walk = (list: unknown) => {
    for (const w of Array.isArray(list) ? (list as Json[]) : []) {
      out.push(w);
      const kind = widgetKind(w);
      const body = (kind ? w[kind] : undefined) as Json | undefined;
      if (kind === 'columns') for (const col of (body?.columnItems as Json[]) ?? []) walk(col.widgets);
      if (kind === 'carousel') for (const c of (body?.carouselCards as Json[]) ?? []) { walk(c.widgets); walk(c.footerWidgets); }
    }
  };
  for (const s of (card.sections as Json[]) ?? []) walk(s.widgets);
  return out;
}

/** Every button object of a card in document order (lists, decoratedText buttons, the fixed footer). */
function buttonsInJson(card: Json): Json[] {
  const out: Json[] = [];
  const walk = (v: unknown, key?: string): void => {
    if (Array.isArray(v)) {
      for (const x of v) {
        if (key === 'buttons') out.push(x as Json);
        walk(x);
      }
    } else if (v && typeof v === 'object') {
      const o = v as Json;
      for (const [k, x] of Object.entries(o)) {
        if (k === 'header' || k === 'fixedFooter') continue;
        if (k === 'button') out.push(x as Json);
        walk(x, k);
      }
    }
  };
  walk(card.sections);
  const footer = card.fixedFooter as Json | undefined;
  if (footer?.secondaryButton) out.push(footer.secondaryButton as Json);
  if (footer?.primaryButton) out.push(footer.primaryButton as Json);
  return out;
}

describe('renderCard on the reference cards', () => {
  const names = readdirSync(FIXTURES).filter((n) => n.endsWith('.json'));

  it('has the fixtures', () => {
    expect(names.length).toBeGreaterThanOrEqual(17);
  });

  it.each(names)('%s: draws every widget, in order, and none as unsupported', (name) => {
    for (const card of cardsIn(name)) {
      const el = render(card);
      const expected = widgetsInJson(card).map((w) => widgetKind(w));
      expect(expected.length).toBeGreaterThan(0);
      expect(widgets(el).map((w) => w.attrs['data-widget'])).toEqual(expected);
      expect(findAll(el, hasClass('cc-unknown'))).toEqual([]);
    }
  });

  it.each(names)('%s: every button of the JSON is drawn with its label, in order', (name) => {
    for (const card of cardsIn(name)) {
      const el = render(card);
      const drawn = findAll(el, (e) => e.tag === 'button' && hasClass('cc-button')(e))
        .map((b) => textOf(findAll(b, hasClass('cc-button-text'))[0] ?? '') || b.attrs['aria-label']);
      expect(drawn).toEqual(buttonsInJson(card).map((b) => (b.text as string | undefined) ?? b.altText ?? expect.any(String)));
    }
  });

  it.each(names)('%s: every form control has a label', (name) => {
    for (const card of cardsIn(name)) {
      const el = render(card);
      const labelled = new Set(findAll(el, (e) => e.tag === 'label').map((l) => l.attrs.for));
      for (const input of findAll(el, (e) => ['input', 'select', 'textarea'].includes(e.tag))) {
        const ok = labelled.has(input.attrs.id) || input.attrs['aria-labelledby'] !== undefined || input.attrs['aria-label'] !== undefined;
        expect({ input: input.attrs, ok }).toEqual({ input: input.attrs, ok: true });
      }
    }
  });
});

describe('renderCard, widget by widget', () => {
  it('draws the header with title, subtitle and a round image with its alt text', () => {
    const [card] = cardsIn('library-loan-reminder.json');
    const el = render(card);
    const header = findAll(el, (e) => e.tag === 'header')[0];
    expect(textOf(header)).toContain((card.header as Json).title);
    expect(textOf(header)).toContain((card.header as Json).subtitle);
    const img = findAll(header, (e) => e.tag === 'img')[0];
    expect(img.attrs.src).toBe((card.header as Json).imageUrl);
    expect(img.attrs.class).toContain('cc-round');
    expect(el.attrs['aria-label']).toBe(`Card: ${(card.header as Json).title}`);
  });

  it('crops a header image square unless its imageType is CIRCLE (SQUARE is the default)', () => {
    const img = (header: Json) => findAll(render({ header: { title: 't', imageUrl: 'https://example.com/a.png', ...header }, sections: [] }), (e) => e.tag === 'img')[0];
    expect(img({}).attrs.class).not.toContain('cc-round');
    expect(img({ imageType: 'SQUARE' }).attrs.class).not.toContain('cc-round');
    expect(img({ imageType: 'CIRCLE' }).attrs.class).toContain('cc-round');
  });

  it('collapses a section after uncollapsibleWidgetsCount widgets, with the collapse control labels', () => {
    const [card] = cardsIn('recipe-of-the-day.json');
    const el = render(card);
    const section = findAll(el, (e) => e.tag === 'section').find((s) => textOf(s).startsWith('Steps'))!;
    const hidden = findAll(section, hasClass('cc-collapsed'))[0];
    expect(hidden.attrs.hidden).toBe('');
    expect(widgets(hidden)).toHaveLength(2);
    const toggle = findAll(section, hasClass('cc-collapse-toggle'))[0];
    expect(toggle.attrs['aria-controls']).toBe(hidden.attrs.id);
    expect(toggle.attrs['aria-expanded']).toBe('false');
    expect(textOf(toggle)).toContain('All steps');
    expect(toggle.attrs['data-collapse-label']).toBe('Fewer steps');
  });

  it('draws decoratedText labels, start icon, and a switch labelled by its text', () => {
    const [card] = cardsIn('laptop-request-dialog.json');
    const el = render(card);
    const dt = findAll(el, (e) => e.attrs['data-widget'] === 'decoratedText').find((w) => textOf(w).includes('Return my current laptop'))!;
    expect(textOf(dt)).toContain('A courier picks it up on delivery');
    const sw = findAll(dt, (e) => e.tag === 'input')[0];
    expect(sw.attrs).toMatchObject({ type: 'checkbox', role: 'switch', checked: '' });
    const labelled = findAll(el, (e) => e.attrs.id === sw.attrs['aria-labelledby'])[0];
    expect(textOf(labelled)).toBe('Return my current laptop');
  });

  it('draws knownIcon and materialIcon icons with an accessible name', () => {
    const [card] = cardsIn('parking-permit.json');
    const icons = findAll(render(card), hasClass('cc-icon'));
    expect(icons.length).toBeGreaterThan(0);
    for (const icon of icons) expect(icon.attrs['aria-label'] ?? icon.attrs.alt).toBeTruthy();
  });

  it('forces a coloured button to FILLED with a contrasting text colour; no type means OUTLINED', () => {
    expect(buttonVariant({ type: 'BORDERLESS', color: { red: 1 } })).toBe('filled');
    expect(buttonVariant({})).toBe('outlined');
    expect(buttonVariant({ type: 'FILLED_TONAL' })).toBe('filled-tonal');
    expect(colorOf({ red: 0.1, green: 0.4, blue: 0.85 })).toEqual({ background: 'rgb(26, 102, 217)', text: '#ffffff' });
    expect(colorOf({ red: 1, green: 0.9, blue: 0.3 }).text).toBe('#1f1f1f');
    const [card] = cardsIn('laptop-request-dialog.json');
    const footer = findAll(render(card), (e) => e.tag === 'footer')[0];
    const buttons = findAll(footer, (e) => e.tag === 'button');
    expect(buttons.map((b) => textOf(b))).toEqual(['Cancel', 'Submit request']);
    expect(buttons[1].attrs.class).toContain('cc-button--filled');
    expect(buttons[1].style['background-color']).toBe('rgb(26, 102, 217)');
    expect(buttons[1].attrs.title).toBe('runs submitLaptopRequest');
  });

  it('draws each button type as its own variant', () => {
    const el = render({ sections: [{ widgets: [{ buttonList: { buttons: ['FILLED', 'FILLED_TONAL', 'OUTLINED', 'BORDERLESS'].map((type) => ({ text: type, type })) } }] }] });
    expect(findAll(el, (e) => e.tag === 'button').map((b) => b.attrs.class)).toEqual([
      'cc-button cc-button--filled', 'cc-button cc-button--filled-tonal', 'cc-button cc-button--outlined', 'cc-button cc-button--borderless',
    ]);
  });

  it('draws a grid with its column count, items and titles', () => {
    const [card] = cardsIn('gym-class-timetable.json');
    const grid = findAll(render(card), hasClass('cc-grid'))[0];
    const json = widgetsInJson(card).find((w) => w.grid)!.grid as Json;
    expect(grid.style['grid-template-columns']).toBe(`repeat(${json.columnCount}, minmax(0, 1fr))`);
    const items = findAll(grid, hasClass('cc-grid-item'));
    expect(items).toHaveLength((json.items as Json[]).length);
    expect(textOf(items[0])).toContain((json.items as Json[])[0].title);
  });

  it('draws columns side by side with their widgets', () => {
    const [card] = cardsIn('recipe-of-the-day.json');
    const cols = findAll(render(card), (e) => e.attrs['data-column'] !== undefined);
    expect(cols.length).toBe(2);
    for (const col of cols) expect(widgets(col).length).toBeGreaterThan(0);
  });

  it('draws chips, disabled ones disabled', () => {
    const el = render({ sections: [{ widgets: [{ chipList: { layout: 'HORIZONTAL_SCROLLABLE', chips: [{ label: 'One', icon: { materialIcon: { name: 'star' } } }, { label: 'Two', disabled: true }] } }] }] });
    const chips = findAll(el, hasClass('cc-chip'));
    expect(chips.map((c) => textOf(c))).toEqual(['★One', 'Two']);
    expect(chips[1].attrs.disabled).toBe('');
    expect(findAll(el, hasClass('cc-chips--scroll'))).toHaveLength(1);
  });

  it('draws a carousel: one slide per card, footer buttons, paging controls', () => {
    const [card] = cardsIn('pet-adoption-carousel.json');
    const el = render(card);
    const slides = findAll(el, hasClass('cc-carousel-card'));
    const json = widgetsInJson(card).find((w) => w.carousel)!.carousel as Json;
    expect(slides).toHaveLength((json.carouselCards as Json[]).length);
    expect(slides[0].attrs['aria-label']).toBe(`1 of ${slides.length}`);
    expect(buttonLabels(el)).toEqual(expect.arrayContaining(['Meet Biscuit', 'Meet Juniper']));
    expect(findAll(el, (e) => e.attrs['data-carousel-step'] !== undefined)).toHaveLength(2);
  });

  it('draws text, selection and date inputs with their values', () => {
    const [card] = cardsIn('send_dynamic_card_L445.json');
    const el = render(card);
    const inputs = findAll(el, (e) => e.tag === 'input');
    expect(inputs.map((i) => i.attrs.name)).toEqual(['name', 'email']);
    const options = findAll(el, (e) => e.tag === 'option');
    expect(options.map((o) => textOf(o))).toEqual(['Engineering', 'Marketing', 'Sales']);
    expect(options[0].attrs.selected).toBe('');
    expect(dateTimeValue({ type: 'DATE_ONLY', valueMsSinceEpoch: Date.UTC(2026, 0, 31, 23, 30) })).toBe('2026-01-31');
    expect(dateTimeValue({ type: 'DATE_AND_TIME', valueMsSinceEpoch: Date.UTC(2026, 0, 31, 23, 30), timezoneOffsetDate: 60 })).toBe('2026-02-01T00:30');
    expect(dateTimeValue({ type: 'TIME_ONLY', valueMsSinceEpoch: Date.UTC(2026, 0, 31, 9, 5) })).toBe('09:05');
  });

  it('draws radio buttons as a labelled group', () => {
    const el = render({ sections: [{ widgets: [{ selectionInput: { name: 'size', label: 'Size', type: 'RADIO_BUTTON', items: [{ text: 'S', value: 's' }, { text: 'M', value: 'm', selected: true }] } }] }] });
    expect(textOf(findAll(el, (e) => e.tag === 'legend')[0])).toBe('Size');
    const radios = findAll(el, (e) => e.tag === 'input');
    expect(radios.map((r) => [r.attrs.type, r.attrs.name, r.attrs.checked])).toEqual([['radio', 'size', undefined], ['radio', 'size', '']]);
  });

  it('shows an unknown widget as a visible note instead of dropping it', () => {
    const el = render({ sections: [{ widgets: [{ futureWidget: { x: 1 } }] }] });
    expect(textOf(findAll(el, hasClass('cc-unknown'))[0])).toContain('futureWidget');
  });

  it('keeps a javascript: link and image out of the tree', () => {
    const el = render({ header: { title: 'x', imageUrl: 'javascript:alert(1)' }, sections: [{ widgets: [{ image: { imageUrl: 'javascript:alert(1)', altText: 'evil' } }, { textParagraph: { text: '<a href="javascript:alert(1)">click</a>' } }] }] });
    expect(JSON.stringify(el)).not.toContain('javascript:');
  });

  it('ids are unique within a card and prefixed', () => {
    const [card] = cardsIn('laptop-request-dialog.json');
    const ids = findAll(render(card), (e) => e.attrs.id !== undefined).map((e) => e.attrs.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id.startsWith('t-')).toBe(true);
  });
});
