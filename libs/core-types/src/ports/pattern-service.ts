import type { CardsV2Message } from '../domain/card';
import type { InstancePattern, StoreResult } from '../domain/pattern';
import type { Page, SearchResponse } from '../domain/search';
import type { HealthReport, MotifStats } from '../domain/stats';
import type { Structure } from '../domain/structure';
import type { StructureValidation } from '../domain/validation';
import type { PatternVariation, VariationFamily } from '../domain/variation';
import type { MotifError } from '../errors/motif-error';
import type { FeedbackInput, PatternInput } from '../schemas/pattern-input';
import type {
  BatchVariationsRequest,
  DslParseRequest,
  ListPatternsQuery,
  RandomVariationQuery,
  RecommendRequest,
  RenderCardRequest,
  SearchRequest,
  StructureValidateRequest,
  VariationRequest,
} from '../schemas/requests';

export interface ParsedStructure {
  structure: Structure;
  componentPaths: string[];
  /** Canonical compact form with symbols. */
  dsl: string;
  /** Expanded form with component names. */
  expanded: string;
  validation: StructureValidation;
  /** Repairs applied (e.g. wrapper inserted for flat input). */
  repairs: string[];
  /** Param problems (node path, message, fix) when params or a card were given; empty otherwise. */
  paramIssues?: ParamIssue[];
}

/** One problem with one node's params: `path` names the node (`Card > sections[0] Section > widgets[1] Image`). */
export interface ParamIssue {
  code: 'MISSING_PARAM' | 'INVALID_PARAM' | 'UNKNOWN_PARAM' | 'UNBOUND_PARAM' | 'CARD_LIMIT';
  path: string;
  /** JSON pointer of the offending value in the input (`/card/sections/0/widgets/1/image/imageUrl`). */
  pointer: string;
  message: string;
  fix?: string;
}

export type StoreManyOutcome = { ok: true; result: StoreResult } | { ok: false; error: MotifError };

export interface BatchVariationsResult {
  variations: PatternVariation[];
  missing: string[];
}

export interface CatalogDescription {
  id: string;
  version: string;
  name: string;
  roots: string[];
  /** `wrapper`: the component this one must sit in where it cannot stand alone (Button → ButtonList). */
  components: Array<{ name: string; symbol: string; children: string[]; parameters: Record<string, unknown>; wrapper?: string }>;
  acyclic: boolean;
}

/**
 * The one service every front door talks to. Its inputs are what the schemas in `schemas/` *produce*: the edge
 * (route, command, tool) parses once with `parseInput(Schema, raw)` and the service trusts the type. The
 * namespace travels one way, as the last argument; absent, the configured one.
 */
export interface PatternService {
  /** VALIDATION_FAILED when `input.namespace` (an exported pattern's) is not the namespace it is stored in. */
  store(input: PatternInput, namespace?: string): Promise<StoreResult>;
  /** Stores each input independently, writing valid ones in batches; one bad input never affects others. */
  storeMany(inputs: readonly PatternInput[], namespace?: string): Promise<StoreManyOutcome[]>;
  get(patternId: string, namespace?: string): Promise<InstancePattern>;
  list(query: ListPatternsQuery, namespace?: string): Promise<Page<InstancePattern>>;
  delete(patternId: string, namespace?: string): Promise<void>;
  recordFeedback(patternId: string, input: FeedbackInput, namespace?: string): Promise<InstancePattern>;
  search(request: SearchRequest, namespace?: string): Promise<SearchResponse>;
  recommend(request: RecommendRequest, namespace?: string): Promise<SearchResponse>;
  generateVariations(patternId: string, options: VariationRequest, namespace?: string): Promise<VariationFamily>;
  getFamily(patternId: string, namespace?: string): Promise<VariationFamily>;
  /** Picks from the stored family and never writes: NOT_FOUND (`details.what: 'family'`) when the pattern has none yet. */
  randomVariation(patternId: string, query: RandomVariationQuery, namespace?: string): Promise<PatternVariation>;
  /** Only `namespace`'s variations: keys of any other namespace come back in `missing`. */
  batchVariations(request: BatchVariationsRequest, namespace?: string): Promise<BatchVariationsResult>;
  /** A stored pattern, one of its variations, or an inline pattern, as a ready-to-send `cardsV2` message. */
  renderCard(request: RenderCardRequest, namespace?: string): Promise<CardsV2Message>;
  parseDsl(request: DslParseRequest): ParsedStructure;
  validateStructure(request: StructureValidateRequest): ParsedStructure;
  catalog(): CatalogDescription;
  exportPatterns(namespace?: string): AsyncIterable<InstancePattern>;
  stats(): Promise<MotifStats>;
  health(): Promise<HealthReport>;
}
