import { ComponentGraph, DslCodec, loadCatalog, StructureValidator } from '@motif/dag';
import { type CandidateFilter, VariationEngine } from '../family/variation-engine';
import { SeededRandomSourceFactory } from '../random/seeded-random-source';
import { PresentationVariator } from '../tree/presentation-variator';
import { TreeStructureVariator } from '../tree/tree-structure-variator';

/** The built-in Google Chat catalog with its graph, validator and codec (shared by specs and the bench). */
export function chatCardsDag() {
  const catalog = loadCatalog('google-chat-cards-v2');
  const graph = new ComponentGraph(catalog);
  return { catalog, graph, validator: new StructureValidator(graph), codec: new DslCodec(catalog, graph) };
}

/** A variation engine on the built-in catalog; `filter` replaces its validity filter (specs that prove a check can fail). */
export function chatCardsEngine(filter?: CandidateFilter) {
  const dag = chatCardsDag();
  const engine = new VariationEngine(
    dag.catalog,
    dag.graph,
    dag.validator,
    dag.codec,
    new SeededRandomSourceFactory(),
    new TreeStructureVariator(dag.catalog, dag.graph),
    new PresentationVariator(dag.catalog),
    filter,
  );
  return { ...dag, engine };
}
