import { iconLabel, knownIconGlyph, materialIconGlyph } from './card-icons.js';
import { parseChatHtml } from './chat-html.js';
import { arr, bool, num, obj, objs, str, type Json } from './json-access.js';
import { h, safeUrl, textOf, withStyle, type Child, type VElement, type VNode } from './vnode.js';

/**
 * Card v2 JSON (what goes in `cardsV2[].card`) → an accessible element tree styled like Google Chat
 * draws it (`gallery.css`, classes `cc-*`). Every widget is wrapped in an element carrying
 * `data-widget="<name>"`, so a test or a reader can count what was drawn. Unknown widgets are shown
 * as a visible note rather than dropped. Interactive parts (collapsing, carousel paging, broken
 * images) are wired by `enhanceCards` after mounting.
 */
export interface RenderOptions {
  /** Prefix of the element ids this card uses (labels, collapsing); unique per card on a page. */
  idPrefix: string;
}

interface Ctx {
  prefix: string;
  next: number;
}

const newId = (ctx: Ctx, what: string): string => `${ctx.prefix}-${what}-${ctx.next++}`;

/** The widget one-of keys of Card v2, in the order the reference documents them. */
export const WIDGET_KINDS = [
  'textParagraph', 'image', 'decoratedText', 'buttonList', 'textInput', 'selectionInput', 'dateTimePicker',
  'divider', 'grid', 'columns', 'carousel', 'chipList',
] as const;
/** Fields of the Widget wrapper beside its one-of key. */
const WIDGET_WRAPPER_FIELDS = new Set(['horizontalAlignment', 'id', 'visibility', 'eventActions']);

/** Accepts a message (`{cardsV2: [...]}`), one entry (`{cardId, card}`), or a card; one element per card. */
export function cardsOf(input: unknown): Array<{ cardId: string | undefined; card: Json }> {
  const o = obj(input);
  if (!o) return [];
  if (Array.isArray(o.cardsV2)) return objs(o.cardsV2).flatMap((e) => (obj(e.card) ? [{ cardId: str(e.cardId), card: obj(e.card)! }] : []));
  if (obj(o.card)) return [{ cardId: str(o.cardId), card: obj(o.card)! }];
  return [{ cardId: undefined, card: o }];
}

export function renderCard(card: Json, options: RenderOptions): VElement {
  const ctx: Ctx = { prefix: options.idPrefix, next: 0 };
  const header = obj(card.header);
  const title = header ? str(header.title) : undefined;
  const sections = objs(card.sections);
  const divided = str(card.sectionDividerStyle) !== 'NO_DIVIDER';
  const footer = obj(card.fixedFooter);
  return h(
    'article',
    { class: 'chat-card', 'aria-label': title ? `Card: ${title}` : 'Card' },
    header && renderHeader(header),
    h('div', { class: `cc-sections${divided ? ' cc-sections--divided' : ''}` }, sections.map((s) => renderSection(s, ctx))),
    footer && renderFixedFooter(footer, ctx),
  );
}

function renderHeader(header: Json): VElement {
  const src = safeUrl(header.imageUrl);
  // ImageType's default is SQUARE: only CIRCLE crops round.
  const round = str(header.imageType) === 'CIRCLE';
  const title = str(header.title);
  const subtitle = str(header.subtitle);
  return h(
    'header',
    { class: 'cc-header' },
    src && h('img', { class: `cc-header-image${round ? ' cc-round' : ''}`, src, alt: str(header.imageAltText) ?? '', loading: 'lazy', referrerpolicy: 'no-referrer' }),
    h('div', { class: 'cc-header-text' }, title && h('h2', { class: 'cc-title' }, title), subtitle && h('p', { class: 'cc-subtitle' }, subtitle)),
  );
}

