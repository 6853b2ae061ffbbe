/**
 * An independent check of Google Chat Card v2 JSON, written for the tests from Google's published
 * reference (google.apps.card.v1, "Cards v2" in the Chat API docs), NOT from Motif's catalog: it shares
 * no code or data with libs/dag's catalog or param check, which the variator itself filters through. A
 * variation the catalog lets through but Card v2 forbids (an Image carrying `text`, a Button without an
 * action, two inputs with one name) shows up here.
 *
 * Rules: every object has only the fields Card v2 defines for it; required fields are present; enum
 * fields hold a value Card v2 defines; one-of groups hold exactly one member; URLs are absolute http(s);
 * colours have channels in [0, 1]; lists that must not be empty are not; Columns hold one or two
 * columns; a fixed footer's secondary button needs a primary one; form-input names and widget ids are
 * unique within a card; rendered text holds no Jinja and only Chat's HTML subset; at most 100 widgets
 * and 32 KB of JSON per card.
 */

export interface CardProblem {
  /** JSON pointer into the message (`/cardsV2/0/card/sections/0/widgets/1/image`). */
  path: string;
  message: string;
}

type Check = (value: unknown, path: string, ctx: Context) => void;

interface Context {
  problems: CardProblem[];
  names: Map<string, string>;
  ids: Map<string, string>;
  widgets: number;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (ctx: Context, path: string, message: string): void => void ctx.problems.push({ path: path || '/', message });

const str: Check = (v, p, c) => {
  if (typeof v !== 'string') fail(c, p, `expected a string, got ${JSON.stringify(v)}`);
  else text(v, p, c);
};
const nonEmpty: Check = (v, p, c) => {
  str(v, p, c);
  if (typeof v === 'string' && v.trim() === '') fail(c, p, 'must not be empty');
};
const bool: Check = (v, p, c) => void (typeof v !== 'boolean' && fail(c, p, `expected a boolean, got ${JSON.stringify(v)}`));
const int = (min: number): Check => (v, p, c) => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) fail(c, p, `expected an integer >= ${min}, got ${JSON.stringify(v)}`);
};
const anything: Check = () => undefined;
const oneOfValues = (...values: string[]): Check => (v, p, c) => {
  if (typeof v !== 'string' || !values.includes(v)) fail(c, p, `expected one of ${values.join(', ')}, got ${JSON.stringify(v)}`);
};
const url: Check = (v, p, c) => {
  if (typeof v !== 'string' || !/^https?:\/\/[^\s/]+\.[^\s]*$|^https?:\/\/localhost/.test(v)) fail(c, p, `expected an absolute http(s) URL, got ${JSON.stringify(v)}`);
};
const list = (item: Check, min = 0, max = Infinity): Check => (v, p, c) => {
  if (!Array.isArray(v)) return fail(c, p, 'expected an array');
  if (v.length < min) fail(c, p, `expected at least ${min} element(s), got ${v.length}`);
  if (v.length > max) fail(c, p, `expected at most ${max} element(s), got ${v.length}`);
  v.forEach((x, i) => item(x, `${p}/${i}`, c));
};

