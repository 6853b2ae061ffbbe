import { Readable } from 'node:stream';
import type { CliIo } from '../cli-io';

export interface MemoryIo extends CliIo {
  out(): string;
  err(): string;
}

/**
 * A CliIo that records stdout/stderr, for in-process command specs. Its environment selects the hashing embedder
 * (fast, no model to load) unless `env` sets MOTIF_EMBEDDER itself.
 */
export function memoryIo(options: { stdin?: string; stdinTty?: boolean; env?: NodeJS.ProcessEnv; tty?: boolean; cwd?: string; columns?: number } = {}): MemoryIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    stdout: { write: (s: string) => (out.push(s), true) },
    stderr: { write: (s: string) => (err.push(s), true) },
    stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
    env: { MOTIF_EMBEDDER: 'hashing', ...options.env },
    cwd: options.cwd ?? process.cwd(),
    stdinIsTTY: options.stdinTty ?? false,
    stdoutIsTTY: options.tty ?? false,
    stderrIsTTY: options.tty ?? false,
    columns: options.columns ?? 120,
    out: () => out.join(''),
    err: () => err.join(''),
  };
}
