/** Stable error codes: tools and scripts rely on them (HTTP status and CLI exit code derive from them). */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, exitCode: 2, title: 'Validation failed' },
  INVALID_STRUCTURE: { status: 422, exitCode: 2, title: 'Invalid structure' },
  INVALID_PARAMS: { status: 422, exitCode: 2, title: 'Invalid params' },
  INVALID_CARD: { status: 422, exitCode: 2, title: 'Invalid card' },
  DSL_SYNTAX: { status: 400, exitCode: 2, title: 'DSL syntax error' },
  CATALOG_INVALID: { status: 400, exitCode: 2, title: 'Invalid catalog' },
  NOT_FOUND: { status: 404, exitCode: 3, title: 'Not found' },
  CONFLICT: { status: 409, exitCode: 4, title: 'Conflict' },
  PRECONDITION_FAILED: { status: 412, exitCode: 4, title: 'Precondition failed' },
  UNAUTHORIZED: { status: 401, exitCode: 5, title: 'Unauthorized' },
  FORBIDDEN: { status: 403, exitCode: 5, title: 'Forbidden' },
  PAYLOAD_TOO_LARGE: { status: 413, exitCode: 2, title: 'Payload too large' },
  EMBEDDER_MISMATCH: { status: 500, exitCode: 6, title: 'Embedder mismatch' },
  BACKEND_UNAVAILABLE: { status: 503, exitCode: 7, title: 'Backend unavailable' },
  CONFIG_INVALID: { status: 500, exitCode: 8, title: 'Invalid configuration' },
  INTERNAL: { status: 500, exitCode: 1, title: 'Internal error' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** One problem with one input field; `path` is a JSON pointer-like path (`/instanceParams/buttons/0/url`). */
export interface FieldError {
  path: string;
  message: string;
  code?: string;
}

export interface MotifErrorOptions {
  fieldErrors?: FieldError[];
  details?: Record<string, unknown>;
  cause?: unknown;
}

/** Errors are typed values with a stable code; apps map them to problem+json and exit codes. */
export class MotifError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors: FieldError[];
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: MotifErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MotifError';
    this.code = code;
    this.fieldErrors = options.fieldErrors ?? [];
    this.details = options.details ?? {};
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }

  get exitCode(): number {
    return ERROR_CODES[this.code].exitCode;
  }

  get title(): string {
    return ERROR_CODES[this.code].title;
  }
}

export const isMotifError = (value: unknown): value is MotifError => value instanceof MotifError;

export const validationError = (message: string, fieldErrors: FieldError[] = []): MotifError =>
  new MotifError('VALIDATION_FAILED', message, { fieldErrors });

export const notFound = (what: string, id: string): MotifError =>
  new MotifError('NOT_FOUND', `${what} '${id}' was not found`, { details: { what, id } });

export const backendUnavailable = (backend: string, cause?: unknown): MotifError =>
  new MotifError('BACKEND_UNAVAILABLE', `${backend} is unavailable`, { cause, details: { backend } });
