import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import type { Command } from 'commander';
import { defaultApiMainPath } from '../api-entry';
import type { CliIo } from '../cli-io';
import type { CliDeps, GlobalOptions } from '../command-env';
import { action, examples, intArg } from '../command-helpers';
import { EXIT, ExitSignal } from '../exit-codes';
import { formatStats } from '../output/format';

/** Global flags → the environment variables the API reads (same precedence rules apply there). */
export function serveEnv(base: NodeJS.ProcessEnv, g: GlobalOptions, o: { port?: number; host?: string }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  const set = (name: string, value: string | number | undefined) => {
    if (value !== undefined) env[name] = String(value);
  };
  set('MOTIF_CONFIG', g.config);
  set('MOTIF_DATA_DIR', g.dataDir);
  set('MOTIF_CATALOG', g.catalog);
  set('QDRANT_URL', g.qdrantUrl);
  set('REDIS_URL', g.redisUrl);
  set('MOTIF_NAMESPACE', g.namespace);
  set('PORT', o.port);
  set('HOST', o.host);
  return env;
}

function apiEntryOrExplain(): string {
  let entry: string;
  try {
    entry = defaultApiMainPath();
  } catch {
    throw new Error('the HTTP API (@motif/api, a dependency of this CLI) cannot be found: reinstall @motif/cli, or in the repository run `npm run build`');
  }
  if (!existsSync(entry)) throw new Error(`the API is not built (${entry} is missing): run \`npm run build\` first`);
  return entry;
}

export interface SignalSource {
  on(signal: NodeJS.Signals, listener: () => void): unknown;
  off(signal: NodeJS.Signals, listener: () => void): unknown;
}

export function registerSystemCommands(program: Command, io: CliIo, deps: CliDeps & { signals?: SignalSource }): void {
  program
    .command('stats')
    .description('Store, cache and catalog statistics')
    .addHelpText('after', examples(['$ motif stats', '$ motif stats --json | jq ".cache.tiers[] | {tier, hitRatio}"']))
    .action(action(io, deps, async (env) => {
      const stats = await env.withService((s) => s.stats());
      await env.printer.result(stats, () => formatStats(stats, env.printer.colors, env.printer.width));
    }));

  program
    .command('serve')
    .description('Start the HTTP API on the same data (stops gracefully on Ctrl-C / SIGTERM)')
    .option('--port <port>', 'port (0 = any free port)', intArg('--port', 0, 65535))
    .option('--host <host>', 'address to listen on (default 127.0.0.1)')
    .addHelpText('after', examples([
      '$ motif serve',
      '$ motif serve --port 9000 --data-dir ./data',
      '$ MOTIF_API_KEY=change-me-please motif serve --host 0.0.0.0',
    ]))
    .action(action(io, deps, async (env, o: { port?: number; host?: string }) => {
      const entry = deps.apiMainPath ?? apiEntryOrExplain();
      // Its own process group: Ctrl-C reaches only this process, which forwards it exactly once
      // (a second SIGINT would make the API skip the graceful wait).
      const child = spawn(process.execPath, [entry], { env: serveEnv(env.io.env, env.globals, o), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      const orphanGuard = () => child.kill('SIGTERM');
      process.once('exit', orphanGuard);
      child.stdout.setEncoding('utf8').on('data', (d: string) => env.io.stdout.write(d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => env.io.stderr.write(d));
      const signals = deps.signals ?? process;
      let forwarded: NodeJS.Signals | undefined;
      const forward = (signal: NodeJS.Signals) => () => {
        forwarded = signal;
        child.kill(signal);
      };
      const onInt = forward('SIGINT');
      const onTerm = forward('SIGTERM');
      signals.on('SIGINT', onInt);
      signals.on('SIGTERM', onTerm);
      const code = await new Promise<number>((resolve, reject) => {
        child.once('error', reject);
        child.once('close', (exitCode, signal) => {
          if (exitCode !== null) resolve(exitCode);
          // Killed by the signal we forwarded: that is the graceful way out.
          else resolve(signal === forwarded ? EXIT.OK : 128 + (constants.signals[signal ?? 'SIGTERM'] ?? 15));
        });
      }).finally(() => {
        signals.off('SIGINT', onInt);
        signals.off('SIGTERM', onTerm);
        process.off('exit', orphanGuard);
      });
      if (code !== 0) throw new ExitSignal(code);
    }));
}
