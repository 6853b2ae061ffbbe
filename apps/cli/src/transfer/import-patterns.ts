import type { PatternService } from '@motif/core-types';
import type { AdaptedPoint, MigrationReport } from '@motif/patterns';
import { coreTypes, patternsLib } from '../lazy-modules';
import { readRecords } from './record-reader';

export interface ImportFailure {
  line: number;
  code: string;
  reason: string;
}

/** One line of a migration from another format: what became of it, and of each of its fields. */
export interface MigratedLine extends MigrationReport {
  line: number;
  outcome: 'created' | 'already present' | 'failed';
  patternId?: string;
}

export interface ImportSummary {
  total: number;
  created: number;
  alreadyPresent: number;
  failed: ImportFailure[];
  /** With `adapt`: every line's report, in line order. */
  lines?: MigratedLine[];
}

export interface ImportOptions {
  batchSize?: number;
  namespace?: string;
  onProgress?(records: number, bytes: number): void;
  /** Maps a record of another format (e.g. module_wrapper points) to a pattern input first. */
  adapt?(value: unknown): AdaptedPoint;
}

const reasonOf = (error: { message: string; fieldErrors?: Array<{ path: string; message: string }> }): string =>
  error.fieldErrors && error.fieldErrors.length ? error.fieldErrors.map((f) => `${f.path}: ${f.message}`).join('; ') : error.message;

/**
 * Streams records into `service.storeMany` in batches, each record parsed once at this edge (`storeEach`).
 * A record that does not parse or does not validate is reported with its line number and never stops or
 * affects the others.
 */
export async function importPatterns(service: Pick<PatternService, 'storeMany'>, source: AsyncIterable<string | Uint8Array>, options: ImportOptions = {}): Promise<ImportSummary> {
  const { jsonDepthExceeds, MAX_JSON_DEPTH } = coreTypes();
  const batchSize = options.batchSize ?? 200;
  const summary: ImportSummary = { total: 0, created: 0, alreadyPresent: 0, failed: [] };
  let bytes = 0;
  let batch: Array<{ line: number; value: unknown; report?: MigratedLine }> = [];
  const lines: MigratedLine[] | undefined = options.adapt ? [] : undefined;
  const flush = async () => {
    if (batch.length === 0) return;
    const current = batch;
    batch = [];
    let outcomes;
    try {
      outcomes = await patternsLib().storeEach(service, current.map((r) => r.value), options.namespace);
    } catch (error) {
      // A whole batch failing (e.g. the backend went away) still names every line it held.
      const e = error as { code?: string; message: string };
      for (const r of current) {
        summary.failed.push({ line: r.line, code: e.code ?? 'INTERNAL', reason: e.message });
        if (r.report) r.report.outcome = 'failed';
      }
      return;
    }
    outcomes.forEach((o, i) => {
      const report = current[i].report;
      if (o.ok) {
        if (o.result.created) summary.created++;
        else summary.alreadyPresent++;
        if (report) Object.assign(report, { outcome: o.result.created ? 'created' : 'already present', patternId: o.result.pattern.patternId });
      } else {
        summary.failed.push({ line: current[i].line, code: o.error.code, reason: reasonOf(o.error) });
        report?.refused.push({ field: '(line)', reason: `${o.error.code}: ${reasonOf(o.error)}` });
      }
    });
    options.onProgress?.(summary.total, bytes);
  };
  for await (const record of readRecords(source, (n) => (bytes += n))) {
    summary.total++;
    if ('error' in record) summary.failed.push({ line: record.line, code: 'VALIDATION_FAILED', reason: record.error });
    // Before the adapter walks it (parsing would refuse it too, but the adapter comes first).
    else if (jsonDepthExceeds(record.value)) summary.failed.push({ line: record.line, code: 'VALIDATION_FAILED', reason: `nests deeper than ${MAX_JSON_DEPTH} levels` });
    else if (options.adapt && lines) {
      const adapted = options.adapt(record.value);
      const report: MigratedLine = { line: record.line, outcome: 'failed', ...adapted.report };
      lines.push(report);
      if (adapted.ok) batch.push({ line: record.line, value: adapted.input, report });
      else summary.failed.push({ line: record.line, code: 'VALIDATION_FAILED', reason: adapted.report.refused.map((r) => r.reason).join('; ') });
    } else batch.push(record);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  if (lines) {
    // Lines that never reached the adapter (bad JSON, too deep) are reported too.
    const reported = new Set(lines.map((l) => l.line));
    for (const f of summary.failed) if (!reported.has(f.line)) lines.push({ line: f.line, outcome: 'failed', mapped: [], metadata: [], recomputed: [], refused: [{ field: '(line)', reason: f.reason }] });
    summary.lines = lines.sort((a, b) => a.line - b.line);
  }
  options.onProgress?.(summary.total, bytes);
  summary.failed.sort((a, b) => a.line - b.line);
  return summary;
}