function renderSection(section: Json, ctx: Ctx): VElement {
  const widgets = objs(section.widgets);
  const header = str(section.header);
  const collapsible = bool(section.collapsible) === true;
  const shown = collapsible ? Math.max(0, Math.min(widgets.length, num(section.uncollapsibleWidgetsCount) ?? 0)) : widgets.length;
  const headingId = header ? newId(ctx, 'section') : undefined;
  const children: Child[] = [
    header && h('h3', { class: 'cc-section-header', id: headingId }, parseChatHtml(header)),
    widgets.slice(0, shown).map((w) => renderWidget(w, ctx)),
  ];
  if (collapsible && shown < widgets.length) {
    const hiddenId = newId(ctx, 'collapsed');
    const control = obj(section.collapseControl);
    const expand = buttonText(obj(control?.expandButton)) ?? 'Show more';
    const collapse = buttonText(obj(control?.collapseButton)) ?? 'Show less';
    const align = alignment(str(control?.horizontalAlignment));
    children.push(
      h('div', { class: 'cc-collapsed', id: hiddenId, hidden: true }, widgets.slice(shown).map((w) => renderWidget(w, ctx))),
      withStyle(
        h('div', { class: 'cc-collapse-control' },
          h('button', {
            type: 'button', class: 'cc-collapse-toggle', 'aria-expanded': 'false', 'aria-controls': hiddenId,
            'data-expand-label': expand, 'data-collapse-label': collapse,
          }, h('span', { class: 'cc-chevron', 'aria-hidden': 'true' }, '▾'), h('span', { class: 'cc-collapse-label' }, expand)),
        ),
        { 'justify-content': align },
      ),
    );
  }
  return h('section', { class: 'cc-section', 'aria-labelledby': headingId }, children);
}

const buttonText = (b: Json | undefined): string | undefined => (b ? str(b.text) : undefined);

function alignment(value: string | undefined): string | undefined {
  return value === 'CENTER' ? 'center' : value === 'END' ? 'flex-end' : value === 'START' ? 'flex-start' : undefined;
}

/** The name of the widget's one-of key (the first key that is not a wrapper field). */
export function widgetKind(widget: Json): string | undefined {
  return Object.keys(widget).find((k) => !WIDGET_WRAPPER_FIELDS.has(k));
}

export function renderWidget(widget: Json, ctx: Ctx): VElement {
  const kind = widgetKind(widget) ?? 'empty';
  const body = obj(widget[kind]) ?? {};
  const inner = renderWidgetBody(kind, body, ctx);
  const el = h('div', { class: `cc-widget cc-w-${kind.replace(/[^A-Za-z]/g, '')}`, 'data-widget': kind }, inner);
  return withStyle(el, { 'justify-content': alignment(str(widget.horizontalAlignment)), 'text-align': textAlign(str(widget.horizontalAlignment)) });
}

function textAlign(value: string | undefined): string | undefined {
  return value === 'CENTER' ? 'center' : value === 'END' ? 'end' : undefined;
}

function renderWidgetBody(kind: string, w: Json, ctx: Ctx): Child {
  switch (kind) {
    case 'textParagraph': return renderTextParagraph(w);
    case 'image': return renderImage(w);
    case 'decoratedText': return renderDecoratedText(w, ctx);
    case 'buttonList': return renderButtonList(w);
    case 'textInput': return renderTextInput(w, ctx);
    case 'selectionInput': return renderSelectionInput(w, ctx);
    case 'dateTimePicker': return renderDateTimePicker(w, ctx);
    case 'divider': return h('hr', { class: 'cc-divider' });
    case 'grid': return renderGrid(w, ctx);
    case 'columns': return renderColumns(w, ctx);
    case 'carousel': return renderCarousel(w, ctx);
    case 'chipList': return renderChipList(w);
    default: return h('p', { class: 'cc-unknown' }, `Widget “${kind}” is not drawn by this preview.`);
  }
}

function renderTextParagraph(w: Json): VElement {
  const el = h('div', { class: 'cc-text' }, parseChatHtml(str(w.text) ?? ''));
  const maxLines = num(w.maxLines);
  return maxLines && maxLines > 0 ? withStyle(el, { '-webkit-line-clamp': String(Math.floor(maxLines)), display: '-webkit-box', '-webkit-box-orient': 'vertical', overflow: 'hidden' }) : el;
}

