/**
 * Reading one point exported from the Python module_wrapper's Qdrant collection (a bare payload, or
 * `{id, payload, vector}` as its scroll API returns it) into the fields of a Motif pattern input.
 * Pure: field names and values only. Fitting the params to the structure is the adapter's job.
 */

/** What happened to each field of one line, for the per-line import report. */
export interface MigrationReport {
  /** `source → target` for every field that became part of the pattern. */
  mapped: string[];
  /** Source fields kept verbatim under `metadata.moduleWrapper`. */
  metadata: string[];
  /** Source fields Motif derives itself (search texts, vectors, names), not carried over. */
  recomputed: string[];
  /** Source fields (or the whole line, `field: "(line)"`) that could not be used, and why. */
  refused: Array<{ field: string; reason: string }>;
}

export interface ModuleWrapperDraft {
  description: string;
  dsl?: string;
  componentPaths?: string[];
  instanceParams: Record<string, unknown>;
  contentFeedback?: 'positive' | 'negative' | null;
  formFeedback?: 'positive' | 'negative' | null;
  createdAt?: string;
  tags: string[];
  /** Becomes `metadata.moduleWrapper`. */
  kept: Record<string, unknown>;
}

export type ReadPoint = { ok: true; draft: ModuleWrapperDraft; report: MigrationReport } | { ok: false; report: MigrationReport };

