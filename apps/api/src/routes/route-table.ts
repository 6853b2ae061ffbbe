import {
  BatchVariationsRequestSchema,
  DslParseRequestSchema,
  FeedbackInputSchema,
  ListPatternsQuerySchema,
  PatternInputSchema,
  RandomVariationQuerySchema,
  RenderCardRequestSchema,
  RecommendRequestSchema,
  SearchRequestSchema,
  StructureValidateRequestSchema,
  VariationRequestSchema,
  MotifError,
} from '@motif/core-types';
import { GALLERY_HEADERS, GALLERY_PAGES } from '../gallery/gallery-pages';
import { PROMETHEUS_CONTENT_TYPE } from '../metrics/metrics-registry';
import * as R from '../openapi/response-schemas';
import { route, type RouteDef, type RouteResult, type SystemContext } from './route-types';

const JSON_BODY = 'application/json';
const ok = (body: unknown, status = 200): RouteResult => ({ status, body });

const E400 = { description: 'Invalid input: problem+json with the field errors and their JSON paths.' };
const E404 = { description: 'Not found (problem+json).' };

function galleryFile(system: SystemContext, name: string): RouteResult {
  const asset = system.galleryAsset(name);
  if (!asset) throw new MotifError('NOT_FOUND', `the gallery has no asset named '${name}'`);
  return { status: 200, body: asset.body, contentType: asset.contentType, headers: { ...GALLERY_HEADERS } };
}

/**
 * Every route of the API. This one table drives routing, request validation (the schemas of core-types:
 * the one place input is parsed; the handler passes what they produce to the service) and the OpenAPI document.
 */
