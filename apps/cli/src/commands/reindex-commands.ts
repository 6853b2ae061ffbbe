import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import type { CliDeps } from '../command-env';
import { action, examples, intArg } from '../command-helpers';
import { patternsLib } from '../lazy-modules';
import { renderProgress } from '../transfer/progress-bar';

export function registerReindexCommands(program: Command, io: CliIo, deps: CliDeps): void {
  program
    .command('reindex')
    .description('Re-embed the embedded store with the configured embedder (MOTIF_EMBEDDER; default use-lite)')
    .option('-b, --batch-size <n>', 'patterns embedded and committed per batch (1–5000)', intArg('--batch-size', 1, 5000), 256)
    .option('--restart', 'ignore an interrupted run and start from the first pattern', false)
    .addHelpText('after', `${examples([
      '$ motif reindex                          # a data dir built with the hashing embedder → use-lite',
      '$ MOTIF_EMBEDDER=hashing motif reindex   # back to the hashing embedder',
    ])}
New vectors are written beside the old ones, one transaction per batch, and swapped in by one final
transaction: a run killed at any point leaves the store as it was and the next run resumes after the last
batch it committed. Stop the API (and other writers) of this data dir while it runs.
`)
    .action(action(io, deps, async (env, o: { batchSize: number; restart: boolean }) => {
      const config = env.config();
      const tty = env.io.stderrIsTTY;
      const started = Date.now();
      let last = 0;
      let drawn = false;
      const summary = await patternsLib().reindexStore(config, {
        batchSize: o.batchSize,
        restart: o.restart,
        onProgress: ({ done, total }) => {
          const now = Date.now();
          if (now - last < 200 && done < total) return;
          last = now;
          drawn = true;
          const line = renderProgress({ records: done, bytes: done, totalBytes: total, elapsedMs: now - started });
          env.io.stderr.write(tty ? `\r\x1b[2Kreindexing ${line}` : `reindexing: ${done}/${total} patterns\n`);
        },
      });
      if (tty && drawn) env.io.stderr.write('\n');
      await env.printer.result(summary, () =>
        summary.upToDate
          ? `${summary.location} is already embedded with '${summary.to.id}' (${summary.total} pattern(s)); nothing to do\n`
          : `Re-embedded ${summary.total} pattern(s) of ${summary.location}: '${summary.from.id}' (${summary.from.dimension}-d) → '${summary.to.id}' (${summary.to.dimension}-d)` +
            (summary.resumedAfter ? `, resuming after ${summary.resumedAfter} embedded by an interrupted run` : '') +
            `; ${(summary.ms / 1000).toFixed(1)} s\n`,
      );
    }));
}
