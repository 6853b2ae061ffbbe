// Vary a pattern into a reproducible family of variations that are real cards: @motif/variators proposes them,
// and every one passes the validity filter (structure, params, rendering, Google's limits) before it is kept.
import type { InstancePattern } from '@motif/core-types';
import { ComponentGraph, DslCodec, StructureValidator, bindFlatParams, componentPathsOf, loadCatalog } from '@motif/dag';
import { PresentationVariator, SeededRandomSourceFactory, TreeStructureVariator, VariationEngine } from '@motif/variators';

const catalog = loadCatalog('google-chat-cards-v2');
const graph = new ComponentGraph(catalog);
const validator = new StructureValidator(graph);
const codec = new DslCodec(catalog, graph);

const structure = codec.parse('§[δ, Ƀ[ᵬ×2]]');
const instanceParams = {
  text: 'Online',
  buttons: [{ text: 'Refresh', url: 'https://status.example.com/refresh' }, { text: 'Details', url: 'https://status.example.com/details' }],
};
const pattern: InstancePattern = {
  patternId: 'status-card',
  namespace: 'default',
  catalogId: catalog.id,
  tree: bindFlatParams(structure, instanceParams, catalog).tree, // each param on its node
  structure,
  componentPaths: componentPathsOf(structure),
  instanceParams,
  description: 'server status with two buttons',
  dslNotation: codec.format(structure),
  feedback: 'positive',
  contentFeedback: 'positive',
  formFeedback: null,
  feedbackCounts: { content: { positive: 1, negative: 0 }, form: { positive: 0, negative: 0 }, lastVoteAt: null },
  metadata: {},
  tags: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const engine = new VariationEngine(catalog, graph, validator, codec, new SeededRandomSourceFactory(),
  new TreeStructureVariator(catalog, graph), new PresentationVariator(catalog));
const family = engine.generate(pattern, { structure: 3, parameter: 2, seed: 42 });
for (const v of family.variations) console.log(v.variationId, v.variationType, v.dslNotation);
// every variation passes the one validator, and the same seed gives the same family
console.log(family.variations.every((v) => validator.validate(v.structure).valid)); // true
