import { once } from 'node:events';

export interface OutStream {
  write(chunk: string): boolean;
  once?(event: 'drain', listener: () => void): unknown;
}

/** Everything the CLI touches of the outside world, so commands run in-process in tests. */
export interface CliIo {
  stdout: OutStream;
  stderr: OutStream;
  stdin: AsyncIterable<string | Uint8Array>;
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Terminal width for tables; Infinity when stdout is not a terminal. */
  columns: number;
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    stdinIsTTY: process.stdin.isTTY === true,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    // Piped output is never cut to a width: scripts get whole values.
    columns: process.stdout.isTTY ? (process.stdout.columns ?? 100) : Number.POSITIVE_INFINITY,
  };
}

/** Writes, waiting for `drain` when the stream asks for it (large exports). */
export async function writeAll(stream: OutStream, chunk: string): Promise<void> {
  if (!stream.write(chunk) && stream.once) {
    await once(stream as unknown as NodeJS.EventEmitter, 'drain');
  }
}
