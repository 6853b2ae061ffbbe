import type { CardsV2Message } from '../domain/card';
import type { InstancePattern, StoreResult } from '../domain/pattern';
import type { Page, SearchResponse } from '../domain/search';
import type { HealthReport, MotifStats } from '../domain/stats';
import type { Structure } from '../domain/structure';
import type { StructureValidation } from '../domain/validation';
import type { PatternVariation, VariationFamily, VariationType } from '../domain/variation';
import type { MotifError } from '../errors/motif-error';

/** Inputs are the *unvalidated* shapes the schemas in `schemas/` accept; the service validates them once. */
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

/** The one service both apps talk to. `namespace` defaults to the configured one. */
export interface PatternService {
  store(input: unknown, namespace?: string): Promise<StoreResult>;
  /** Validates and stores each input independently, writing valid ones in batches; one bad input never affects others. */
  storeMany(inputs: readonly unknown[], namespace?: string): Promise<StoreManyOutcome[]>;
  get(patternId: string, namespace?: string): Promise<InstancePattern>;
  list(query: unknown): Promise<Page<InstancePattern>>;
  delete(patternId: string, namespace?: string): Promise<void>;
  recordFeedback(patternId: string, input: unknown, namespace?: string): Promise<InstancePattern>;
  search(request: unknown): Promise<SearchResponse>;
  recommend(request: unknown): Promise<SearchResponse>;
  generateVariations(patternId: string, options: unknown, namespace?: string): Promise<VariationFamily>;
  getFamily(patternId: string, namespace?: string): Promise<VariationFamily>;
  /** Picks from the stored family and never writes: NOT_FOUND (`details.what: 'family'`) when the pattern has none yet. */
  randomVariation(patternId: string, query: { type?: VariationType; seed?: string }, namespace?: string): Promise<PatternVariation>;
  /** Only `namespace`'s variations: keys of any other namespace come back in `missing`. */
  batchVariations(request: unknown, namespace?: string): Promise<BatchVariationsResult>;
  /** A stored pattern, one of its variations, or an inline pattern, as a ready-to-send `cardsV2` message. */
  renderCard(request: unknown, namespace?: string): Promise<CardsV2Message>;
  parseDsl(request: unknown): ParsedStructure;
  validateStructure(request: unknown): ParsedStructure;
  catalog(): CatalogDescription;
  exportPatterns(namespace?: string): AsyncIterable<InstancePattern>;
  stats(): Promise<MotifStats>;
  health(): Promise<HealthReport>;
}
