import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import { Option, type Command } from 'commander';
import type { CliIo } from '../cli-io';
import { writeAll } from '../cli-io';
import type { CliDeps } from '../command-env';
import { action, examples, intArg } from '../command-helpers';
import { EXIT, ExitSignal } from '../exit-codes';
import { coreTypes, patternsLib } from '../lazy-modules';
import { importPatterns, type ImportSummary, type MigratedLine } from '../transfer/import-patterns';
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

const list = (items: readonly string[]) => (items.length ? items.join(', ') : '—');

export function formatMigratedLine(l: MigratedLine): string {
  const head = l.outcome === 'failed' ? 'refused' : `${l.outcome} ${l.patternId}`;
  const refused = l.refused.map((r) => `${r.field}: ${r.reason}`);
  return `  line ${l.line}: ${head}\n    mapped: ${list(l.mapped)}\n    kept in metadata: ${list(l.metadata)}\n    refused: ${list(refused)}\n`;
}

/** Formats `import --from` reads besides Motif's own export. */
const FORMATS = ['motif', 'module-wrapper'] as const;
type ImportFormat = (typeof FORMATS)[number];

export function registerTransferCommands(program: Command, io: CliIo, deps: CliDeps): void {
  program
    .command('import')
    .description('Import patterns from JSONL or a JSON array (file or stdin), in batches')
    .argument('[file]', 'file to read, or - for stdin', '-')
    .option('-b, --batch-size <n>', 'patterns written per batch (1–5000)', intArg('--batch-size', 1, 5000), 200)
    .addOption(new Option('--from <format>', 'what the lines are: Motif patterns, or points exported from the Python module_wrapper\'s Qdrant collection').choices(FORMATS).default('motif'))
    .addHelpText('after', `${examples([
      '$ motif import patterns.jsonl',
      '$ motif import patterns.json            # a JSON array works too',
      '$ cat patterns.jsonl | motif import -',
      '$ motif export | motif --data-dir /tmp/copy import',
      '$ motif import --from module-wrapper examples/module-wrapper-points.jsonl',
    ])}
One bad record never stops the others. The summary lists created, already present and failed
records (each failure with its line number and reason). Exit code ${EXIT.IMPORT_INCOMPLETE} when any record failed.
With --from module-wrapper every line is reported: what was mapped to the pattern, what was kept in
metadata.moduleWrapper, and what was refused (docs/migrating-from-module-wrapper.md).
`)
    .action(action(io, deps, async (env, o: { batchSize: number; from: ImportFormat }, file: string) => {
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
      let bytesRead = 0;
      const summary = await env.withService((s, runtime) => {
        const adapt = o.from === 'module-wrapper' ? moduleWrapperAdapter(runtime.container) : undefined;
        const onProgress = (records: number, bytes: number) => {
          bytesRead = bytes;
          bar?.update(records, bytes);
        };
        return importPatterns(s, source, { batchSize: o.batchSize, onProgress, ...(adapt ? { adapt } : {}) });
      });
      bar?.finish(summary.total, bytesRead);
      const c = env.printer.colors;
      await env.printer.result(summary, () => {
        const text = formatImportSummary(summary, label);
        const lines = summary.lines ?? [];
        const listed = lines.slice(0, MAX_LISTED_FAILURES).map(formatMigratedLine).join('');
        const more = lines.length > MAX_LISTED_FAILURES ? `  … and ${lines.length - MAX_LISTED_FAILURES} more lines (--json reports every one)\n` : '';
        return (summary.failed.length ? text.replace(/(\d+ failed)/, c.red('$1')) : text) + (lines.length ? `Per line:\n${listed}${more}` : '');
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

/** The adapter from the container the runtime was built with (the same bindings as the API). */
function moduleWrapperAdapter(container: unknown): (value: unknown) => import('@motif/patterns').AdaptedPoint {
  const c = container as { get?: (token: unknown) => unknown } | undefined;
  if (typeof c?.get !== 'function') throw new (coreTypes().MotifError)('INTERNAL', 'import --from module-wrapper needs the runtime of createMotifContainer');
  const adapter = c.get(patternsLib().PATTERNS_TOKENS.ModuleWrapperAdapter) as import('@motif/patterns').ModuleWrapperAdapter;
  return (value) => adapter.adapt(value);
}