export const ROUTES: readonly RouteDef[] = [
  // ── patterns ────────────────────────────────────────────────────────────────
  route({
    method: 'post', path: '/v1/patterns', operationId: 'storePattern', tag: 'patterns', namespaced: true,
    summary: 'Store a pattern',
    body: { name: 'PatternInput', schema: PatternInputSchema },
    description: 'Send a Card v2 `card` (structure, DSL and params are derived from it; fields the catalog does not model are kept verbatim and listed in `unknownFields`), or `dsl`/`structure`/`componentPaths` with flat `instanceParams`. The id is a content hash: storing the same pattern again answers 200 with `created: false`.',
    responses: { 201: { description: 'Created: StoreResult `{pattern, created, repairs}`; `Location` names the pattern.', contentType: JSON_BODY, body: { name: 'StoreResult', schema: R.StoreResultResponse } }, 200: { description: 'Already present: StoreResult with `created: false`.', contentType: JSON_BODY, body: { name: 'StoreResult', schema: R.StoreResultResponse } }, 400: E400, 422: { description: 'INVALID_STRUCTURE (the structure breaks the catalog), INVALID_PARAMS (a param is missing, of the wrong type, not a Card v2 value or unknown; each issue names its node and a fix) or INVALID_CARD (a malformed card, with JSON paths). Nothing is stored.' } },
    async handle({ service, body, namespace }) {
      const result = await service.store(body, namespace);
      return { status: result.created ? 201 : 200, body: result, headers: { Location: `/v1/patterns/${encodeURIComponent(result.pattern.patternId)}` } };
    },
  }),
  route({
    method: 'get', path: '/v1/patterns', operationId: 'listPatterns', tag: 'patterns', namespaced: true,
    summary: 'List patterns (cursor pagination, filters)',
    query: { name: 'ListPatternsQuery', schema: ListPatternsQuerySchema },
    responses: { 200: { description: 'A page `{items, nextCursor}`; pass `nextCursor` as `cursor` for the next page.', contentType: JSON_BODY, body: { name: 'PatternPage', schema: R.PatternPageResponse } }, 400: E400 },
    async handle({ service, query, namespace }) {
      return ok(await service.list(query, namespace));
    },
  }),
  route({
    method: 'get', path: '/v1/patterns/:id', operationId: 'getPattern', tag: 'patterns', namespaced: true,
    summary: 'Get a pattern',
    responses: { 200: { description: 'The pattern.', contentType: JSON_BODY, body: { name: 'InstancePattern', schema: R.InstancePatternResponse } }, 404: E404 },
    async handle({ service, params, namespace }) {
      return ok(await service.get(params.id, namespace));
    },
  }),
  route({
    method: 'get', path: '/v1/patterns/:id/card', operationId: 'getPatternCard', tag: 'cards', namespaced: true,
    summary: 'The pattern as a ready-to-send Chat message',
    responses: { 200: { description: '`{"cardsV2": [{"cardId": "<patternId>", "card": {…}}]}`; styled text (Jinja filters) is rendered to Chat\'s HTML subset.', contentType: JSON_BODY, body: { name: 'CardsV2Message', schema: R.CardsV2MessageResponse } }, 404: E404 },
    async handle({ service, params, namespace }) {
      return ok(await service.renderCard({ patternId: params.id }, namespace));
    },
  }),
  route({
    method: 'post', path: '/v1/cards/render', operationId: 'renderCard', tag: 'cards', namespaced: true,
    summary: 'Render a pattern, one of its variations, or an inline pattern as cardsV2',
    description: 'Body: `{"patternId"}`, `{"patternId", "variationId"}`, or an inline pattern (`card`, or `dsl`/`structure`/`componentPaths` + `instanceParams`), which is checked but not stored.',
    body: { name: 'RenderCardRequest', schema: RenderCardRequestSchema },
    responses: { 200: { description: 'A ready-to-send `{"cardsV2": [...]}`.', contentType: JSON_BODY, body: { name: 'CardsV2Message', schema: R.CardsV2MessageResponse } }, 400: E400, 404: E404, 422: { description: 'INVALID_STRUCTURE / INVALID_PARAMS / INVALID_CARD for an inline pattern.' } },
    async handle({ service, body, namespace }) {
      return ok(await service.renderCard(body, namespace));
    },
  }),
  route({
    method: 'delete', path: '/v1/patterns/:id', operationId: 'deletePattern', tag: 'patterns', namespaced: true,
    summary: 'Delete a pattern (and its variation family)',
    responses: { 204: { description: 'Deleted.' }, 404: E404 },
    async handle({ service, params, namespace }) {
      await service.delete(params.id, namespace);
      return { status: 204 };
    },
  }),
  route({
    method: 'post', path: '/v1/patterns/:id/feedback', operationId: 'recordFeedback', tag: 'patterns', namespaced: true,
    summary: 'Record a feedback vote',
    body: { name: 'FeedbackInput', schema: FeedbackInputSchema },
    responses: { 200: { description: 'The pattern with its updated labels and counts.', contentType: JSON_BODY, body: { name: 'InstancePattern', schema: R.InstancePatternResponse } }, 400: E400, 404: E404 },
    async handle({ service, params, body, namespace }) {
      return ok(await service.recordFeedback(params.id, body, namespace));
    },
  }),
  // ── search ──────────────────────────────────────────────────────────────────
  route({
    method: 'post', path: '/v1/search', operationId: 'search', tag: 'search', namespaced: true,
    summary: 'Hybrid search by text, DSL or structure',
    body: { name: 'SearchRequest', schema: SearchRequestSchema },
    responses: { 200: { description: 'SearchResponse `{mode, namespace, results, tookMs}`.', contentType: JSON_BODY, body: { name: 'SearchResponse', schema: R.SearchResponseSchema } }, 400: E400 },
    async handle({ service, body, namespace }) {
      return ok(await service.search(body, namespace));
    },
  }),
  route({
    method: 'post', path: '/v1/recommend', operationId: 'recommend', tag: 'search', namespaced: true,
    summary: 'Recommend patterns like the positive examples and unlike the negative ones',
    body: { name: 'RecommendRequest', schema: RecommendRequestSchema },
    responses: { 200: { description: 'SearchResponse.', contentType: JSON_BODY, body: { name: 'SearchResponse', schema: R.SearchResponseSchema } }, 400: E400, 404: E404 },
    async handle({ service, body, namespace }) {
      return ok(await service.recommend(body, namespace));
    },
  }),
  // ── variations ──────────────────────────────────────────────────────────────
  route({
    method: 'post', path: '/v1/patterns/:id/variations', operationId: 'generateVariations', tag: 'variations', namespaced: true,
    summary: 'Generate (and cache) the variation family of a pattern',
    body: { name: 'VariationRequest', schema: VariationRequestSchema },
    responses: { 201: { description: 'The VariationFamily.', contentType: JSON_BODY, body: { name: 'VariationFamily', schema: R.VariationFamilyResponse } }, 400: E400, 404: E404, 412: { description: 'PRECONDITION_FAILED: the pattern has negative feedback; send `force: true`.' } },
    async handle({ service, params, body, namespace }) {
      return ok(await service.generateVariations(params.id, body, namespace), 201);
    },
  }),
  route({
    method: 'get', path: '/v1/patterns/:id/variations', operationId: 'getVariationFamily', tag: 'variations', namespaced: true,
    summary: 'Get the stored variation family of a pattern',
    responses: { 200: { description: 'The VariationFamily.', contentType: JSON_BODY, body: { name: 'VariationFamily', schema: R.VariationFamilyResponse } }, 404: E404 },
    async handle({ service, params, namespace }) {
      return ok(await service.getFamily(params.id, namespace));
    },
  }),
  route({
    method: 'get', path: '/v1/patterns/:id/variations/random', operationId: 'randomVariation', tag: 'variations', namespaced: true,
    summary: 'One variation of the stored family, picked at random (or by seed)',
    description: 'Reads only: a pattern without a family answers 404 (`POST /v1/patterns/{id}/variations` first).',
    query: { name: 'RandomVariationQuery', schema: RandomVariationQuerySchema },
    responses: { 200: { description: 'A PatternVariation.', contentType: JSON_BODY, body: { name: 'PatternVariation', schema: R.PatternVariationResponse } }, 400: E400, 404: E404 },
    async handle({ service, params, query, namespace }) {
      return ok(await service.randomVariation(params.id, query, namespace));
    },
  }),
  route({
    method: 'post', path: '/v1/variations/batch', operationId: 'batchVariations', tag: 'variations', namespaced: true,
    summary: 'Fetch many variations by cache key (of the request\'s namespace only)',
    description: 'Keys of another namespace are answered as `missing`, never looked up.',
    body: { name: 'BatchVariationsRequest', schema: BatchVariationsRequestSchema },
    responses: { 200: { description: '`{variations, missing}`: keys not found are listed in `missing`.', contentType: JSON_BODY, body: { name: 'BatchVariations', schema: R.BatchVariationsResponse } }, 400: E400 },
    async handle({ service, body, namespace }) {
      return ok(await service.batchVariations(body, namespace));
    },
  }),
  // ── structures ──────────────────────────────────────────────────────────────
  route({
    method: 'post', path: '/v1/dsl/parse', operationId: 'parseDsl', tag: 'structures',
    summary: 'Parse DSL into a structure, component paths and canonical forms',
    body: { name: 'DslParseRequest', schema: DslParseRequestSchema },
    responses: { 200: { description: 'ParsedStructure (with its catalog validation).', contentType: JSON_BODY, body: { name: 'ParsedStructure', schema: R.ParsedStructureResponse } }, 400: { description: 'DSL_SYNTAX or VALIDATION_FAILED (problem+json).' } },
    handle({ service, body }) {
      return ok(service.parseDsl(body));
    },
  }),
  route({
    method: 'post', path: '/v1/structures/validate', operationId: 'validateStructure', tag: 'structures',
    summary: 'Validate a structure against the catalog',
    description: 'Always 200 when the input is well-formed: a structure that breaks the catalog answers `validation.valid: false` with the issues (only storing refuses it, with 422). With `instanceParams` or a `card`, params are checked too and listed in `paramIssues`.',
    body: { name: 'StructureValidateRequest', schema: StructureValidateRequestSchema },
    responses: { 200: { description: 'ParsedStructure; see `validation.valid` and `validation.issues`.', contentType: JSON_BODY, body: { name: 'ParsedStructure', schema: R.ParsedStructureResponse } }, 400: E400 },
    handle({ service, body }) {
      return ok(service.validateStructure(body));
    },
  }),
  route({
    method: 'get', path: '/v1/catalog', operationId: 'getCatalog', tag: 'structures',
    summary: 'The component catalog',
    responses: { 200: { description: 'CatalogDescription.', contentType: JSON_BODY, body: { name: 'Catalog', schema: R.CatalogResponse } } },
    handle({ service }) {
      return ok(service.catalog());
    },
  }),
  route({
    method: 'get', path: '/v1/stats', operationId: 'getStats', tag: 'system',
    summary: 'Store, cache and catalog statistics',
    responses: { 200: { description: 'MotifStats.', contentType: JSON_BODY, body: { name: 'Stats', schema: R.StatsResponse } } },
    async handle({ service }) {
      return ok(await service.stats());
    },
  }),
  // ── system (open: no API key) ───────────────────────────────────────────────
  route({
    method: 'get', path: '/healthz', operationId: 'liveness', tag: 'system', open: true,
    summary: 'Liveness: the process answers',
    responses: { 200: { description: '`{status: "ok"}`.', contentType: JSON_BODY, body: { name: 'Liveness', schema: R.LivenessResponse } } },
    handle() {
      return ok({ status: 'ok' });
    },
  }),
  route({
    method: 'get', path: '/readyz', operationId: 'readiness', tag: 'system', open: true,
    summary: 'Readiness: store and cache reachable',
    responses: { 200: { description: 'Ready; `degraded` names tiers working in a reduced mode.', contentType: JSON_BODY, body: { name: 'Readiness', schema: R.ReadinessResponse } }, 503: { description: 'Not ready (or shutting down); `degraded` names the components at fault.', contentType: JSON_BODY, body: { name: 'Readiness', schema: R.ReadinessResponse } } },
    async handle({ service, system }) {
      if (system.shuttingDown()) return { status: 503, body: { ready: false, degraded: [], shuttingDown: true, components: [] } };
      const health = await service.health();
      const degraded = health.components.filter((c) => c.state === 'degraded' || c.state === 'down').map((c) => c.name);
      return { status: health.ready ? 200 : 503, body: { ready: health.ready, degraded, components: health.components } };
    },
  }),
  route({
    method: 'get', path: '/metrics', operationId: 'metrics', tag: 'system', open: true,
    summary: 'Prometheus metrics (text format 0.0.4)',
    responses: { 200: { description: 'Request latency histograms per route, request counters, cache counters per tier.', contentType: 'text/plain' } },
    async handle({ system }) {
      return { status: 200, body: await system.metricsText(), contentType: PROMETHEUS_CONTENT_TYPE };
    },
  }),
  route({
    method: 'get', path: '/openapi.json', operationId: 'openApiDocument', tag: 'system', open: true,
    summary: 'This API as an OpenAPI 3.1 document',
    responses: { 200: { description: 'The OpenAPI document.', contentType: JSON_BODY } },
    handle({ system }) {
      return ok(system.openApiDocument());
    },
  }),
  route({
    method: 'get', path: '/docs', operationId: 'docsPage', tag: 'system', open: true,
    summary: 'Browsable API documentation (self-contained HTML)',
    responses: { 200: { description: 'HTML page rendering the OpenAPI document.', contentType: 'text/html' } },
    handle({ system }) {
      return { status: 200, body: system.docsHtml(), contentType: 'text/html; charset=utf-8' };
    },
  }),
  // ── gallery (open: pages and assets carry no data; the data comes from /v1 with the key) ──
  route({
    method: 'get', path: '/', operationId: 'galleryPage', tag: 'gallery', open: true,
    summary: 'The gallery: search patterns and see them drawn as cards',
    description: 'A page served with its assets by this API (nothing from a CDN). It asks for the API key once when the server requires one and keeps it in the browser storage.',
    responses: { 200: { description: 'HTML page.', contentType: 'text/html' }, 503: { description: 'The gallery was not built (`npm run build`).' } },
    handle({ system }) {
      return galleryFile(system, GALLERY_PAGES.gallery);
    },
  }),
  route({
    method: 'get', path: '/patterns/:id', operationId: 'galleryPatternPage', tag: 'gallery', open: true,
    summary: 'A pattern page: its card, params and variation family side by side',
    responses: { 200: { description: 'HTML page (the pattern itself is read from `/v1/patterns/{id}` by the page).', contentType: 'text/html' }, 503: { description: 'The gallery was not built (`npm run build`).' } },
    handle({ system }) {
      return galleryFile(system, GALLERY_PAGES.pattern);
    },
  }),
  route({
    method: 'get', path: '/assets/:file', operationId: 'galleryAsset', tag: 'gallery', open: true,
    summary: 'A script or stylesheet of the gallery',
    responses: { 200: { description: 'The file.', contentType: 'text/javascript' }, 404: E404 },
    handle({ system, params }) {
      return galleryFile(system, params.file);
    },
  }),
];
