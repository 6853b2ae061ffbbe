import { Option, type Command } from 'commander';
import type { CliIo } from '../cli-io';
import type { CliDeps } from '../command-env';
import { action, examples, intArg } from '../command-helpers';
import { patternsLib } from '../lazy-modules';

export function registerMigrateCommands(program: Command, io: CliIo, deps: CliDeps): void {
  program
    .command('migrate')
    .description('Stream the embedded store into a Qdrant collection (patterns, vectors, votes, families)')
    .addOption(new Option('--to <backend>', 'target backend').choices(['qdrant']).makeOptionMandatory())
    .option('--collection <name>', 'target collection (env QDRANT_COLLECTION; default motif_patterns)')
    .option('-b, --batch-size <n>', 'patterns per upsert (1–5000)', intArg('--batch-size', 1, 5000), 256)
    .option('--restart', 'ignore an interrupted run and start from the first pattern', false)
    .addHelpText('after', `${examples([
      '$ motif migrate --to qdrant --qdrant-url http://localhost:6333',
      '$ QDRANT_URL=http://localhost:6333 motif migrate --to qdrant --collection motif_v2',
    ])}
The source is the embedded store of --data-dir. Re-running is safe: points have deterministic ids, and an
interrupted run resumes after the last batch it finished (--restart to start over). A collection whose vector
size or embedder differs from the store's is refused before anything is written.
`)
    .action(action(io, deps, async (env, o: { to: 'qdrant'; collection?: string; batchSize: number; restart: boolean }) => {
      const config = env.config();
      let last = 0;
      const summary = await patternsLib().migrateStore(config, {
        to: o.to,
        collection: o.collection,
        batchSize: o.batchSize,
        restart: o.restart,
        client: deps.qdrantClient?.(),
        onProgress: ({ done, total }) => {
          const now = Date.now();
          if (now - last < 200 && done < total) return;
          last = now;
          env.io.stderr.write(`${env.io.stderrIsTTY ? '\r\x1b[2K' : ''}migrating: ${done}/${total} patterns${env.io.stderrIsTTY ? '' : '\n'}`);
        },
      });
      if (env.io.stderrIsTTY) env.io.stderr.write('\n');
      await env.printer.result(summary, () =>
        `Migrated ${summary.moved} pattern(s) to ${summary.location}/${summary.collection}` +
        (summary.resumedAfter ? ` (resumed after ${summary.resumedAfter} moved by an interrupted run)` : '') +
        `: ${summary.withVotes} with votes, ${summary.families} families; the collection holds ${summary.targetPatterns} pattern(s); ${(summary.ms / 1000).toFixed(1)} s\n`,
      );
    }));
}
