import type { ParamIssue, Structure } from '@motif/core-types';
import { fitCountsToFlatParams, type Catalog } from '@motif/dag';
import type { PatternShaper } from '../pattern-shaper';
import { readModuleWrapperPoint, type MigrationReport } from './module-wrapper-point';

export type AdaptedPoint =
  | { ok: true; input: Record<string, unknown>; report: MigrationReport }
  | { ok: false; report: MigrationReport };

/** A top-level flat key that no component of the structure has: module_wrapper's own bookkeeping, not card content. */
const unboundKey = (issue: ParamIssue): string | undefined => {
  if (issue.code !== 'UNKNOWN_PARAM' || issue.path !== '(pattern)') return undefined;
  const m = /^\/instanceParams\/([^/]+)$/.exec(issue.pointer);
  return m ? m[1].replace(/~1/g, '/').replace(/~0/g, '~') : undefined;
};

/**
 * Turns a module_wrapper point into a pattern input `storeMany` accepts: the structure from its DSL
 * (or, when that does not parse, its component paths), counts grown to hold the params' lists
 * (module_wrapper lists the components a card used, not how many), and params that belong to no
 * component kept in `metadata.moduleWrapper.instance_params` instead of failing the line.
 * The input is then validated by the service like any other.
 */
export class ModuleWrapperAdapter {
  constructor(private readonly catalog: Catalog, private readonly shaper: PatternShaper) {}

  /** The structure a DSL or a list of paths says, or why it says none (the service repeats that error when the line is stored). */
  private structureOf(fields: { dsl: string } | { componentPaths: string[] }): Structure | string {
    try {
      const shape = this.shaper.describe(fields);
      return shape.validation.valid ? shape.structure : shape.validation.issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    } catch (error) {
      return (error as Error).message;
    }
  }

  adapt(raw: unknown): AdaptedPoint {
    const read = readModuleWrapperPoint(raw);
    if (!read.ok) return read;
    const { draft, report } = read;
    const fromDsl = draft.dsl !== undefined ? this.structureOf({ dsl: draft.dsl }) : undefined;
    let shape = fromDsl;
    if (draft.componentPaths !== undefined) {
      if (fromDsl === undefined) shape = this.structureOf({ componentPaths: draft.componentPaths });
      else if (typeof fromDsl === 'string') {
        report.refused.push({ field: 'instance_params.dsl', reason: `${fromDsl}; the component paths were used instead` });
        shape = this.structureOf({ componentPaths: draft.componentPaths });
      } else {
        // The DSL says the structure (with counts); the paths it was derived from are not needed.
        const paths = report.mapped.find((m) => m.endsWith(' → componentPaths'));
        report.mapped = report.mapped.filter((m) => m !== paths);
        if (paths) report.recomputed.push(paths.split(' ')[0]);
      }
    }
    const params = { ...draft.instanceParams };
    const kept: Record<string, unknown> = { ...draft.kept };
    let structure: Structure | undefined;
    if (typeof shape === 'object') {
      const fitted = fitCountsToFlatParams(shape, params, this.catalog);
      structure = fitted.structure;
      for (const g of fitted.grown) report.mapped.push(`count ${g}`);
      const leftovers: Record<string, unknown> = {};
      for (const issue of this.shaper.describe({ structure, instanceParams: params }).paramIssues) {
        const key = unboundKey(issue);
        if (key === undefined || !(key in params)) continue;
        leftovers[key] = params[key];
        delete params[key];
        report.metadata.push(`instance_params.${key}`);
      }
      if (Object.keys(leftovers).length > 0) kept.instance_params = leftovers;
    }
    if (Object.keys(params).length > 0) report.mapped.push(`instance_params → instanceParams (${Object.keys(params).join(', ')})`);
    const input: Record<string, unknown> = {
      description: draft.description,
      ...(structure !== undefined ? { structure } : draft.dsl !== undefined ? { dsl: draft.dsl } : { componentPaths: draft.componentPaths }),
      ...(Object.keys(params).length > 0 ? { instanceParams: params } : {}),
      ...(draft.contentFeedback !== undefined ? { contentFeedback: draft.contentFeedback } : {}),
      ...(draft.formFeedback !== undefined ? { formFeedback: draft.formFeedback } : {}),
      ...(draft.createdAt !== undefined ? { createdAt: draft.createdAt } : {}),
      tags: draft.tags,
      metadata: { moduleWrapper: kept },
    };
    return { ok: true, input, report };
  }
}
