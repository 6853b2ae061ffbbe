import type { chat_v1 } from '@googleapis/chat';
import type { CardMapping, CatalogComponentDocument, ChildEdge, EdgeGroup, ParamSpec } from '../catalog/catalog-types';

/**
 * Ties a catalog component to its official Card v2 type at compile time: every param key, edge
 * field, group field, wrapped field and one-of group must be a field of `T`, so a misspelt field (or
 * one Google removed) fails `tsc`. Type-only: `@googleapis/chat` is never loaded at run time.
 */
type FieldOf<T> = Extract<keyof T, string>;

export interface CardV2Component<T, W = never> extends Omit<CatalogComponentDocument, 'params' | 'edges' | 'groups' | 'card' | 'requireOneOf'> {
  params: { [K in FieldOf<T>]?: ParamSpec };
  edges?: Array<ChildEdge & { field: FieldOf<T> }>;
  groups?: Array<EdgeGroup & { fields: Array<FieldOf<T>> }>;
  card?: Omit<CardMapping, 'wrapped' | 'wrapperFields'> & { wrapped?: Array<FieldOf<T>>; wrapperFields?: Array<FieldOf<W>> };
  requireOneOf?: Array<Array<FieldOf<T>>>;
}

export const cardV2Component = <T, W = never>(spec: CardV2Component<T, W>): CatalogComponentDocument => spec as CatalogComponentDocument;

export type V1 = {
  Card: chat_v1.Schema$GoogleAppsCardV1Card;
  CardHeader: chat_v1.Schema$GoogleAppsCardV1CardHeader;
  CardFixedFooter: chat_v1.Schema$GoogleAppsCardV1CardFixedFooter;
  Section: chat_v1.Schema$GoogleAppsCardV1Section;
  CollapseControl: chat_v1.Schema$GoogleAppsCardV1CollapseControl;
  Widget: chat_v1.Schema$GoogleAppsCardV1Widget;
  Widgets: chat_v1.Schema$GoogleAppsCardV1Widgets;
  DecoratedText: chat_v1.Schema$GoogleAppsCardV1DecoratedText;
  TextParagraph: chat_v1.Schema$GoogleAppsCardV1TextParagraph;
  Image: chat_v1.Schema$GoogleAppsCardV1Image;
  ImageComponent: chat_v1.Schema$GoogleAppsCardV1ImageComponent;
  Divider: chat_v1.Schema$GoogleAppsCardV1Divider;
  ButtonList: chat_v1.Schema$GoogleAppsCardV1ButtonList;
  Button: chat_v1.Schema$GoogleAppsCardV1Button;
  Icon: chat_v1.Schema$GoogleAppsCardV1Icon;
  Grid: chat_v1.Schema$GoogleAppsCardV1Grid;
  GridItem: chat_v1.Schema$GoogleAppsCardV1GridItem;
  Columns: chat_v1.Schema$GoogleAppsCardV1Columns;
  Column: chat_v1.Schema$GoogleAppsCardV1Column;
  SelectionInput: chat_v1.Schema$GoogleAppsCardV1SelectionInput;
  TextInput: chat_v1.Schema$GoogleAppsCardV1TextInput;
  DateTimePicker: chat_v1.Schema$GoogleAppsCardV1DateTimePicker;
  SwitchControl: chat_v1.Schema$GoogleAppsCardV1SwitchControl;
  ChipList: chat_v1.Schema$GoogleAppsCardV1ChipList;
  Chip: chat_v1.Schema$GoogleAppsCardV1Chip;
  Carousel: chat_v1.Schema$GoogleAppsCardV1Carousel;
  CarouselCard: chat_v1.Schema$GoogleAppsCardV1CarouselCard;
  NestedWidget: chat_v1.Schema$GoogleAppsCardV1NestedWidget;
  OnClick: chat_v1.Schema$GoogleAppsCardV1OnClick;
  Action: chat_v1.Schema$GoogleAppsCardV1Action;
  OpenLink: chat_v1.Schema$GoogleAppsCardV1OpenLink;
};

/** A message is not a Card v2 type of its own: `{"cardsV2": [{"cardId", "card"}]}`. */
export interface CardsV2MessageShape {
  cardsV2?: Array<{ cardId?: string; card?: unknown }>;
}
export interface CardsV2Entry {
  cardId?: string;
  card?: unknown;
}

/** Typed property maps of nested Card v2 objects. */
export const props = <T>(p: { [K in FieldOf<T>]?: ParamSpec }): Record<string, ParamSpec> => p as Record<string, ParamSpec>;
