import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import type { CliDeps } from '../command-env';
import { action, examples } from '../command-helpers';
import { parseWith } from '../lazy-modules';

export function registerCardCommands(program: Command, io: CliIo, deps: CliDeps): void {
  program
    .command('render')
    .description('Print a pattern (or one of its variations) as a ready-to-send Google Chat message {"cardsV2": [...]}')
    .argument('<id>', 'pattern id (p_…)')
    .option('--variation <variationId>', 'a variation of its family (p_…:v3)')
    .addHelpText('after', examples([
      '$ motif render p_3f2a9c0d1e4b5a6978c0d1e2',
      '$ motif vary p_3f2a9c0d1e4b5a6978c0d1e2 -s 3 -p 2 && motif render p_3f2a9c0d1e4b5a6978c0d1e2 --variation p_3f2a9c0d1e4b5a6978c0d1e2:v2',
    ]))
    .action(action(io, deps, async (env, o: { variation?: string }, id: string) => {
      const request = parseWith('PatternRefSchema', { patternId: id, variationId: o.variation }, 'render request');
      const message = await env.withService((s) => s.renderCard(request));
      // The message is the output either way: pretty JSON for people, the same JSON for --json.
      await env.printer.result(message, () => `${JSON.stringify(message, null, 2)}\n`);
    }));
}