const ALLOWED_TAGS = new Set(['a', 'b', 'br', 'font', 'i', 's', 'strike', 'u', 'time', 'code', 'pre', 'ul', 'ol', 'li', 'p']);
/** Rendered text: no Jinja left, only tags of Chat's HTML subset. */
function text(v: string, p: string, c: Context): void {
  if (/\{\{|\{%/.test(v)) fail(c, p, `unrendered template in ${JSON.stringify(v)}`);
  for (const m of v.matchAll(/<\/?([A-Za-z][A-Za-z0-9]*)\b[^>]*>/g)) if (!ALLOWED_TAGS.has(m[1].toLowerCase())) fail(c, p, `<${m[1]}> is not in Chat's HTML subset`);
}

interface Shape {
  fields: Record<string, Check>;
  required?: string[];
  /** Exactly one of these must be present. */
  exactlyOne?: string[];
  /** At least one of these must be present. */
  atLeastOne?: string[];
  /** At most one of these may be present. */
  atMostOne?: string[];
  extra?: (o: Record<string, unknown>, p: string, c: Context) => void;
}

function object(name: string, shape: () => Shape): Check {
  let s: Shape | undefined;
  return (v, p, c) => {
    s ??= shape();
    if (!isObj(v)) return fail(c, p, `expected a ${name} object`);
    for (const [k, x] of Object.entries(v)) {
      const check = s.fields[k];
      if (!check) fail(c, `${p}/${k}`, `'${k}' is not a field of ${name}`);
      else check(x, `${p}/${k}`, c);
    }
    for (const k of s.required ?? []) if (v[k] === undefined) fail(c, p, `${name} requires '${k}'`);
    const count = (keys: string[]): number => keys.filter((k) => v[k] !== undefined).length;
    if (s.exactlyOne && count(s.exactlyOne) !== 1) fail(c, p, `${name} must hold exactly one of ${s.exactlyOne.join(', ')} (holds ${count(s.exactlyOne)})`);
    if (s.atLeastOne && count(s.atLeastOne) < 1) fail(c, p, `${name} needs one of ${s.atLeastOne.join(', ')}`);
    if (s.atMostOne && count(s.atMostOne) > 1) fail(c, p, `${name} may hold only one of ${s.atMostOne.join(', ')}`);
    s.extra?.(v, p, c);
  };
}

const unique = (kind: 'names' | 'ids', what: string): Check => (v, p, c) => {
  nonEmpty(v, p, c);
  if (typeof v !== 'string') return;
  const seen = c[kind].get(v);
  if (seen !== undefined) fail(c, p, `${what} '${v}' is used twice in one card (also at ${seen})`);
  else c[kind].set(v, p);
};

// ── google.apps.card.v1 ────────────────────────────────────────────────────────────────────────────
const KNOWN_ICONS = [
  'AIRPLANE', 'BOOKMARK', 'BUS', 'CAR', 'CLOCK', 'CONFIRMATION_NUMBER_ICON', 'DOLLAR', 'DESCRIPTION', 'EMAIL', 'EVENT_PERFORMER',
  'EVENT_SEAT', 'FLIGHT_ARRIVAL', 'FLIGHT_DEPARTURE', 'HOTEL', 'HOTEL_ROOM_TYPE', 'INVITE', 'MAP_PIN', 'MEMBERSHIP', 'MULTIPLE_PEOPLE',
  'OFFER', 'PERSON', 'PHONE', 'RESTAURANT_ICON', 'SHOPPING_CART', 'STAR', 'STORE', 'TICKET', 'TRAIN', 'VIDEO_CAMERA', 'VIDEO_PLAY',
];

const color = object('Color', () => {
  const channel: Check = (v, p, c) => void ((typeof v !== 'number' || v < 0 || v > 1) && fail(c, p, `a colour channel is a number in [0, 1], got ${JSON.stringify(v)}`));
  return { fields: { red: channel, green: channel, blue: channel, alpha: channel } };
});

const actionParameter = object('ActionParameter', () => ({ fields: { key: str, value: str }, required: ['key', 'value'] }));
const action = object('Action', () => ({
  fields: {
    function: nonEmpty,
    parameters: list(actionParameter),
    loadIndicator: oneOfValues('SPINNER', 'NONE'),
    persistValues: bool,
    interaction: oneOfValues('INTERACTION_UNSPECIFIED', 'OPEN_DIALOG'),
    requiredWidgets: list(str),
    allWidgetsAreRequired: bool,
  },
  required: ['function'],
}));
const openLink = object('OpenLink', () => ({ fields: { url, openAs: oneOfValues('FULL_SIZE', 'OVERLAY'), onClose: oneOfValues('NOTHING', 'RELOAD') }, required: ['url'] }));
const overflowMenuItem = object('OverflowMenuItem', () => ({ fields: { startIcon: icon, text: nonEmpty, onClick, disabled: bool }, required: ['text', 'onClick'] }));
const onClick: Check = object('OnClick', () => ({
  fields: { action, openLink, openDynamicLinkAction: action, card: anything, overflowMenu: object('OverflowMenu', () => ({ fields: { items: list(overflowMenuItem, 1) }, required: ['items'] })) },
  exactlyOne: ['action', 'openLink', 'openDynamicLinkAction', 'card', 'overflowMenu'],
}));

const icon: Check = object('Icon', () => ({
  fields: {
    knownIcon: oneOfValues(...KNOWN_ICONS),
    iconUrl: url,
    materialIcon: object('MaterialIcon', () => ({ fields: { name: nonEmpty, fill: bool, weight: int(100), grade: anything }, required: ['name'] })),
    altText: str,
    imageType: oneOfValues('SQUARE', 'CIRCLE'),
  },
  exactlyOne: ['knownIcon', 'iconUrl', 'materialIcon'],
}));

const buttonFields = (): Record<string, Check> => ({
  text: str,
  icon,
  color,
  onClick,
  disabled: bool,
  altText: str,
  type: oneOfValues('TYPE_UNSPECIFIED', 'OUTLINED', 'FILLED', 'FILLED_TONAL', 'BORDERLESS'),
});
/** A button that does something when clicked: Card v2 requires its onClick. */
const button = object('Button', () => ({ fields: buttonFields(), required: ['onClick'], atLeastOne: ['text', 'icon'] }));
/** A fixed footer's buttons are text buttons. */
const footerButton = object('Button', () => ({ fields: buttonFields(), required: ['onClick', 'text'] }));
/** Chat itself expands and collapses a section: these buttons need no onClick. */
const collapseButton = object('Button', () => ({ fields: buttonFields(), atLeastOne: ['text', 'icon'] }));

const textParagraph = object('TextParagraph', () => ({ fields: { text: str, maxLines: int(1), textSyntax: oneOfValues('TEXT_SYNTAX_UNSPECIFIED', 'HTML', 'MARKDOWN') }, required: ['text'] }));
const image = object('Image', () => ({ fields: { imageUrl: url, onClick, altText: str }, required: ['imageUrl'] }));
const buttonList = object('ButtonList', () => ({ fields: { buttons: list(button, 1) }, required: ['buttons'] }));
const switchControl = object('SwitchControl', () => ({
  fields: { name: unique('names', 'input name'), value: str, selected: bool, onChangeAction: action, controlType: oneOfValues('SWITCH', 'CHECKBOX', 'CHECK_BOX') },
  required: ['name'],
}));
const decoratedText = object('DecoratedText', () => ({
  fields: {
    icon, startIcon: icon, endIcon: icon, startIconVerticalAlignment: oneOfValues('VERTICAL_ALIGNMENT_UNSPECIFIED', 'TOP', 'MIDDLE', 'BOTTOM'),
    topLabel: str, topLabelText: anything, text: str, contentText: anything, wrapText: bool, bottomLabel: str, bottomLabelText: anything,
    onClick, button, switchControl,
  },
  required: ['text'],
  atMostOne: ['button', 'switchControl', 'endIcon'],
}));
const textInput = object('TextInput', () => ({
  fields: {
    name: unique('names', 'input name'), label: str, hintText: str, value: str, type: oneOfValues('SINGLE_LINE', 'MULTIPLE_LINE'),
    onChangeAction: action, initialSuggestions: anything, autoCompleteAction: action, validation: anything, placeholderText: str, hostAppDataSource: anything,
  },
  required: ['name'],
  atLeastOne: ['label', 'hintText'],
}));
const selectionItem = object('SelectionItem', () => ({ fields: { text: str, value: str, selected: bool, startIconUri: url, bottomText: str }, required: ['text', 'value'] }));
const selectionInput = object('SelectionInput', () => ({
  fields: {
    name: unique('names', 'input name'), label: str, type: oneOfValues('CHECK_BOX', 'RADIO_BUTTON', 'SWITCH', 'DROPDOWN', 'MULTI_SELECT'),
    items: list(selectionItem), onChangeAction: action, multiSelectMaxSelectedItems: int(1), multiSelectMinQueryLength: int(0),
    externalDataSource: action, platformDataSource: anything, dataSourceConfigs: anything, hintText: str,
  },
  required: ['name'],
}));
const dateTimePicker = object('DateTimePicker', () => ({
  fields: {
    name: unique('names', 'input name'), label: str, type: oneOfValues('DATE_AND_TIME', 'DATE_ONLY', 'TIME_ONLY'),
    valueMsEpoch: (v, p, c) => void (!/^\d+$/.test(String(v)) && fail(c, p, 'valueMsEpoch is milliseconds since the epoch')),
    timezoneOffsetDate: (v, p, c) => void (!Number.isInteger(v) && fail(c, p, 'timezoneOffsetDate is an integer')),
    onChangeAction: action, hostAppDataSource: anything,
  },
  required: ['name'],
}));
const gridImage = object('ImageComponent', () => ({ fields: { imageUri: url, altText: str, cropStyle: anything, borderStyle: anything }, required: ['imageUri'] }));
const gridItem = object('GridItem', () => ({
  fields: { id: str, image: gridImage, title: str, subtitle: str, layout: oneOfValues('GRID_ITEM_LAYOUT_UNSPECIFIED', 'TEXT_BELOW', 'TEXT_ABOVE') },
}));
const grid = object('Grid', () => ({ fields: { title: str, items: list(gridItem, 1), borderStyle: anything, columnCount: int(1), onClick }, required: ['items'] }));
const chip = object('Chip', () => ({ fields: { icon, label: str, onClick, enabled: bool, disabled: bool, altText: str }, atLeastOne: ['label', 'icon'] }));
const chipList = object('ChipList', () => ({ fields: { layout: oneOfValues('LAYOUT_UNSPECIFIED', 'WRAPPED', 'HORIZONTAL_SCROLLABLE'), chips: list(chip, 1) }, required: ['chips'] }));
const nestedWidget = object('NestedWidget', () => ({ fields: { textParagraph, buttonList, image }, exactlyOne: ['textParagraph', 'buttonList', 'image'] }));
const carouselCard = object('CarouselCard', () => ({ fields: { widgets: list(nestedWidget, 1), footerWidgets: list(nestedWidget) }, required: ['widgets'] }));
const carousel = object('Carousel', () => ({ fields: { carouselCards: list(carouselCard, 1) }, required: ['carouselCards'] }));

const WIDGETS: Record<string, Check> = { textParagraph, image, decoratedText, buttonList, textInput, selectionInput, dateTimePicker, divider: object('Divider', () => ({ fields: {} })), grid, columns: anything, carousel, chipList };
const COLUMN_WIDGETS = ['textParagraph', 'image', 'decoratedText', 'buttonList', 'textInput', 'selectionInput', 'dateTimePicker', 'chipList'];
const columnWidget = object('Column widget', () => ({
  fields: Object.fromEntries(COLUMN_WIDGETS.map((k) => [k, countedWidget(WIDGETS[k])])),
  exactlyOne: COLUMN_WIDGETS,
}));
const column = object('Column', () => ({
  fields: {
    horizontalSizeStyle: oneOfValues('HORIZONTAL_SIZE_STYLE_UNSPECIFIED', 'FILL_AVAILABLE_SPACE', 'FILL_MINIMUM_SPACE'),
    horizontalAlignment: oneOfValues('HORIZONTAL_ALIGNMENT_UNSPECIFIED', 'START', 'CENTER', 'END'),
    verticalAlignment: oneOfValues('VERTICAL_ALIGNMENT_UNSPECIFIED', 'CENTER', 'TOP', 'BOTTOM'),
    widgets: list(columnWidget),
  },
}));
WIDGETS.columns = object('Columns', () => ({ fields: { columnItems: list(column, 1, 2) }, required: ['columnItems'] }));

function countedWidget(check: Check): Check {
  return (v, p, c) => {
    c.widgets++;
    check(v, p, c);
  };
}

const widget = object('Widget', () => ({
  fields: {
    ...Object.fromEntries(Object.entries(WIDGETS).map(([k, check]) => [k, countedWidget(check)])),
    horizontalAlignment: oneOfValues('HORIZONTAL_ALIGNMENT_UNSPECIFIED', 'START', 'CENTER', 'END'),
    id: unique('ids', 'widget id'),
    visibility: oneOfValues('VISIBILITY_UNSPECIFIED', 'VISIBLE', 'HIDDEN'),
    eventActions: anything,
  },
  exactlyOne: Object.keys(WIDGETS),
}));
const collapseControl = object('CollapseControl', () => ({
  fields: { horizontalAlignment: oneOfValues('HORIZONTAL_ALIGNMENT_UNSPECIFIED', 'START', 'CENTER', 'END'), expandButton: collapseButton, collapseButton },
}));
const section = object('Section', () => ({
  fields: { header: str, widgets: list(widget), collapsible: bool, uncollapsibleWidgetsCount: int(0), collapseControl, id: unique('ids', 'section id') },
}));
const cardHeader = object('CardHeader', () => ({ fields: { title: nonEmpty, subtitle: str, imageType: oneOfValues('SQUARE', 'CIRCLE'), imageUrl: url, imageAltText: str }, required: ['title'] }));
const fixedFooter = object('CardFixedFooter', () => ({
  fields: { primaryButton: footerButton, secondaryButton: footerButton },
  atLeastOne: ['primaryButton', 'secondaryButton'],
  extra: (o, p, c) => void (o.secondaryButton !== undefined && o.primaryButton === undefined && fail(c, p, 'a fixed footer with a secondaryButton needs a primaryButton')),
}));
const cardAction = object('CardAction', () => ({ fields: { actionLabel: nonEmpty, onClick }, required: ['actionLabel', 'onClick'] }));
const card = object('Card', () => ({
  fields: {
    header: cardHeader, sections: list(section, 1), sectionDividerStyle: oneOfValues('DIVIDER_STYLE_UNSPECIFIED', 'SOLID_DIVIDER', 'NO_DIVIDER'),
    cardActions: list(cardAction), name: str, fixedFooter, displayStyle: oneOfValues('DISPLAY_STYLE_UNSPECIFIED', 'PEEK', 'REPLACE'),
    peekCardHeader: cardHeader, expressionData: anything,
  },
  required: ['sections'],
}));

const MAX_WIDGETS = 100;
const MAX_BYTES = 32 * 1024;

/** Every Card v2 problem of one card object (what goes in `cardsV2[].card`). */
export function cardProblems(value: unknown, path = '/card'): CardProblem[] {
  const ctx: Context = { problems: [], names: new Map(), ids: new Map(), widgets: 0 };
  card(value, path, ctx);
  if (ctx.widgets > MAX_WIDGETS) fail(ctx, path, `${ctx.widgets} widgets: Google Chat allows ${MAX_WIDGETS} per card`);
  const bytes = Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
  if (bytes > MAX_BYTES) fail(ctx, path, `${bytes} bytes of JSON: Google Chat allows ${MAX_BYTES} per card`);
  return ctx.problems;
}

/** Every Card v2 problem of a message `{"cardsV2": [{"cardId", "card"}]}`. */
export function messageProblems(message: unknown): CardProblem[] {
  if (!isObj(message) || !Array.isArray(message.cardsV2) || message.cardsV2.length === 0) return [{ path: '/cardsV2', message: 'expected a non-empty cardsV2 array' }];
  const problems: CardProblem[] = [];
  const cardIds = new Set<string>();
  message.cardsV2.forEach((entry, i) => {
    const at = `/cardsV2/${i}`;
    if (!isObj(entry)) return void problems.push({ path: at, message: 'expected {cardId, card}' });
    for (const k of Object.keys(entry)) if (k !== 'cardId' && k !== 'card') problems.push({ path: `${at}/${k}`, message: `'${k}' is not a field of a cardsV2 entry` });
    if (typeof entry.cardId !== 'string' || entry.cardId === '') problems.push({ path: `${at}/cardId`, message: 'a cardId is required' });
    else if (cardIds.has(entry.cardId)) problems.push({ path: `${at}/cardId`, message: `cardId '${entry.cardId}' is used twice` });
    else cardIds.add(entry.cardId);
    problems.push(...cardProblems(entry.card, `${at}/card`));
  });
  return problems;
}
