import { ComponentGraph, DslCodec, loadCatalog, StructureValidator } from '@motif/dag';

/** The built-in Google Chat catalog with its graph, validator and codec (shared by specs and the bench). */
export function chatCardsDag() {
  const catalog = loadCatalog('google-chat-cards-v2');
  const graph = new ComponentGraph(catalog);
  return { catalog, graph, validator: new StructureValidator(graph), codec: new DslCodec(catalog, graph) };
}
