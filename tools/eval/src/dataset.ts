import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptyFeedbackCounts, type InstancePattern, type Structure } from '@motif/core-types';
import { ComponentGraph, componentPathsOf, DslCodec, loadCatalog, StructureValidator, treeOfStructure } from '@motif/dag';

export interface EvalPatternEntry {
  key: string;
  description: string;
  dsl: string;
  instanceParams: Record<string, unknown>;
  tags?: string[];
}

/**
 * `tuning`: the queries signal weights and gates may be chosen on. `heldout`: never used to choose anything;
 * the figures in docs/eval.md come from these. The split was made once, by the expected pattern (a hash of
 * its key), and is stored in queries.jsonl so that it cannot drift.
 */
export type EvalSplit = 'tuning' | 'heldout';

export interface EvalQuery {
  query: string;
  /** Key of the pattern a person asking this expects first. */
  expected: string;
  dsl?: string;
  split: EvalSplit;
}

export const DATA_DIR = join(__dirname, '..', 'data');

function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line, i) => {
      try {
        return JSON.parse(line) as T;
      } catch (err) {
        throw new Error(`${file}:${i + 1}: ${(err as Error).message}`);
      }
    });
}

export const loadPatternEntries = (dir = DATA_DIR): EvalPatternEntry[] => readJsonl<EvalPatternEntry>(join(dir, 'patterns.jsonl'));
export const loadQueries = (dir = DATA_DIR): EvalQuery[] => readJsonl<EvalQuery>(join(dir, 'queries.jsonl'));

let codec: DslCodec | null = null;
/** The catalog's own DSL parser (strict: an invalid DSL in the data set fails the run). */
export function dslCodec(): DslCodec {
  codec ??= new DslCodec(loadCatalog('google-chat-cards-v2'));
  return codec;
}

export const parseDsl = (dsl: string): Structure => dslCodec().parse(dsl);

let validator: StructureValidator | null = null;
/** Containment problems of a DSL against the catalog (empty = valid). */
export function dslProblems(dsl: string): string[] {
  validator ??= new StructureValidator(new ComponentGraph(dslCodec().catalog));
  const result = validator.validate(parseDsl(dsl));
  return result.valid ? [] : result.issues.map((i) => `${i.path}: ${i.message}`);
}

/** A stored pattern as the service would build it: parsed structure, canonical DSL, component paths. */
export function toInstancePattern(entry: EvalPatternEntry, index: number, namespace = 'eval'): InstancePattern {
  const structure = parseDsl(entry.dsl);
  const at = new Date(Date.UTC(2026, 0, 1, 0, 0, index)).toISOString();
  return {
    patternId: entry.key,
    namespace,
    catalogId: 'google-chat-cards-v2',
    tree: treeOfStructure(structure),
    structure,
    componentPaths: componentPathsOf(structure),
    instanceParams: entry.instanceParams,
    description: entry.description,
    dslNotation: dslCodec().format(structure),
    feedback: null,
    contentFeedback: null,
    formFeedback: null,
    feedbackCounts: emptyFeedbackCounts(),
    metadata: {},
    tags: entry.tags ?? [],
    createdAt: at,
    updatedAt: at,
  };
}