function renderImage(w: Json): Child {
  const src = safeUrl(w.imageUrl);
  const alt = str(w.altText) ?? '';
  if (!src) return h('div', { class: 'cc-image-missing', role: 'img', 'aria-label': alt || 'image' }, alt || 'image');
  return h('img', { class: 'cc-image', src, alt, loading: 'lazy', referrerpolicy: 'no-referrer', 'data-action': actionOf(obj(w.onClick)) });
}

/** A short, readable description of an OnClick (shown as the button's tooltip; the preview runs nothing). */
export function actionOf(onClick: Json | undefined): string | undefined {
  if (!onClick) return undefined;
  const link = obj(onClick.openLink);
  if (link) return `opens ${str(link.url) ?? 'a link'}`;
  const action = obj(onClick.action);
  if (action) return `runs ${str(action.function) ?? 'an action'}`;
  if (obj(onClick.openDynamicLinkAction)) return 'opens a link chosen by the app';
  if (obj(onClick.card)) return 'opens a card';
  if (obj(onClick.overflowMenu)) return 'opens a menu';
  return undefined;
}

function renderIcon(icon: Json | undefined, cls = 'cc-icon'): Child {
  if (!icon) return null;
  const alt = str(icon.altText);
  const url = safeUrl(icon.iconUrl);
  const round = str(icon.imageType) === 'CIRCLE';
  if (url) return h('img', { class: `${cls} cc-icon-image${round ? ' cc-round' : ''}`, src: url, alt: alt ?? '', referrerpolicy: 'no-referrer' });
  const known = str(icon.knownIcon);
  const material = obj(icon.materialIcon);
  const name = known ?? (material ? str(material.name) : undefined);
  if (!name) return null;
  const glyph = known ? knownIconGlyph(known) ?? materialIconGlyph(known) : materialIconGlyph(name);
  const label = alt ?? iconLabel(name);
  return h('span', { class: cls, role: 'img', 'aria-label': label, title: label, 'data-icon': name }, glyph);
}

function renderDecoratedText(w: Json, ctx: Ctx): VElement {
  const start = obj(w.startIcon) ?? obj(w.icon);
  const wrap = bool(w.wrapText) === true;
  const topLabel = str(w.topLabel);
  const bottomLabel = str(w.bottomLabel);
  const text = str(w.text) ?? '';
  const button = obj(w.button);
  const switchControl = obj(w.switchControl);
  const end = obj(w.endIcon);
  const textId = newId(ctx, 'dt');
  const action = actionOf(obj(w.onClick));
  let control: Child = null;
  if (button) control = renderButton(button);
  else if (switchControl) control = renderSwitch(switchControl, textId);
  else if (end) control = renderIcon(end, 'cc-icon cc-end-icon');
  return h(
    'div',
    { class: `cc-decorated${action ? ' cc-clickable' : ''}`, title: action },
    renderIcon(start),
    h('div', { class: 'cc-dt-body' },
      topLabel && h('div', { class: 'cc-label' }, parseChatHtml(topLabel)),
      h('div', { class: `cc-dt-text${wrap ? '' : ' cc-nowrap'}`, id: textId }, parseChatHtml(text)),
      bottomLabel && h('div', { class: 'cc-label' }, parseChatHtml(bottomLabel)),
    ),
    control && h('div', { class: 'cc-dt-control' }, control),
  );
}

function renderSwitch(sw: Json, labelledBy: string): VElement {
  const type = str(sw.controlType);
  const checkbox = type === 'CHECKBOX' || type === 'CHECK_BOX';
  return h('input', {
    type: 'checkbox', class: checkbox ? 'cc-checkbox' : 'cc-switch', role: checkbox ? undefined : 'switch',
    name: str(sw.name), value: str(sw.value), checked: bool(sw.selected) === true, 'aria-labelledby': labelledBy,
  });
}

/** Chat's rule: a button with a colour is FILLED whatever its type; without a type it is OUTLINED. */
export function buttonVariant(button: Json): 'filled' | 'filled-tonal' | 'outlined' | 'borderless' {
  if (obj(button.color)) return 'filled';
  switch (str(button.type)) {
    case 'FILLED': return 'filled';
    case 'FILLED_TONAL': return 'filled-tonal';
    case 'BORDERLESS': return 'borderless';
    default: return 'outlined';
  }
}