/** Payload fields that module_wrapper derives from the others for its own search; Motif computes its own. */
const DERIVED = new Set(['component_identity_text', 'inputs_text', 'relationship_text', 'has_content_vector', 'content_embedding_meta', 'name']);
const MAPPED = new Set(['type', 'parent_paths', 'component_paths', 'instance_params', 'card_description', 'description', 'content_feedback', 'form_feedback', 'feedback', 'timestamp', 'pattern_type']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function polarity(value: unknown): 'positive' | 'negative' | null | undefined | Error {
  if (value === undefined) return undefined;
  if (value === null || value === 'positive' || value === 'negative') return value;
  return new Error(`${JSON.stringify(value)} is not "positive", "negative" or null`);
}

/** Python's `datetime.isoformat()` has no zone when naive: read it as UTC, as module_wrapper wrote local server time without one. */
function isoTimestamp(value: unknown): string | Error {
  if (typeof value !== 'string') return new Error('not a string');
  const zoned = /(Z|[+-]\d\d:?\d\d)$/.test(value) ? value : `${value}Z`;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? new Error(`${JSON.stringify(value)} is not an ISO 8601 date-time`) : new Date(ms).toISOString();
}

function paths(value: unknown): string[] | Error {
  if (!Array.isArray(value) || value.length === 0 || !value.every((p) => typeof p === 'string' && p.length > 0)) return new Error('not a non-empty list of component paths');
  return value as string[];
}

export function readModuleWrapperPoint(raw: unknown): ReadPoint {
  const report: MigrationReport = { mapped: [], metadata: [], recomputed: [], refused: [] };
  const refuseLine = (reason: string): ReadPoint => {
    report.refused.push({ field: '(line)', reason });
    return { ok: false, report };
  };
  if (!isObject(raw)) return refuseLine('a line must be a JSON object (a point or its payload)');
  const kept: Record<string, unknown> = {};
  let payload = raw;
  if (isObject(raw.payload)) {
    payload = raw.payload;
    if (raw.id !== undefined) {
      kept.pointId = raw.id;
      report.metadata.push('id');
    }
    if (raw.vector !== undefined) report.recomputed.push('vector');
    for (const key of Object.keys(raw)) if (!['id', 'payload', 'vector'].includes(key)) report.recomputed.push(key);
  }
  if (payload.type !== undefined && payload.type !== 'instance_pattern') return refuseLine(`not an instance pattern (type ${JSON.stringify(payload.type)}): only instance_pattern points become patterns`);
  if (payload.type !== undefined) report.mapped.push('type (instance_pattern, checked)');

  const params: Record<string, unknown> = isObject(payload.instance_params) ? { ...payload.instance_params } : {};
  if (payload.instance_params !== undefined && !isObject(payload.instance_params)) report.refused.push({ field: 'instance_params', reason: 'not an object' });

  const description = [payload.card_description, payload.description, params.description].find((d): d is string => typeof d === 'string' && d.trim().length > 0);
  if (description === undefined) return refuseLine('no card_description or description to describe the pattern');
  report.mapped.push(`${payload.card_description === description ? 'card_description' : payload.description === description ? 'description' : 'instance_params.description'} → description`);
  if (typeof payload.card_description === 'string' && payload.description !== undefined && payload.description !== description) {
    kept.description = payload.description;
    report.metadata.push('description');
  }
  if (params.description !== undefined) {
    if (params.description !== description) kept.instance_params_description = params.description;
    (params.description === description ? report.recomputed : report.metadata).push('instance_params.description');
    delete params.description;
  }

  let dsl: string | undefined;
  if (params.dsl !== undefined) {
    if (typeof params.dsl === 'string' && params.dsl.trim().length > 0) {
      dsl = params.dsl;
      report.mapped.push('instance_params.dsl → dsl');
    } else report.refused.push({ field: 'instance_params.dsl', reason: 'not a DSL string' });
    delete params.dsl;
  }
  if (isObject(params.style_metadata)) {
    // How the text was styled is already in the styled text itself; keep the summary for reference.
    kept.style_metadata = params.style_metadata;
    report.metadata.push('instance_params.style_metadata');
    delete params.style_metadata;
  }

  let componentPaths: string[] | undefined;
  for (const key of ['parent_paths', 'component_paths'] as const) {
    if (payload[key] === undefined) continue;
    const read = paths(payload[key]);
    if (read instanceof Error) report.refused.push({ field: key, reason: read.message });
    else if (componentPaths === undefined) {
      componentPaths = read;
      report.mapped.push(`${key} → componentPaths`);
    } else report.recomputed.push(key);
  }
  if (dsl === undefined && componentPaths === undefined) return refuseLine('no structure: neither instance_params.dsl nor parent_paths/component_paths');

  const feedback: Pick<ModuleWrapperDraft, 'contentFeedback' | 'formFeedback'> = {};
  for (const [source, target] of [['content_feedback', 'contentFeedback'], ['form_feedback', 'formFeedback']] as const) {
    const value = polarity(payload[source]);
    if (value instanceof Error) report.refused.push({ field: source, reason: value.message });
    else if (value !== undefined) {
      feedback[target] = value;
      report.mapped.push(`${source} → ${target}`);
    }
  }
  const legacy = polarity(payload.feedback);
  if (legacy instanceof Error) report.refused.push({ field: 'feedback', reason: legacy.message });
  else if (legacy !== undefined) {
    // module_wrapper's legacy label applied to both dimensions, and it mirrors content_feedback when both are set.
    if (feedback.contentFeedback === undefined && feedback.formFeedback === undefined && legacy !== null) {
      feedback.contentFeedback = legacy;
      feedback.formFeedback = legacy;
      report.mapped.push('feedback → contentFeedback, formFeedback');
    } else report.recomputed.push('feedback');
  }

  let createdAt: string | undefined;
  if (payload.timestamp !== undefined) {
    const ts = isoTimestamp(payload.timestamp);
    if (ts instanceof Error) report.refused.push({ field: 'timestamp', reason: ts.message });
    else {
      createdAt = ts;
      report.mapped.push('timestamp → createdAt');
    }
  }

  const tags = ['module-wrapper'];
  if (typeof payload.pattern_type === 'string') {
    tags.push(`pattern-type:${payload.pattern_type}`);
    report.mapped.push('pattern_type → tags');
  }
  for (const [key, value] of Object.entries(payload)) {
    if (MAPPED.has(key)) continue;
    if (DERIVED.has(key)) report.recomputed.push(key);
    else {
      kept[key === 'card_id' ? 'cardId' : key] = value;
      report.metadata.push(key);
    }
  }
  return {
    ok: true,
    report,
    draft: { description, ...(dsl !== undefined ? { dsl } : {}), ...(componentPaths !== undefined ? { componentPaths } : {}), instanceParams: params, ...feedback, ...(createdAt ? { createdAt } : {}), tags, kept },
  };
}
