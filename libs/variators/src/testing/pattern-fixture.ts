import { type CardTree, emptyFeedbackCounts, type FeedbackLabel, type InstancePattern } from '@motif/core-types';
import { bindFlatParams, canonicalizeStructure, componentPathsOf, flattenTree, structureOfTree } from '@motif/dag';
import { chatCardsDag } from './dag-fixture';

const { catalog, graph, codec } = chatCardsDag();

/** A stored-looking pattern built from its tree (fixed timestamps: specs compare bytes). */
export function patternOfTree(id: string, tree: CardTree, feedback: FeedbackLabel = 'positive', instanceParams?: Record<string, unknown>): InstancePattern {
  const structure = structureOfTree(tree, graph);
  return {
    patternId: id,
    namespace: 'default',
    catalogId: 'google-chat-cards-v2',
    tree,
    structure,
    componentPaths: componentPathsOf(structure),
    instanceParams: instanceParams ?? flattenTree(tree, catalog),
    description: `fixture ${id}`,
    dslNotation: codec.format(structure, 'compact'),
    feedback,
    contentFeedback: feedback,
    formFeedback: null,
    feedbackCounts: emptyFeedbackCounts(),
    metadata: {},
    tags: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

/** A stored-looking pattern built from DSL and seed-format flat parameters. */
export function patternOf(id: string, dsl: string, instanceParams: Record<string, unknown>, feedback: FeedbackLabel = 'positive'): InstancePattern {
  const structure = canonicalizeStructure(codec.parse(dsl), graph);
  return patternOfTree(id, bindFlatParams(structure, instanceParams, catalog).tree, feedback, instanceParams);
}

/** The server status card of the reference examples. */
export const statusCard = (): InstancePattern =>
  patternOf('status-card', '§[δ, Ƀ[ᵬ×2]]', {
    text: "{{ 'Online' | success_text | bold }}",
    topLabel: 'api-gateway',
    buttons: [
      { text: 'Refresh', url: 'https://status.example.com/refresh' },
      { text: 'Details', url: 'https://status.example.com/api-gateway' },
    ],
  });
