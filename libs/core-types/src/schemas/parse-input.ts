import type { z } from 'zod';
import { MotifError, type FieldError } from '../errors/motif-error';
import { depthLimitCrossedAt, MAX_JSON_DEPTH } from './json-depth';

/** JSON-pointer-style path of a zod issue (`/instanceParams/buttons/0`); `/` for the root. */
export const issuePath = (path: ReadonlyArray<PropertyKey>): string =>
  path.length === 0 ? '/' : '/' + path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/**
 * Validates once, at the edge: returns the parsed value or throws VALIDATION_FAILED naming every bad field.
 * Absurd nesting is refused first, naming where it crosses MAX_JSON_DEPTH: zod validates recursively and
 * would overflow the stack on it (a crash for bad input).
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what = 'request'): z.output<S> {
  const tooDeep = depthLimitCrossedAt(value);
  if (tooDeep) {
    const path = issuePath(tooDeep);
    const message = `nests deeper than ${MAX_JSON_DEPTH} levels`;
    throw new MotifError('VALIDATION_FAILED', `invalid ${what}: ${path}: ${message}`, { fieldErrors: [{ path, message, code: 'too_deep' }] });
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fieldErrors: FieldError[] = result.error.issues.flatMap((issue) => closestIssues(issue, [])).map((issue) => ({
    path: issuePath(issue.path),
    message: issue.message,
    code: issue.code,
  }));
  const summary = fieldErrors.map((f) => `${f.path}: ${f.message}`).join('; ');
  throw new MotifError('VALIDATION_FAILED', `invalid ${what}: ${summary}`, { fieldErrors });
}

interface IssueLike {
  code: string;
  path: ReadonlyArray<PropertyKey>;
  message: string;
  errors?: ReadonlyArray<ReadonlyArray<IssueLike>>;
}

/**
 * "Invalid input" says nothing when no form of a union fits (a render request is a reference or an inline
 * pattern): report the issues of the form that came closest, the one with the fewest, at their full paths.
 */
function closestIssues(issue: IssueLike, prefix: ReadonlyArray<PropertyKey>): IssueLike[] {
  const at = [...prefix, ...issue.path];
  const branches = issue.code === 'invalid_union' ? (issue.errors ?? []).filter((b) => b.length > 0) : [];
  if (branches.length === 0) return [{ ...issue, path: at }];
  const closest = branches.reduce((best, b) => (b.length < best.length ? b : best));
  return closest.flatMap((i) => closestIssues(i, at));
}
