import type { CatalogDocument, ParamSpec } from '../catalog/catalog-types';
import { cardV2Component as c, props, type CardsV2Entry, type CardsV2MessageShape, type V1 } from './card-v2-fields';

/*
 * The built-in Google Chat cards v2 catalog (google.apps.card.v1). Field names are checked against
 * `@googleapis/chat`'s types at compile time (card-v2-fields.ts); enum values come from the
 * official card.proto. Symbols are frozen: stored DSL strings depend on them.
 */

const str: ParamSpec = { type: 'string' };
const bool: ParamSpec = { type: 'boolean' };
const int0: ParamSpec = { type: 'integer', min: 0 };
const url: ParamSpec = { type: 'url' };
const anyObject: ParamSpec = { type: 'object' };
const anyArray: ParamSpec = { type: 'array', items: { type: 'object' } };
const enumOf = (values: string[], presentation = false): ParamSpec => ({ type: 'enum', values, ...(presentation ? { presentation: true } : {}) });

const IMAGE_TYPE = enumOf(['SQUARE', 'CIRCLE'], true);
const HORIZONTAL_ALIGNMENT = enumOf(['HORIZONTAL_ALIGNMENT_UNSPECIFIED', 'START', 'CENTER', 'END'], true);

/** google.type.Color: channels in [0, 1]. */
const color: ParamSpec = {
  type: 'object',
  presentation: true,
  properties: {
    red: { type: 'number', min: 0, max: 1 },
    green: { type: 'number', min: 0, max: 1 },
    blue: { type: 'number', min: 0, max: 1 },
    alpha: { type: 'number', min: 0, max: 1 },
  },
};

const action: ParamSpec = {
  type: 'object',
  properties: props<V1['Action']>({
    function: { type: 'string', required: true, min: 1 },
    parameters: { type: 'array', items: { type: 'object', properties: { key: { type: 'string', required: true }, value: { type: 'string', required: true } } } },
    loadIndicator: enumOf(['SPINNER', 'NONE']),
    persistValues: bool,
    interaction: enumOf(['INTERACTION_UNSPECIFIED', 'OPEN_DIALOG']),
    requiredWidgets: { type: 'array', items: str },
    allWidgetsAreRequired: bool,
  }),
};

const openLink: ParamSpec = {
  type: 'object',
  properties: props<V1['OpenLink']>({
    url: { type: 'url', required: true },
    openAs: enumOf(['FULL_SIZE', 'OVERLAY']),
    onClose: enumOf(['NOTHING', 'RELOAD']),
  }),
};

const overflowMenu: ParamSpec = {
  type: 'object',
  properties: {
    items: {
      type: 'array',
      minItems: 1,
      items: { type: 'object', properties: { text: { type: 'string', required: true }, onClick: { type: 'object' }, startIcon: anyObject, disabled: bool } },
    },
  },
};

const onClick: ParamSpec = {
  type: 'object',
  oneOf: ['action', 'openLink', 'openDynamicLinkAction', 'card', 'overflowMenu'],
  properties: props<V1['OnClick']>({ action, openLink, openDynamicLinkAction: action, card: anyObject, overflowMenu }),
};

const buttonParams = {
  text: str,
  onClick: { ...onClick, required: true },
  color,
  disabled: bool,
  type: enumOf(['TYPE_UNSPECIFIED', 'OUTLINED', 'FILLED', 'FILLED_TONAL', 'BORDERLESS'], true),
  altText: str,
};
const BUTTON_WITHOUT_ACTION = props<V1['Button']>({ ...buttonParams, onClick });
const FOOTER_BUTTON = props<V1['Button']>({ ...buttonParams, text: { type: 'string', required: true } });

const KNOWN_ICONS = [
  'AIRPLANE', 'BOOKMARK', 'BUS', 'CAR', 'CLOCK', 'CONFIRMATION_NUMBER_ICON', 'DESCRIPTION', 'DOLLAR', 'EMAIL', 'EVENT_SEAT',
  'FLIGHT_ARRIVAL', 'FLIGHT_DEPARTURE', 'HOTEL', 'HOTEL_ROOM_TYPE', 'INVITE', 'MAP_PIN', 'MEMBERSHIP', 'MULTIPLE_PEOPLE', 'PERSON',
  'PHONE', 'RESTAURANT_ICON', 'SHOPPING_CART', 'STAR', 'STORE', 'TICKET', 'TRAIN', 'VIDEO_CAMERA', 'VIDEO_PLAY',
];

