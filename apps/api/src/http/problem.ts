import { ERROR_CODES, isMotifError, type ErrorCode, type FieldError } from '@motif/core-types';

/** Codes of problems only the HTTP layer raises; every other problem carries a MotifError code. */
export const HTTP_PROBLEMS = {
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  MALFORMED_JSON: { status: 400, title: 'Malformed JSON' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
} as const;

export type ProblemCode = ErrorCode | keyof typeof HTTP_PROBLEMS;

/** RFC 9457 problem details, plus Motif's `code`, `requestId` and field errors. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  requestId?: string;
  errors: Array<{ path: string; message: string }>;
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const PROBLEM_TYPE_BASE = 'https://motif.dev/problems/';

/** `INVALID_STRUCTURE` → `https://motif.dev/problems/invalid-structure`. */
export const problemType = (code: ProblemCode): string => PROBLEM_TYPE_BASE + code.toLowerCase().replace(/_/g, '-');

const statusOf = (code: ProblemCode): number =>
  code in HTTP_PROBLEMS ? HTTP_PROBLEMS[code as keyof typeof HTTP_PROBLEMS].status : ERROR_CODES[code as ErrorCode].status;
const titleOf = (code: ProblemCode): string =>
  code in HTTP_PROBLEMS ? HTTP_PROBLEMS[code as keyof typeof HTTP_PROBLEMS].title : ERROR_CODES[code as ErrorCode].title;

// Members a MotifError's details may not override.
const RESERVED = new Set(['type', 'title', 'status', 'detail', 'code', 'requestId', 'errors', 'instance', 'stack', 'cause']);

export function problem(code: ProblemCode, detail: string, extra: { fieldErrors?: readonly FieldError[]; requestId?: string; extensions?: Record<string, unknown> } = {}): Problem {
  const out: Problem = {
    type: problemType(code),
    title: titleOf(code),
    status: statusOf(code),
    detail,
    code,
    errors: (extra.fieldErrors ?? []).map((f) => ({ path: f.path, message: f.message })),
  };
  if (extra.requestId) out.requestId = extra.requestId;
  for (const [k, v] of Object.entries(extra.extensions ?? {})) if (!RESERVED.has(k)) out[k] = v;
  return out;
}

/**
 * Maps anything thrown to a problem. MotifErrors keep their code, message, field errors and
 * details (e.g. the structure `issues` of INVALID_STRUCTURE); anything else becomes an opaque
 * INTERNAL problem, so no stack trace or internal message ever reaches a client.
 */
export function problemFromError(err: unknown, requestId?: string): Problem {
  if (isMotifError(err)) {
    const detail = err.code === 'INTERNAL' ? 'internal error' : err.message;
    return problem(err.code, detail, { fieldErrors: err.fieldErrors, requestId, extensions: err.code === 'INTERNAL' ? {} : jsonSafe(err.details) });
  }
  return problem('INTERNAL', 'internal error', { requestId });
}

/** Keeps only plain JSON data: Error objects and functions inside details are dropped. */
function jsonSafe(details: Record<string, unknown>): Record<string, unknown> {
  try {
    return JSON.parse(JSON.stringify(details, (_k, v: unknown) => (v instanceof Error || typeof v === 'function' ? undefined : v))) as Record<string, unknown>;
  } catch {
    return {};
  }
}
