import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { ERROR_CODES, isMotifError, type ErrorCode, type FieldError } from '@motif/core-types';

/** What an `isError` result carries: the API's stable error `code`, and what to fix, where. */
export interface ToolErrorBody {
  error: {
    code: ErrorCode;
    /** The HTTP status the API answers for the same error. */
    status: number;
    message: string;
    fieldErrors?: Array<{ path: string; message: string }>;
    /** Structure issues (INVALID_STRUCTURE), with their paths and fixes. */
    issues?: unknown[];
  };
}

/**
 * A successful call: `structuredContent` for clients that read it, the same JSON (compact, no
 * indentation: it is read by a model) as a text block for older clients.
 */
export function toolSuccess(value: Record<string, unknown>): CallToolResult {
  return { structuredContent: value, content: [{ type: 'text', text: JSON.stringify(value) }] };
}

/**
 * A failed call as an `isError` result, never a protocol error: the model sees what went wrong and
 * can fix its arguments. No `structuredContent` (it would have to match the tool's output schema);
 * anything that is not a MotifError becomes an opaque INTERNAL error, as over HTTP.
 */
export function toolFailure(error: unknown): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: JSON.stringify(toolErrorBody(error)) }] };
}

export function toolErrorBody(error: unknown): ToolErrorBody {
  if (!isMotifError(error) || error.code === 'INTERNAL') {
    return { error: { code: 'INTERNAL', status: ERROR_CODES.INTERNAL.status, message: 'internal error' } };
  }
  const body: ToolErrorBody = { error: { code: error.code, status: error.status, message: error.message } };
  if (error.fieldErrors.length) body.error.fieldErrors = error.fieldErrors.map((f: FieldError) => ({ path: f.path, message: f.message }));
  if (Array.isArray(error.details.issues)) body.error.issues = error.details.issues;
  return body;
}
