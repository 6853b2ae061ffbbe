import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { writeAll } from '../cli-io';
import type { CliDeps } from '../command-env';
import { action, examples, intArg } from '../command-helpers';
import { EXIT, ExitSignal } from '../exit-codes';
import { coreTypes } from '../lazy-modules';
import { importPatterns, type ImportSummary } from '../transfer/import-patterns';
import { ProgressBar } from '../transfer/progress-bar';
import { stdinHint } from './read-input';

/** Failures listed in human output; `--json` always has all of them. */
export const MAX_LISTED_FAILURES = 100;

export function formatImportSummary(s: ImportSummary, source: string): string {
  const head = `Imported ${s.total} record${s.total === 1 ? '' : 's'} from ${source}: ${s.created} created, ${s.alreadyPresent} already present, ${s.failed.length} failed\n`;
  const listed = s.failed.slice(0, MAX_LISTED_FAILURES).map((f) => `  line ${f.line}: ${f.code}: ${f.reason}\n`).join('');
  const more = s.failed.length > MAX_LISTED_FAILURES ? `  … and ${s.failed.length - MAX_LISTED_FAILURES} more failures (--json lists every one)\n` : '';
  return head + listed + more;
}

export function registerTransferCommands(program: Command, io: CliIo, deps: CliDeps): void {
  program
    .command('import')
    .description('Import patterns from JSONL or a JSON array (file or stdin), in batches')
    .argument('[file]', 'file to read, or - for stdin', '-')
    .option('-b, --batch-size <n>', 'patterns written per batch (1–5000)', intArg('--batch-size', 1, 5000), 200)
    .addHelpText('after', `${examples([
      '$ motif import patterns.jsonl',
      '$ motif import patterns.json            # a JSON array works too',
      '$ cat patterns.jsonl | motif import -',
      '$ motif export | motif --data-dir /tmp/copy import',
    ])}
One bad record never stops the others. The summary lists created, already present and failed
records (each failure with its line number and reason). Exit code ${EXIT.IMPORT_INCOMPLETE} when any record failed.
`)
    .action(action(io, deps, async (env, o: { batchSize: number }, file: string) => {
      let source: AsyncIterable<string | Uint8Array>;
      let totalBytes: number | undefined;
      const label = file === '-' ? 'stdin' : file;
      if (file === '-') {
        stdinHint(env.io);
        source = env.io.stdin;
      }
      else {
        const path = resolve(env.io.cwd, file);
        try {
          totalBytes = (await stat(path)).size;
        } catch (cause) {
          throw new (coreTypes().MotifError)('VALIDATION_FAILED', `cannot read ${file}: ${(cause as Error).message}`, { cause });
        }
        source = createReadStream(path);
      }
      const bar = env.io.stderrIsTTY ? new ProgressBar(env.io.stderr, totalBytes) : undefined;
      const summary = await env.withService((s) => importPatterns(s, source, { batchSize: o.batchSize, onProgress: (records, bytes) => bar?.update(records, bytes) }));
      bar?.finish();
      const c = env.printer.colors;
      await env.printer.result(summary, () => {
        const text = formatImportSummary(summary, label);
        return summary.failed.length ? text.replace(/(\d+ failed)/, c.red('$1')) : text;
      });
      if (summary.failed.length) throw new ExitSignal(EXIT.IMPORT_INCOMPLETE);
    }));

  program
    .command('export')
    .description('Export every pattern of the namespace as JSONL (import reads it back losslessly)')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .addHelpText('after', examples([
      '$ motif export > patterns.jsonl',
      '$ motif export --output patterns.jsonl --namespace team-a',
      '$ motif export | motif --data-dir /tmp/copy import -',
    ]))
    .action(action(io, deps, async (env, o: { output?: string }) => {
      const count = await env.withService(async (s) => {
        const file = o.output === undefined ? undefined : createWriteStream(resolve(env.io.cwd, o.output));
        const out = file ?? env.io.stdout;
        let n = 0;
        for await (const p of s.exportPatterns()) {
          await writeAll(out, JSON.stringify(p) + '\n');
          n++;
        }
        if (file) {
          file.end();
          await finished(file);
        }
        return n;
      });
      // With no --output, stdout holds the JSONL and nothing else.
      if (o.output !== undefined) await env.printer.result({ exported: count, output: o.output }, () => `Exported ${count} pattern${count === 1 ? '' : 's'} to ${o.output}\n`);
    }));
}
