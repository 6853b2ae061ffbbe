import {
  BatchVariationsRequestSchema,
  DslParseRequestSchema,
  FeedbackInputSchema,
  ListPatternsQuerySchema,
  parseInput,
  PatternInputSchema,
  RandomVariationQuerySchema,
  RecommendRequestSchema,
  RenderCardRequestSchema,
  SearchRequestSchema,
  StructureValidateRequestSchema,
  VariationRequestSchema,
  type PatternService,
} from '@motif/core-types';
import { storeEach } from '../edge/store-each';

type Raw<F> = F extends (first: infer _A, ...rest: infer R) => infer Out ? (first: unknown, ...rest: R) => Out : never;
type WithRawArg<F> = F extends (id: string, input: infer _A, ...rest: infer R) => infer Out ? (id: string, input?: unknown, ...rest: R) => Out : never;

/** The service as a front door sees it: raw input in, parsed once with the one schema, then the service. */
export interface ParsingFrontDoor
  extends Pick<PatternService, 'get' | 'delete' | 'getFamily' | 'catalog' | 'exportPatterns' | 'stats' | 'health'> {
  store: Raw<PatternService['store']>;
  storeMany(inputs: readonly unknown[], namespace?: string): ReturnType<PatternService['storeMany']>;
  list(query?: unknown, namespace?: string): ReturnType<PatternService['list']>;
  search: Raw<PatternService['search']>;
  recommend: Raw<PatternService['recommend']>;
  batchVariations: Raw<PatternService['batchVariations']>;
  renderCard: Raw<PatternService['renderCard']>;
  parseDsl: Raw<PatternService['parseDsl']>;
  validateStructure: Raw<PatternService['validateStructure']>;
  recordFeedback: WithRawArg<PatternService['recordFeedback']>;
  generateVariations: WithRawArg<PatternService['generateVariations']>;
  randomVariation: WithRawArg<PatternService['randomVariation']>;
}

/**
 * For specs that drive the service with raw input, as the API, the CLI and the MCP tools do: each call parses
 * with the schema its route uses (VALIDATION_FAILED, as a rejection, for bad input) and hands the service the parsed value.
 */
export function parsingFrontDoor(service: PatternService): ParsingFrontDoor {
  return {
    store: async (input, namespace) => service.store(parseInput(PatternInputSchema, input, 'pattern'), namespace),
    storeMany: async (inputs, namespace) => storeEach(service, inputs, namespace),
    get: (id, namespace) => service.get(id, namespace),
    list: async (query = {}, namespace) => service.list(parseInput(ListPatternsQuerySchema, query, 'list query'), namespace),
    delete: (id, namespace) => service.delete(id, namespace),
    recordFeedback: async (id, input = {}, namespace) => service.recordFeedback(id, parseInput(FeedbackInputSchema, input, 'feedback'), namespace),
    search: async (request, namespace) => service.search(parseInput(SearchRequestSchema, request, 'search request'), namespace),
    recommend: async (request, namespace) => service.recommend(parseInput(RecommendRequestSchema, request, 'recommend request'), namespace),
    generateVariations: async (id, options = {}, namespace) => service.generateVariations(id, parseInput(VariationRequestSchema, options, 'variation options'), namespace),
    getFamily: (id, namespace) => service.getFamily(id, namespace),
    randomVariation: async (id, query = {}, namespace) => service.randomVariation(id, parseInput(RandomVariationQuerySchema, query, 'variation query'), namespace),
    batchVariations: async (request, namespace) => service.batchVariations(parseInput(BatchVariationsRequestSchema, request, 'batch request'), namespace),
    renderCard: async (request, namespace) => service.renderCard(parseInput(RenderCardRequestSchema, request, 'render request'), namespace),
    parseDsl: (request) => service.parseDsl(parseInput(DslParseRequestSchema, request, 'DSL request')),
    validateStructure: (request) => service.validateStructure(parseInput(StructureValidateRequestSchema, request, 'structure')),
    catalog: () => service.catalog(),
    exportPatterns: (namespace) => service.exportPatterns(namespace),
    stats: () => service.stats(),
    health: () => service.health(),
  };
}
