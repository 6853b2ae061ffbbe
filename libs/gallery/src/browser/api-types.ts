/**
 * The parts of the API's responses the pages read (see apps/api/README.md and /openapi.json).
 * Kept structural and minimal: the browser bundle does not compile the server's domain package.
 */
export type FeedbackLabel = 'positive' | 'negative' | null;
export interface PolarityCounts { positive: number; negative: number }
export interface FeedbackCounts { content: PolarityCounts; form: PolarityCounts; lastVoteAt: string | null }

export interface PatternView {
  patternId: string;
  description: string;
  dslNotation: string;
  componentPaths: string[];
  instanceParams: Record<string, unknown>;
  feedback: FeedbackLabel;
  contentFeedback: FeedbackLabel;
  formFeedback: FeedbackLabel;
  feedbackCounts: FeedbackCounts;
  tags: string[];
  createdAt: string;
}

export interface SearchResponseView {
  results: Array<{ pattern: PatternView; score: number }>;
  tookMs: number;
}

export interface PatternPageView {
  items: PatternView[];
  nextCursor: string | null;
}

export interface VariationView {
  variationId: string;
  variationType: 'original' | 'structure' | 'parameter' | 'combined';
  index: number;
  componentPaths: string[];
  instanceParams: Record<string, unknown>;
  dslNotation: string;
  operations: string[];
}

export interface FamilyView {
  parentId: string;
  seed: string;
  variations: VariationView[];
  options: { structure: number; parameter: number };
  shortfall?: number;
}

export interface CardsV2View {
  cardsV2: Array<{ cardId: string; card: Record<string, unknown> }>;
}