/** Card v2 `Color` (0..1 floats) → CSS, and a text colour that keeps a 4.5:1 contrast on it. */
export function colorOf(color: Json): { background: string; text: string } {
  const c = (v: unknown) => Math.round(Math.min(1, Math.max(0, num(v) ?? 0)) * 255);
  const [r, g, b] = [c(color.red), c(color.green), c(color.blue)];
  const alpha = num(color.alpha);
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  // White text when it contrasts more than black would.
  const text = (1.05 / (luminance + 0.05)) >= ((luminance + 0.05) / 0.05) ? '#ffffff' : '#1f1f1f';
  return { background: alpha === undefined ? `rgb(${r}, ${g}, ${b})` : `rgba(${r}, ${g}, ${b}, ${Math.min(1, Math.max(0, alpha))})`, text };
}

export function renderButton(button: Json): VElement {
  const text = str(button.text);
  const icon = obj(button.icon);
  const alt = str(button.altText);
  const disabled = bool(button.disabled) === true;
  const action = actionOf(obj(button.onClick));
  const variant = buttonVariant(button);
  const el = h(
    'button',
    {
      type: 'button', class: `cc-button cc-button--${variant}${text ? '' : ' cc-button--icon'}`, disabled,
      title: action, 'aria-label': text ? undefined : alt ?? (icon ? iconLabelOf(icon) : 'button'),
      'data-action': action,
    },
    renderIcon(icon, 'cc-icon cc-button-icon'),
    text && h('span', { class: 'cc-button-text' }, text),
  );
  const color = obj(button.color);
  if (color) {
    const { background, text: fg } = colorOf(color);
    withStyle(el, { 'background-color': background, color: fg, 'border-color': background });
  }
  return el;
}

function iconLabelOf(icon: Json): string {
  const name = str(icon.knownIcon) ?? str(obj(icon.materialIcon)?.name);
  return str(icon.altText) ?? (name ? iconLabel(name) : 'button');
}

function renderButtonList(w: Json): VElement {
  return h('div', { class: 'cc-buttons' }, objs(w.buttons).map(renderButton));
}

function renderTextInput(w: Json, ctx: Ctx): VElement {
  const id = newId(ctx, 'input');
  const hintId = newId(ctx, 'hint');
  const label = str(w.label) ?? str(w.name) ?? 'Text';
  const hint = str(w.hintText);
  const multi = str(w.type) === 'MULTIPLE_LINE';
  const attrs = { id, class: 'cc-input', name: str(w.name), 'aria-describedby': hint ? hintId : undefined, placeholder: str(w.placeholderText) };
  return h(
    'div',
    { class: 'cc-field' },
    h('label', { for: id, class: 'cc-field-label' }, label),
    multi ? h('textarea', { ...attrs, rows: 3 }, str(w.value) ?? '') : h('input', { ...attrs, type: 'text', value: str(w.value) ?? '' }),
    hint && h('div', { class: 'cc-hint', id: hintId }, hint),
  );
}

function renderSelectionInput(w: Json, ctx: Ctx): VElement {
  const type = str(w.type) ?? 'CHECK_BOX';
  const label = str(w.label) ?? str(w.name) ?? 'Choose';
  const items = objs(w.items);
  const name = str(w.name);
  if (type === 'DROPDOWN' || type === 'MULTI_SELECT') {
    const id = newId(ctx, 'select');
    return h(
      'div',
      { class: 'cc-field' },
      h('label', { for: id, class: 'cc-field-label' }, label),
      h('select', { id, class: 'cc-select', name, multiple: type === 'MULTI_SELECT' },
        items.map((item) => h('option', { value: str(item.value), selected: bool(item.selected) === true }, str(item.text) ?? str(item.value) ?? ''))),
    );
  }
  const inputType = type === 'RADIO_BUTTON' ? 'radio' : 'checkbox';
  const groupName = name ?? newId(ctx, 'group');
  return h(
    'fieldset',
    { class: 'cc-fieldset' },
    h('legend', { class: 'cc-field-label' }, label),
    items.map((item) => {
      const id = newId(ctx, 'option');
      return h('div', { class: 'cc-option' },
        h('input', { type: inputType, id, name: groupName, value: str(item.value), checked: bool(item.selected) === true, class: type === 'SWITCH' ? 'cc-switch' : undefined, role: type === 'SWITCH' ? 'switch' : undefined }),
        h('label', { for: id }, str(item.text) ?? str(item.value) ?? ''),
        str(item.bottomText) && h('div', { class: 'cc-hint' }, str(item.bottomText)));
    }),
  );
}

