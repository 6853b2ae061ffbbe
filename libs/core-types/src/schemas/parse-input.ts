import type { z } from 'zod';
import { MotifError, type FieldError } from '../errors/motif-error';

/** JSON-pointer-style path of a zod issue (`/instanceParams/buttons/0`); `/` for the root. */
export const issuePath = (path: ReadonlyArray<PropertyKey>): string =>
  path.length === 0 ? '/' : '/' + path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** Validates once, at the edge: returns the parsed value or throws VALIDATION_FAILED naming every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what = 'request'): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fieldErrors: FieldError[] = result.error.issues.map((issue) => ({
    path: issuePath(issue.path),
    message: issue.message,
    code: issue.code,
  }));
  const summary = fieldErrors.map((f) => `${f.path}: ${f.message}`).join('; ');
  throw new MotifError('VALIDATION_FAILED', `invalid ${what}: ${summary}`, { fieldErrors });
}
