import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CliIo } from '../cli-io';
import { coreTypes } from '../lazy-modules';

/** Someone typing at a terminal should know the command is waiting for them. */
export function stdinHint(io: CliIo): void {
  if (io.stdinIsTTY) io.stderr.write('reading from stdin (end with Ctrl-D)…\n');
}

export async function readAll(stream: AsyncIterable<string | Uint8Array>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(parts).toString('utf8');
}

/** A JSON document from a file, or from stdin for `-`. Unreadable or malformed input is a validation error (exit 2). */
export async function readJsonDocument(io: CliIo, path: string, what: string): Promise<unknown> {
  const { MotifError } = coreTypes();
  let text: string;
  try {
    if (path === '-') stdinHint(io);
    text = path === '-' ? await readAll(io.stdin) : await readFile(resolve(io.cwd, path), 'utf8');
  } catch (cause) {
    throw new MotifError('VALIDATION_FAILED', `cannot read ${what} from ${path}: ${(cause as Error).message}`, { cause });
  }
  return parseJsonArg(text, what, '/');
}

export function parseJsonArg(text: string, what: string, path: string): unknown {
  const { MotifError, jsonDepthExceeds, MAX_JSON_DEPTH } = coreTypes();
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (cause) {
    throw new MotifError('VALIDATION_FAILED', `${what} is not valid JSON: ${(cause as Error).message}`, { cause, fieldErrors: [{ path, message: 'not valid JSON' }] });
  }
  // Recursive validation would overflow the stack on absurd nesting: refuse it as bad input.
  if (jsonDepthExceeds(value)) throw new MotifError('VALIDATION_FAILED', `${what} nests deeper than ${MAX_JSON_DEPTH} levels`, { fieldErrors: [{ path, message: `nesting deeper than ${MAX_JSON_DEPTH} levels` }] });
  return value;
}
