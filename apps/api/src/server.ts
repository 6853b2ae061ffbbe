import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type ApiApp, type ApiRuntime, type CreateAppOptions } from './app';

export interface ApiServerOptions extends Omit<CreateAppOptions, 'lifecycle'> {
  /** Defaults to `config.server.port` / `config.server.host`; port 0 picks a free port. */
  port?: number;
  host?: string;
  /** How long `close()` waits for in-flight requests before cutting connections. */
  shutdownTimeoutMs?: number;
}

export interface ApiServer {
  readonly app: ApiApp;
  readonly server: Server;
  readonly url: string;
  readonly port: number;
  /** Requests being answered right now. */
  inFlight(): number;
  /**
   * Graceful stop: refuse new connections, let in-flight requests finish (up to the timeout),
   * then close the runtime (store, cache, Redis). Idempotent.
   */
  close(): Promise<void>;
}

export type ClosableRuntime = ApiRuntime & { close(): Promise<void> };

/** Builds the app for a runtime and listens; the server owns the runtime from here on (close() closes it). */
export async function createApiServer(runtime: ClosableRuntime, options: ApiServerOptions = {}): Promise<ApiServer> {
  const lifecycle = { shuttingDown: false };
  const app = createApp(runtime, { ...options, lifecycle });
  const server = createServer(app);
  let inFlight = 0;
  let drained: (() => void) | undefined;
  server.on('request', (_req, res) => {
    inFlight++;
    res.once('close', () => {
      inFlight--;
      if (inFlight === 0) drained?.();
    });
  });
  const host = options.host ?? runtime.config.server.host;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? runtime.config.server.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;

  const close = (): Promise<void> =>
    (closing ??= (async () => {
      lifecycle.shuttingDown = true;
      const timeoutMs = options.shutdownTimeoutMs ?? 10_000;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, timeoutMs);
          timer.unref();
          drained = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      server.closeAllConnections();
      await stopped;
      await runtime.close();
      app.motif.logger.info({ event: 'shutdown' }, 'server stopped');
    })());

  return { app, server, url: `http://${urlHost}:${port}`, port, inFlight: () => inFlight, close };
}