const WIDGET_KINDS = ['DecoratedText', 'TextParagraph', 'Image', 'Divider', 'ButtonList', 'Grid', 'Columns', 'SelectionInput', 'TextInput', 'DateTimePicker', 'ChipList', 'Carousel'] as const;
const COLUMN_WIDGET_KINDS = ['DecoratedText', 'TextParagraph', 'Image', 'ButtonList', 'SelectionInput', 'TextInput', 'DateTimePicker', 'ChipList'] as const;

export const GOOGLE_CHAT_CARDS_V2: CatalogDocument = {
  id: 'google-chat-cards-v2',
  version: '2.1.0',
  name: 'Google Chat cards v2',
  description:
    'Google Chat card messages (google.apps.card.v1): containment, multiplicities, wrapper rules, every Card v2 field with its type, required-ness and enum values, and which fields are presentation. Symbols are frozen: never change one, stored DSL strings depend on them.',
  roots: ['Card', 'Section', 'Message'],
  components: [
    c<CardsV2MessageShape, CardsV2Entry>({
      name: 'Message', symbol: 'μ', description: 'A whole Chat message carrying one or more cards.', modulePath: 'card_framework.v2.message.Message',
      params: {},
      edges: [{ field: 'cardsV2', child: 'Card', min: 1, max: null }],
      card: { wrapped: ['cardsV2'], wrapperFields: ['cardId'] },
    }),
    c<V1['Card']>({
      name: 'Card', symbol: '©', description: 'A card: optional header, one or more sections, optional fixed footer.', modulePath: 'card_framework.v2.card.Card',
      params: {
        name: str,
        cardActions: { type: 'array', items: { type: 'object', properties: { actionLabel: { type: 'string', required: true }, onClick: { ...onClick, required: true } } } },
        displayStyle: enumOf(['DISPLAY_STYLE_UNSPECIFIED', 'PEEK', 'REPLACE']),
        peekCardHeader: anyObject,
        sectionDividerStyle: enumOf(['DIVIDER_STYLE_UNSPECIFIED', 'SOLID_DIVIDER', 'NO_DIVIDER'], true),
        expressionData: anyArray,
      },
      edges: [
        { field: 'header', child: 'CardHeader', min: 0, max: 1 },
        { field: 'sections', child: 'Section', min: 1, max: null },
        { field: 'fixedFooter', child: 'CardFixedFooter', min: 0, max: 1 },
      ],
      card: { key: 'card' },
    }),
    c<V1['CardHeader']>({
      name: 'CardHeader', symbol: '◆', description: 'Card header with title, subtitle and image.', modulePath: 'card_framework.v2.card.CardHeader', aliases: ['Header'],
      params: { title: { type: 'string', required: true }, subtitle: str, imageUrl: url, imageType: IMAGE_TYPE, imageAltText: str },
    }),
    c<V1['CardFixedFooter']>({
      name: 'CardFixedFooter', symbol: '▁', description: 'Footer fixed at the bottom of a card (dialogs): a primary and an optional secondary button.', modulePath: 'card_framework.v2.card.CardFixedFooter', aliases: ['FixedFooter'],
      params: {},
      // Card v2: both are text buttons, and a secondary button needs a primary one.
      edges: [
        { field: 'primaryButton', child: 'Button', min: 1, max: 1, childParams: FOOTER_BUTTON },
        { field: 'secondaryButton', child: 'Button', min: 0, max: 1, childParams: FOOTER_BUTTON },
      ],
    }),
    c<V1['Section'], V1['Widget']>({
      name: 'Section', symbol: '§', description: 'A section of a card holding widgets.', modulePath: 'card_framework.v2.section.Section',
      params: { header: str, collapsible: { type: 'boolean', presentation: true }, uncollapsibleWidgetsCount: { ...int0, presentation: true }, id: str },
      edges: [
        ...WIDGET_KINDS.map((child) => ({ field: 'widgets' as const, child, min: 0, max: null })),
        { field: 'collapseControl', child: 'CollapseControl', min: 0, max: 1 },
      ],
      groups: [{ fields: ['widgets'], min: 0, max: 100, description: 'a section holds at most 100 widgets' }],
      card: { wrapped: ['widgets'], wrapperFields: ['horizontalAlignment', 'id', 'visibility', 'eventActions'] },
    }),
    c<V1['CollapseControl']>({
      name: 'CollapseControl', symbol: '⌄', description: 'Expand/collapse control of a collapsible section.', modulePath: 'card_framework.v2.section.CollapseControl',
      params: { horizontalAlignment: HORIZONTAL_ALIGNMENT },
      // Chat itself expands and collapses: these buttons need no onClick.
      edges: [
        { field: 'expandButton', child: 'Button', min: 0, max: 1, childParams: BUTTON_WITHOUT_ACTION },
        { field: 'collapseButton', child: 'Button', min: 0, max: 1, childParams: BUTTON_WITHOUT_ACTION },
      ],
    }),
    c<V1['DecoratedText']>({
      name: 'DecoratedText', symbol: 'δ', description: 'Text with optional labels, icons and a button or switch.', modulePath: 'card_framework.v2.widgets.decorated_text.DecoratedText',
      params: {
        text: { type: 'string', required: true },
        topLabel: str, bottomLabel: str,
        wrapText: { type: 'boolean', presentation: true },
        onClick,
        startIconVerticalAlignment: enumOf(['VERTICAL_ALIGNMENT_UNSPECIFIED', 'TOP', 'MIDDLE', 'BOTTOM'], true),
        topLabelText: anyObject, contentText: anyObject, bottomLabelText: anyObject,
        icon: anyObject,
      },
      edges: [
        { field: 'startIcon', child: 'Icon', min: 0, max: 1 },
        { field: 'endIcon', child: 'Icon', min: 0, max: 1 },
        { field: 'button', child: 'Button', min: 0, max: 1 },
        { field: 'switchControl', child: 'SwitchControl', min: 0, max: 1 },
      ],
      groups: [{ fields: ['button', 'switchControl', 'endIcon'], min: 0, max: 1, description: 'a decorated text holds at most one of a button, a switch control or an end icon' }],
      card: { key: 'decoratedText' },
    }),
    c<V1['TextParagraph']>({
      name: 'TextParagraph', symbol: 'ʈ', description: 'A paragraph of text (simple HTML allowed).', modulePath: 'card_framework.v2.widgets.text_paragraph.TextParagraph',
      params: { text: { type: 'string', required: true }, maxLines: { type: 'integer', min: 1, presentation: true }, textSyntax: enumOf(['TEXT_SYNTAX_UNSPECIFIED', 'HTML', 'MARKDOWN']) },
      card: { key: 'textParagraph' },
    }),
    c<V1['Image']>({
      name: 'Image', symbol: 'ǐ', description: 'An image.', modulePath: 'card_framework.v2.widgets.image.Image',
      params: { imageUrl: { type: 'url', required: true }, altText: str, onClick },
      card: { key: 'image' },
    }),
    c<V1['Divider']>({
      name: 'Divider', symbol: 'Đ', description: 'A horizontal line.', modulePath: 'card_framework.v2.widgets.divider.Divider',
      params: {},
      card: { key: 'divider' },
    }),
    c<V1['ButtonList']>({
      name: 'ButtonList', symbol: 'Ƀ', description: 'A row of buttons.', modulePath: 'card_framework.v2.widgets.button_list.ButtonList',
      params: {},
      edges: [{ field: 'buttons', child: 'Button', min: 1, max: null }],
      card: { key: 'buttonList' },
    }),
    c<V1['Button']>({
      name: 'Button', symbol: 'ᵬ', description: 'A button (must sit in a ButtonList where widgets are expected).', modulePath: 'card_framework.v2.widgets.button.Button',
      wrapper: 'ButtonList', listParam: 'buttons',
      params: buttonParams,
      edges: [{ field: 'icon', child: 'Icon', min: 0, max: 1 }],
      requireOneOf: [['text', 'icon']],
    }),
    c<V1['Icon']>({
      name: 'Icon', symbol: 'ɨ', description: 'A built-in, Material or custom icon.', modulePath: 'card_framework.v2.widgets.icon.Icon',
      params: {
        knownIcon: enumOf(KNOWN_ICONS, true),
        iconUrl: url,
        materialIcon: { type: 'object', properties: { name: { type: 'string', required: true }, fill: bool, weight: { type: 'integer' }, grade: { type: 'integer' } } },
        altText: str,
        imageType: IMAGE_TYPE,
      },
      requireOneOf: [['knownIcon', 'iconUrl', 'materialIcon']],
    }),
    c<V1['Grid']>({
      name: 'Grid', symbol: 'ℊ', description: 'A grid of items.', modulePath: 'card_framework.v2.widgets.grid.Grid',
      params: { title: str, columnCount: { type: 'integer', min: 1, presentation: true }, borderStyle: anyObject, onClick },
      edges: [{ field: 'items', child: 'GridItem', min: 1, max: null }],
      card: { key: 'grid' },
    }),
    c<V1['GridItem']>({
      name: 'GridItem', symbol: 'ǵ', description: 'One grid cell.', modulePath: 'card_framework.v2.widgets.grid_item.GridItem',
      wrapper: 'Grid', listParam: 'items',
      params: { id: str, title: str, subtitle: str, layout: enumOf(['GRID_ITEM_LAYOUT_UNSPECIFIED', 'TEXT_BELOW', 'TEXT_ABOVE'], true) },
      edges: [{
        field: 'image', child: 'Image', min: 0, max: 1,
        // A grid cell's image is an ImageComponent, not an Image widget.
        childParams: props<V1['ImageComponent']>({ imageUri: { type: 'url', required: true }, altText: str, cropStyle: anyObject, borderStyle: anyObject }),
      }],
    }),
    c<V1['Columns']>({
      name: 'Columns', symbol: '¢', description: 'Up to two columns side by side.', modulePath: 'card_framework.v2.widgets.columns.Columns',
      params: {},
      edges: [{ field: 'columnItems', child: 'Column', min: 1, max: 2 }],
      card: { key: 'columns' },
    }),
    c<V1['Column'], V1['Widgets']>({
      name: 'Column', symbol: 'ç', description: 'One column of a Columns widget.', modulePath: 'card_framework.v2.widgets.column.Column',
      wrapper: 'Columns', listParam: 'columns',
      params: {
        horizontalSizeStyle: enumOf(['HORIZONTAL_SIZE_STYLE_UNSPECIFIED', 'FILL_AVAILABLE_SPACE', 'FILL_MINIMUM_SPACE'], true),
        horizontalAlignment: HORIZONTAL_ALIGNMENT,
        verticalAlignment: enumOf(['VERTICAL_ALIGNMENT_UNSPECIFIED', 'CENTER', 'TOP', 'BOTTOM'], true),
      },
      edges: COLUMN_WIDGET_KINDS.map((child) => ({ field: 'widgets' as const, child, min: 0, max: null })),
      card: { wrapped: ['widgets'] },
    }),
    c<V1['SelectionInput']>({
      name: 'SelectionInput', symbol: '◄', description: 'Checkboxes, radio buttons, switches or a dropdown.', modulePath: 'card_framework.v2.widgets.selection_input.SelectionInput',
      params: {
        name: { type: 'string', required: true, min: 1 },
        label: str,
        type: enumOf(['CHECK_BOX', 'RADIO_BUTTON', 'SWITCH', 'DROPDOWN', 'MULTI_SELECT'], true),
        items: {
          type: 'array',
          items: { type: 'object', properties: { text: { type: 'string', required: true }, value: { type: 'string', required: true }, selected: bool, startIconUri: url, bottomText: str } },
        },
        onChangeAction: action,
        multiSelectMaxSelectedItems: { type: 'integer', min: 1 },
        multiSelectMinQueryLength: int0,
        externalDataSource: action,
        platformDataSource: anyObject,
        dataSourceConfigs: anyArray,
        hintText: str,
      },
      card: { key: 'selectionInput' },
    }),
    c<V1['TextInput']>({
      name: 'TextInput', symbol: 'τ', description: 'A text field.', modulePath: 'card_framework.v2.widgets.text_input.TextInput',
      params: {
        name: { type: 'string', required: true, min: 1 },
        label: str, hintText: str, value: str, placeholderText: str,
        type: enumOf(['SINGLE_LINE', 'MULTIPLE_LINE'], true),
        onChangeAction: action, autoCompleteAction: action,
        initialSuggestions: anyObject, validation: anyObject, hostAppDataSource: anyObject,
      },
      requireOneOf: [['label', 'hintText']],
      card: { key: 'textInput' },
    }),
    c<V1['DateTimePicker']>({
      name: 'DateTimePicker', symbol: '▪', description: 'A date and/or time picker.', modulePath: 'card_framework.v2.widgets.date_time_picker.DateTimePicker',
      params: {
        name: { type: 'string', required: true, min: 1 },
        label: str,
        type: enumOf(['DATE_AND_TIME', 'DATE_ONLY', 'TIME_ONLY']),
        valueMsEpoch: { type: 'string' },
        timezoneOffsetDate: { type: 'integer' },
        onChangeAction: action,
        hostAppDataSource: anyObject,
      },
      card: { key: 'dateTimePicker' },
    }),
    c<V1['SwitchControl']>({
      name: 'SwitchControl', symbol: '►', description: 'A switch or checkbox inside a DecoratedText.', modulePath: 'card_framework.v2.widgets.switch_control.SwitchControl',
      params: { name: { type: 'string', required: true, min: 1 }, value: str, selected: bool, onChangeAction: action, controlType: enumOf(['SWITCH', 'CHECKBOX', 'CHECK_BOX'], true) },
    }),
    c<V1['ChipList']>({
      name: 'ChipList', symbol: 'ȼ', description: 'A list of chips.', modulePath: 'card_framework.v2.widgets.chip_list.ChipList',
      params: { layout: enumOf(['LAYOUT_UNSPECIFIED', 'WRAPPED', 'HORIZONTAL_SCROLLABLE'], true) },
      edges: [{ field: 'chips', child: 'Chip', min: 1, max: null }],
      card: { key: 'chipList' },
    }),
    c<V1['Chip']>({
      name: 'Chip', symbol: 'ℂ', description: 'A chip (must sit in a ChipList).', modulePath: 'card_framework.v2.widgets.chip.Chip',
      wrapper: 'ChipList', listParam: 'chips',
      params: { label: str, onClick, enabled: bool, disabled: bool, altText: str },
      edges: [{ field: 'icon', child: 'Icon', min: 0, max: 1 }],
      requireOneOf: [['label', 'icon']],
    }),
    c<V1['Carousel']>({
      name: 'Carousel', symbol: '⟳', description: 'A carousel of cards.', modulePath: 'card_framework.v2.widgets.carousel.Carousel',
      params: {},
      edges: [{ field: 'carouselCards', child: 'CarouselCard', min: 1, max: null }],
      card: { key: 'carousel' },
    }),
    c<V1['CarouselCard']>({
      name: 'CarouselCard', symbol: '▭', description: 'One card of a carousel.', modulePath: 'card_framework.v2.widgets.carousel_card.CarouselCard',
      wrapper: 'Carousel', listParam: 'carouselCards',
      params: {},
      edges: [
        { field: 'widgets', child: 'NestedWidget', min: 1, max: null },
        { field: 'footerWidgets', child: 'NestedWidget', min: 0, max: null },
      ],
    }),
    c<V1['NestedWidget']>({
      name: 'NestedWidget', symbol: 'ŋ', description: 'A widget inside a carousel card: exactly one of a text paragraph, a button list or an image.', modulePath: 'card_framework.v2.widgets.nested_widget.NestedWidget',
      params: {},
      edges: [
        { field: 'textParagraph', child: 'TextParagraph', min: 0, max: 1 },
        { field: 'buttonList', child: 'ButtonList', min: 0, max: 1 },
        { field: 'image', child: 'Image', min: 0, max: 1 },
      ],
      groups: [{ fields: ['textParagraph', 'buttonList', 'image'], min: 1, max: 1, description: 'a nested widget holds exactly one of TextParagraph, ButtonList, Image' }],
    }),
  ],
};
