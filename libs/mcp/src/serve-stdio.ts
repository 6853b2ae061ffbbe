import type { Readable, Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { createMotifMcpServer, type McpRuntime, type MotifMcpServerOptions } from './create-mcp-server';

export interface StdioSession {
  /** Resolves once the session has ended (input closed, or `close()`), after the requests read so far were answered. */
  readonly done: Promise<void>;
  /** Ends the session: stops reading, answers the requests already read (up to `drainTimeoutMs`), closes the server. Idempotent. */
  close(): Promise<void>;
}

export interface StdioOptions extends MotifMcpServerOptions {
  input?: Readable;
  output?: Writable;
  /** How long the end of the session waits for requests still being answered. */
  drainTimeoutMs?: number;
}

type RequestId = string | number;
const requestId = (m: JSONRPCMessage): RequestId | undefined => ('method' in m && 'id' in m ? m.id : undefined);
const responseId = (m: JSONRPCMessage): RequestId | undefined => (!('method' in m) && 'id' in m ? m.id : undefined);

/**
 * MCP over stdio: newline-delimited JSON-RPC on `input`/`output` (stdout is the protocol: log to
 * stderr only). The session ends when the client closes the input — after every request already
 * read has been answered (`printf … | motif mcp` gets its answers), so the caller can then close
 * the runtime with no call left running against the store.
 */
export async function serveMcpOverStdio(runtime: McpRuntime, options: StdioOptions = {}): Promise<StdioSession> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const server = createMotifMcpServer(runtime, options);
  const transport = new StdioServerTransport(input, output);
  const pending = new Set<RequestId>();
  let drained: (() => void) | undefined;
  let closing: Promise<void> | undefined;
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));

  const close = (): Promise<void> =>
    (closing ??= (async () => {
      input.off('end', onEnd);
      input.off('close', onEnd);
      if (pending.size > 0) {
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

  await server.connect(transport);
  // Counted at the transport: requests are read synchronously from the input, so none read before
  // the input ends can be missed (tool calls, prompts and resource reads alike).
  const deliver = transport.onmessage;
  transport.onmessage = (message: JSONRPCMessage) => {
    const id = requestId(message);
    if (id !== undefined) pending.add(id);
    deliver?.(message);
  };
  const send = transport.send.bind(transport);
  transport.send = async (message: JSONRPCMessage) => {
    await send(message);
    const id = responseId(message);
    if (id !== undefined && pending.delete(id) && pending.size === 0) drained?.();
  };
  input.once('end', onEnd);
  input.once('close', onEnd);
  return { done, close };
}
