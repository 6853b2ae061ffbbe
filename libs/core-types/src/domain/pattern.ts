import type { FeedbackCounts, FeedbackLabel } from './feedback';
import type { CardTree } from './card';
import type { Structure } from './structure';

export const DEFAULT_NAMESPACE = 'default';

/** A successful usage of components, as stored. Field names follow the seed format (camelCase). */
export interface InstancePattern {
  /** Content hash of the canonical pattern (namespace, catalog, canonical DSL, params, description). */
  patternId: string;
  namespace: string;
  /** Catalog the structure was validated against (e.g. `google-chat-cards-v2`). */
  catalogId: string;
  /** The stored truth: one node per component instance, each with its own params. */
  tree: CardTree;
  /** Compressed view of `tree` (equal sibling shapes merged into counts; params ignored). */
  structure: Structure;
  /** Pre-order component names, counts expanded; derived from `structure`. */
  componentPaths: string[];
  /** Flat view of the tree's params (the seed's format; see libs/dag's README for the binding rule). */
  instanceParams: Record<string, unknown>;
  description: string;
  /** Canonical compact DSL derived from `structure`. */
  dslNotation: string;
  /** Overall label derived from `feedbackCounts` (both dimensions). */
  feedback: FeedbackLabel;
  contentFeedback: FeedbackLabel;
  formFeedback: FeedbackLabel;
  feedbackCounts: FeedbackCounts;
  metadata: Record<string, unknown>;
  tags: string[];
  createdAt: string;
  updatedAt: string;
}

/** Result of a store: `created: false` when the same canonical pattern already existed. */
export interface StoreResult {
  pattern: InstancePattern;
  created: boolean;
  /** Repairs applied while deriving the structure (e.g. a wrapper inserted for flat input). */
  repairs: string[];
  /** Card fields the catalog does not model, kept verbatim on their node (JSON paths into the input). */
  unknownFields?: string[];
}
