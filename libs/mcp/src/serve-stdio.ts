import type { Readable, Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createMotifMcpServer, type McpRuntime, type MotifMcpServerOptions } from './create-mcp-server';

export interface StdioSession {
  /** Resolves once the session has ended (input closed, or `close()`), after in-flight calls finished. */
  readonly done: Promise<void>;
  /** Ends the session: stops reading, lets in-flight calls finish (up to `drainTimeoutMs`), closes the server. Idempotent. */
  close(): Promise<void>;
}

export interface StdioOptions extends Omit<MotifMcpServerOptions, 'inFlight'> {
  input?: Readable;
  output?: Writable;
  /** How long the end of the session waits for calls still running. */
  drainTimeoutMs?: number;
}

/**
 * MCP over stdio: newline-delimited JSON-RPC on `input`/`output` (stdout is the protocol: log to
 * stderr only). The session ends when the client closes the input; the caller then closes the
 * runtime, which is safe because no call is left running against the store.
 */
export async function serveMcpOverStdio(runtime: McpRuntime, options: StdioOptions = {}): Promise<StdioSession> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  let running = 0;
  let drained: (() => void) | undefined;
  const inFlight = {
    begin: () => void running++,
    end: () => {
      running--;
      if (running === 0) drained?.();
    },
  };
  const server = createMotifMcpServer(runtime, { ...options, inFlight });
  const transport = new StdioServerTransport(input, output);
  let closing: Promise<void> | undefined;
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));

  const close = (): Promise<void> =>
    (closing ??= (async () => {
      input.off('end', onEnd);
      input.off('close', onEnd);
      if (running > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, options.drainTimeoutMs ?? 10_000);
          timer.unref();
          drained = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      await server.close();
      finished();
    })());
  const onEnd = () => void close();
  input.once('end', onEnd);
  input.once('close', onEnd);
  await server.connect(transport);
  return { done, close };
}