/** `valueMsSinceEpoch` shifted by `timezoneOffsetDate` minutes, formatted for the input's type. */
export function dateTimeValue(w: Json): string {
  const ms = num(w.valueMsSinceEpoch);
  if (ms === undefined) return '';
  const d = new Date(ms + (num(w.timezoneOffsetDate) ?? 0) * 60_000);
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  const type = str(w.type) ?? 'DATE_AND_TIME';
  return type === 'DATE_ONLY' ? iso.slice(0, 10) : type === 'TIME_ONLY' ? iso.slice(11, 16) : iso.slice(0, 16);
}

function renderDateTimePicker(w: Json, ctx: Ctx): VElement {
  const id = newId(ctx, 'datetime');
  const type = str(w.type) ?? 'DATE_AND_TIME';
  const inputType = type === 'DATE_ONLY' ? 'date' : type === 'TIME_ONLY' ? 'time' : 'datetime-local';
  return h(
    'div',
    { class: 'cc-field' },
    h('label', { for: id, class: 'cc-field-label' }, str(w.label) ?? str(w.name) ?? 'Date'),
    h('input', { id, class: 'cc-input', type: inputType, name: str(w.name), value: dateTimeValue(w) }),
  );
}

function borderStyle(style: Json | undefined): Record<string, string | undefined> {
  if (!style) return {};
  if (str(style.type) === 'NO_BORDER') return { border: 'none' };
  const stroke = obj(style.strokeColor);
  const radius = num(style.cornerRadius);
  return {
    border: str(style.type) === 'STROKE' ? `1px solid ${stroke ? colorOf(stroke).background : '#c4c7c5'}` : undefined,
    'border-radius': radius !== undefined ? `${radius}px` : undefined,
  };
}

function renderGrid(w: Json, ctx: Ctx): VElement {
  const columns = Math.max(1, Math.min(8, Math.floor(num(w.columnCount) ?? 1)));
  const titleId = newId(ctx, 'grid');
  const title = str(w.title);
  const action = actionOf(obj(w.onClick));
  const itemBorder = borderStyle(obj(w.borderStyle));
  return h(
    'div',
    { class: 'cc-grid-wrap' },
    title && h('div', { class: 'cc-grid-title', id: titleId }, title),
    withStyle(
      h('ul', { class: 'cc-grid', 'aria-labelledby': title ? titleId : undefined, 'data-columns': columns },
        objs(w.items).map((item) => renderGridItem(item, action, itemBorder))),
      { 'grid-template-columns': `repeat(${columns}, minmax(0, 1fr))` },
    ),
  );
}

function renderGridItem(item: Json, action: string | undefined, border: Record<string, string | undefined>): VElement {
  const image = obj(item.image);
  const src = image ? safeUrl(image.imageUri) : undefined;
  const crop = obj(image?.cropStyle);
  const cropType = str(crop?.type) ?? 'SQUARE';
  const ratio = cropType === 'RECTANGLE_4_3' ? '4 / 3' : cropType === 'RECTANGLE_CUSTOM' ? String(num(crop?.aspectRatio) ?? 1) : '1 / 1';
  const below = str(item.layout) !== 'TEXT_ABOVE';
  const text: Child[] = [str(item.title) && h('div', { class: 'cc-grid-item-title' }, str(item.title)), str(item.subtitle) && h('div', { class: 'cc-label' }, str(item.subtitle))];
  const img: Child = image && withStyle(
    src
      ? h('img', { class: `cc-grid-image${cropType === 'CIRCLE' ? ' cc-round' : ''}`, src, alt: str(image.altText) ?? '', loading: 'lazy', referrerpolicy: 'no-referrer' })
      : h('div', { class: 'cc-image-missing', role: 'img', 'aria-label': str(image.altText) ?? 'image' }),
    { 'aspect-ratio': ratio, ...border, ...borderStyle(obj(image.borderStyle)) },
  );
  const el = h('li', { class: 'cc-grid-item', title: action, 'data-item-id': str(item.id) }, below ? [img, text] : [text, img]);
  return withStyle(el, { 'text-align': textAlign(str(item.textAlignment)) ?? (str(item.horizontalAlignment) === 'CENTER' ? 'center' : undefined) });
}

