import { isMotifError, MotifError } from '@motif/core-types';

/**
 * The service names the fields of its own input (`/instanceParams/buttons/1`); a tool's caller
 * sent them under the tool's argument names (`/params/buttons/1`). Errors are re-pointed at the
 * arguments, so a model fixes the argument it sent.
 */
export function renameArgumentPaths(error: unknown, renames: Readonly<Record<string, string>>): unknown {
  if (!isMotifError(error)) return error;
  const rename = (pointer: string): string => {
    for (const [from, to] of Object.entries(renames)) {
      if (pointer === from || pointer.startsWith(`${from}/`)) return to + pointer.slice(from.length);
    }
    return pointer;
  };
  const issues = Array.isArray(error.details.issues)
    ? error.details.issues.map((i: unknown) => (typeof i === 'object' && i !== null && typeof (i as { pointer?: unknown }).pointer === 'string' ? { ...i, pointer: rename((i as { pointer: string }).pointer) } : i))
    : undefined;
  const renamed = new MotifError(error.code, error.message, {
    fieldErrors: error.fieldErrors.map((f) => ({ ...f, path: rename(f.path) })),
    details: issues ? { ...error.details, issues } : error.details,
    cause: error,
  });
  return renamed;
}

/** Runs a service call whose input carried the tool's `params` as `instanceParams`. */
export async function withParamsArgument<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw renameArgumentPaths(error, { '/instanceParams': '/params' });
  }
}
