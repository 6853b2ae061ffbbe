import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { createConnection, createServer } from 'node:net';
import { backendUnavailable } from '@motif/core-types';

export interface RedisServerOptions {
  /** Path of the redis-server binary (default: `REDIS_SERVER_BIN`, else `redis-server` found on the PATH). */
  binary?: string;
  /** Fixed port; by default a free loopback port is picked. */
  port?: number;
  /** Extra command-line arguments (e.g. `['--maxmemory', '10mb']`). */
  extraArgs?: string[];
  /** How long to wait for PING to answer (default 5 s). */
  startTimeoutMs?: number;
}

export interface RedisServerHandle {
  readonly port: number;
  readonly url: string;
  /** Graceful stop (SIGTERM); resolves when the process has exited. */
  stop(): Promise<void>;
  /** Crash it (SIGKILL), as a fault test would. */
  kill(): Promise<void>;
  /** Starts it again on the same port (after stop/kill); data is gone (no persistence). */
  restart(): Promise<void>;
}

/** The first `name` on `path` (a PATH value) that exists, or undefined. */
export function findOnPath(name: string, path = process.env['PATH'] ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** `REDIS_SERVER_BIN`, else `redis-server` on the PATH; the bare name when it is nowhere (then it is unavailable). */
export const defaultRedisServerBinary = (): string => process.env['REDIS_SERVER_BIN'] ?? findOnPath('redis-server') ?? 'redis-server';

export const redisServerAvailable = (binary = defaultRedisServerBinary()): boolean =>
  isAbsolute(binary) || binary.includes('/') ? existsSync(binary) : findOnPath(binary) !== undefined;

/** What to do about a missing redis-server, in every message that reports one. */
export const REDIS_SERVER_MISSING =
  'redis-server was not found (REDIS_SERVER_BIN, then the PATH): install it (apt-get install -y redis-server, as .ci/run does), ' +
  'or set MOTIF_ALLOW_SKIP=1 to skip the tests that need it (npm test then names them)';

/**
 * Whether the suites that need a real redis-server run. They always do, and fail with REDIS_SERVER_MISSING
 * when there is none, unless `MOTIF_ALLOW_SKIP=1`: then they are skipped, and the skip reporter counts them.
 */
export const redisSuitesRun = (): boolean => redisServerAvailable() || process.env['MOTIF_ALLOW_SKIP'] !== '1';

/**
 * Runs a throwaway redis-server on 127.0.0.1 for tests, benchmarks and fault drills:
 * no persistence (`--save '' --appendonly no`), resolves once PING answers.
 * Callers must `stop()` it (e.g. in `afterAll`).
 */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServerHandle> {
  const binary = options.binary ?? defaultRedisServerBinary();
  if (!redisServerAvailable(binary)) throw backendUnavailable(`redis-server binary ${binary}: ${REDIS_SERVER_MISSING}`);
  const port = options.port ?? (await freePort());
  const timeoutMs = options.startTimeoutMs ?? 5_000;
  let child: ChildProcess | undefined;

  const launch = async (): Promise<void> => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', ...(options.extraArgs ?? [])];
    const proc = spawn(binary, args, { stdio: 'ignore' });
    child = proc;
    const exited = new Promise<never>((_, reject) =>
      proc.once('exit', (code) => reject(backendUnavailable(`redis-server on port ${port} (exited with ${code})`))),
    );
    exited.catch(() => undefined);
    await Promise.race([waitForPong(port, timeoutMs), exited]);
  };

  const terminate = async (signal: NodeJS.Signals): Promise<void> => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill(signal);
    });
  };

  await launch();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop: () => terminate('SIGTERM'),
    kill: () => terminate('SIGKILL'),
    restart: async () => {
      await terminate('SIGTERM');
      await launch();
    },
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Polls with a raw RESP `PING` until `+PONG` comes back. */
async function waitForPong(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await pingOnce(port)) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw backendUnavailable(`redis-server on port ${port} (no PONG within ${timeoutMs} ms)`);
}

function pingOnce(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (buf) => done(buf.toString().startsWith('+PONG')));
  });
}