function renderColumns(w: Json, ctx: Ctx): VElement {
  return h(
    'div',
    { class: 'cc-columns' },
    objs(w.columnItems).map((col) => {
      const fill = str(col.horizontalSizeStyle) !== 'FILL_MINIMUM_SPACE';
      const v = str(col.verticalAlignment);
      return withStyle(
        h('div', { class: `cc-column${fill ? ' cc-column--fill' : ''}`, 'data-column': '' }, objs(col.widgets).map((inner) => renderWidget(inner, ctx))),
        {
          'align-items': alignment(str(col.horizontalAlignment)) ?? undefined,
          'justify-content': v === 'CENTER' ? 'center' : v === 'BOTTOM' ? 'flex-end' : undefined,
        },
      );
    }),
  );
}

function renderChipList(w: Json): VElement {
  const scroll = str(w.layout) === 'HORIZONTAL_SCROLLABLE';
  return h(
    'div',
    { class: `cc-chips${scroll ? ' cc-chips--scroll' : ''}`, role: 'group', 'aria-label': 'Chips', tabindex: scroll ? 0 : undefined },
    objs(w.chips).map((chip) => {
      const label = str(chip.label);
      const disabled = bool(chip.disabled) === true || bool(chip.enabled) === false;
      const action = actionOf(obj(chip.onClick));
      return h('button', { type: 'button', class: 'cc-chip', disabled, title: action, 'data-action': action, 'aria-label': label ? undefined : str(chip.altText) ?? 'chip' },
        renderIcon(obj(chip.icon), 'cc-icon cc-chip-icon'), label && h('span', {}, label));
    }),
  );
}

function renderCarousel(w: Json, ctx: Ctx): VElement {
  const cards = objs(w.carouselCards);
  const trackId = newId(ctx, 'carousel');
  return h(
    'div',
    { class: 'cc-carousel', role: 'region', 'aria-roledescription': 'carousel', 'aria-label': `Carousel of ${cards.length} cards` },
    h('button', { type: 'button', class: 'cc-carousel-nav cc-carousel-prev', 'aria-controls': trackId, 'aria-label': 'Previous card', 'data-carousel-step': '-1' }, '‹'),
    h('div', { class: 'cc-carousel-track', id: trackId, tabindex: 0 },
      cards.map((card, i) => h('div', { class: 'cc-carousel-card', role: 'group', 'aria-roledescription': 'slide', 'aria-label': `${i + 1} of ${cards.length}` },
        h('div', { class: 'cc-carousel-body' }, objs(card.widgets).map((inner) => renderWidget(inner, ctx))),
        arr(card.footerWidgets).length > 0 && h('div', { class: 'cc-carousel-footer' }, objs(card.footerWidgets).map((inner) => renderWidget(inner, ctx)))))),
    h('button', { type: 'button', class: 'cc-carousel-nav cc-carousel-next', 'aria-controls': trackId, 'aria-label': 'Next card', 'data-carousel-step': '1' }, '›'),
  );
}

function renderFixedFooter(footer: Json, _ctx: Ctx): VElement {
  const primary = obj(footer.primaryButton);
  const secondary = obj(footer.secondaryButton);
  return h('footer', { class: 'cc-footer' }, secondary && renderButton(secondary), primary && renderButton(primary));
}

/** Plain text of a rendered tree (used for labels). */
export const plainText = (node: VNode): string => textOf(node).replace(/\s+/g, ' ').trim();
