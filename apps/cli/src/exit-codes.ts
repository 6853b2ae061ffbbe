import type { ErrorCode, FieldError } from '@motif/core-types';

/**
 * Exit codes scripts can rely on. MotifErrors exit with `ERROR_CODES[code].exitCode` (2 bad input,
 * 3 not found, 4 conflict/precondition, 5 unauthorized or forbidden, 6 embedder mismatch, 7 backend unavailable,
 * 8 invalid configuration); these are the CLI's own.
 */
export const EXIT = {
  OK: 0,
  UNEXPECTED: 1,
  /** `import` finished, but at least one record failed (the others were stored). */
  IMPORT_INCOMPLETE: 9,
  /** Bad command line: unknown command or option, missing or malformed argument (sysexits EX_USAGE). */
  USAGE: 64,
} as const;

/** A MotifError seen through its shape, so this module needs no runtime import of core-types. */
export interface MotifErrorLike {
  name: 'MotifError';
  code: ErrorCode;
  message: string;
  exitCode: number;
  title: string;
  fieldErrors: FieldError[];
  details: Record<string, unknown>;
}

export const isMotifErrorLike = (e: unknown): e is MotifErrorLike =>
  e instanceof Error && e.name === 'MotifError' && typeof (e as { code?: unknown }).code === 'string' && typeof (e as { exitCode?: unknown }).exitCode === 'number';

/** Thrown by commands for usage problems commander cannot see (e.g. conflicting options). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A command that wants a specific exit code without an error (e.g. `dsl validate` on an invalid structure). */
export class ExitSignal extends Error {
  override readonly name = 'ExitSignal';
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}
