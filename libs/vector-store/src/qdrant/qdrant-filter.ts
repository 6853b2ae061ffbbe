import type { Schemas } from '@qdrant/js-client-rest';
import type { FeedbackFilterValue, PatternFilter } from '@motif/core-types';

type Condition = Schemas['Condition'];

/** Payload keys of a pattern point (see README "Qdrant collection layout"). */
export const PAYLOAD = {
  kind: 'kind',
  namespace: 'namespace',
  patternId: 'pattern_id',
  feedback: 'feedback',
  contentFeedback: 'content_feedback',
  formFeedback: 'form_feedback',
  components: 'components',
  tags: 'tags',
  createdAt: 'created_at',
  createdMs: 'created_ms',
  metadata: 'metadata',
} as const;

/** Labels are stored as keywords; `unrated` is a real value so it can be matched and indexed. */
export const labelValue = (label: 'positive' | 'negative' | null): FeedbackFilterValue => label ?? 'unrated';

const matchAny = (key: string, values: readonly string[]): Condition => ({ key, match: { any: [...values] } });
const matchValue = (key: string, value: string | number | boolean): Condition => ({ key, match: { value } });

/**
 * PatternFilter (+ namespace, + excluded point ids) → Qdrant filter. Used for every prefetch, scroll and count so
 * that each signal only ever sees allowed points (filters inside the prefetch, not after fusion).
 */
export function toQdrantFilter(namespace: string, filter: PatternFilter, excludePointIds: readonly string[] = []): Schemas['Filter'] {
  const must: Condition[] = [matchValue(PAYLOAD.kind, 'pattern'), matchValue(PAYLOAD.namespace, namespace)];
  const mustNot: Condition[] = [];
  if (filter.feedback?.length) must.push(matchAny(PAYLOAD.feedback, filter.feedback));
  if (filter.contentFeedback?.length) must.push(matchAny(PAYLOAD.contentFeedback, filter.contentFeedback));
  if (filter.formFeedback?.length) must.push(matchAny(PAYLOAD.formFeedback, filter.formFeedback));
  for (const c of filter.components?.all ?? []) must.push(matchValue(PAYLOAD.components, c));
  if (filter.components?.any?.length) must.push(matchAny(PAYLOAD.components, filter.components.any));
  if (filter.components?.none?.length) mustNot.push(matchAny(PAYLOAD.components, filter.components.none));
  for (const t of filter.tags ?? []) must.push(matchValue(PAYLOAD.tags, t));
  for (const [key, value] of Object.entries(filter.metadata ?? {})) must.push(matchValue(`${PAYLOAD.metadata}.${key}`, value));
  if (excludePointIds.length) mustNot.push({ has_id: [...excludePointIds] });
  return mustNot.length ? { must, must_not: mustNot } : { must };
}
