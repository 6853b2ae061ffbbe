import type { FeedbackFilterValue, PatternFilter } from '@motif/core-types';

export type SqlValue = string | number;

export interface SqlFragment {
  /** Conditions over alias `p` (the patterns table), joined with AND; empty = no restriction. */
  where: string[];
  params: SqlValue[];
}

const LABEL_COLUMNS = { feedback: 'p.feedback', contentFeedback: 'p.content_feedback', formFeedback: 'p.form_feedback' } as const;

function labelCondition(column: string, values: readonly FeedbackFilterValue[], params: SqlValue[]): string {
  const labels = values.filter((v) => v !== 'unrated');
  const parts: string[] = [];
  if (labels.length) {
    parts.push(`${column} IN (${labels.map(() => '?').join(', ')})`);
    params.push(...labels);
  }
  if (values.includes('unrated')) parts.push(`${column} IS NULL`);
  return `(${parts.join(' OR ')})`;
}

/** A JSON path for a top-level metadata key, quoted so dots and spaces in keys stay one key. */
export const metadataPath = (key: string): string => `$.metadata."${key.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/**
 * PatternFilter → SQL conditions (parameterised, never interpolated). `sqlOnly` keeps just tags and metadata:
 * the in-memory index evaluates the rest during search.
 */
export function filterToSql(filter: PatternFilter, options: { sqlOnly?: boolean } = {}): SqlFragment {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (!options.sqlOnly) {
    for (const key of ['feedback', 'contentFeedback', 'formFeedback'] as const) {
      const values = filter[key];
      if (values?.length) where.push(labelCondition(LABEL_COLUMNS[key], values, params));
    }
    const comps = filter.components;
    for (const name of comps?.all ?? []) {
      where.push('EXISTS (SELECT 1 FROM pattern_components c WHERE c.pattern_rowid = p.id AND c.component = ?)');
      params.push(name);
    }
    if (comps?.any?.length) {
      where.push(`EXISTS (SELECT 1 FROM pattern_components c WHERE c.pattern_rowid = p.id AND c.component IN (${comps.any.map(() => '?').join(', ')}))`);
      params.push(...comps.any);
    }
    if (comps?.none?.length) {
      where.push(`NOT EXISTS (SELECT 1 FROM pattern_components c WHERE c.pattern_rowid = p.id AND c.component IN (${comps.none.map(() => '?').join(', ')}))`);
      params.push(...comps.none);
    }
  }
  for (const tag of filter.tags ?? []) {
    where.push('EXISTS (SELECT 1 FROM pattern_tags t WHERE t.pattern_rowid = p.id AND t.tag = ?)');
    params.push(tag);
  }
  for (const [key, value] of Object.entries(filter.metadata ?? {})) {
    const path = metadataPath(key);
    if (typeof value === 'boolean') {
      where.push('json_type(p.json, ?) = ?');
      params.push(path, value ? 'true' : 'false');
    } else if (typeof value === 'number') {
      where.push("json_type(p.json, ?) IN ('integer', 'real') AND json_extract(p.json, ?) = ?");
      params.push(path, path, value);
    } else {
      where.push("json_type(p.json, ?) = 'text' AND json_extract(p.json, ?) = ?");
      params.push(path, path, value);
    }
  }
  return { where, params };
}

/** True when the filter has conditions only SQL evaluates (tags, metadata). */
export const hasSqlOnlyConditions = (filter: PatternFilter): boolean =>
  (filter.tags?.length ?? 0) > 0 || Object.keys(filter.metadata ?? {}).length > 0;

