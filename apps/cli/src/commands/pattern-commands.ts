import { Argument, Option, type Command } from 'commander';
import type { FeedbackPolarity } from '@motif/core-types';
import type { CliIo } from '../cli-io';
import type { CliDeps } from '../command-env';
import { action, checkFeedbackFilter, collectList, examples, intArg } from '../command-helpers';
import { UsageError } from '../exit-codes';
import { parseWith } from '../lazy-modules';
import { formatPattern, formatPatternTable, labelText } from '../output/format';
import { readCardInputs } from './card-input';
import { parseJsonArg, readJsonDocument } from './read-input';

export function registerPatternCommands(program: Command, io: CliIo, deps: CliDeps): void {
  program
    .command('store')
    .description('Store a pattern (validated against the catalog); prints it with its id')
    .option('-f, --file <path>', 'pattern JSON file, or - for stdin')
    .option('--card <path>', 'a Google Chat Card v2 JSON file (a card, or a message {"cardsV2": [...]}: one pattern per card), or - for stdin')
    .option('--dsl <dsl>', 'structure in DSL notation (with --description)')
    .option('--description <text>', 'what the pattern is for')
    .option('--params <json>', 'instance parameters as a JSON object')
    .option('--tags <list>', 'comma-separated tags', collectList)
    .addOption(new Option('--feedback <label>', 'initial feedback').choices(['positive', 'negative']))
    .addHelpText('after', examples([
      '$ motif store --file pattern.json',
      '$ motif store --card examples/cards/parking-permit.json',
      `$ cat pattern.json | motif store --file -`,
      `$ motif store --dsl '§[δ, Ƀ[ᵬ×2]]' --description 'Status card with two actions' --params '{"text":"Build passed","buttons":[{"text":"Logs","url":"https://ci.example.com/logs"},{"text":"Retry","url":"https://ci.example.com/retry"}]}'`,
      '$ motif store --file pattern.json --json | jq -r .pattern.patternId',
    ]))
    .action(action(io, deps, async (env, o: { file?: string; card?: string; dsl?: string; description?: string; params?: string; tags?: string[]; feedback?: FeedbackPolarity }) => {
      let input: unknown;
      if (o.card !== undefined) {
        if (o.file !== undefined || o.dsl !== undefined || o.params !== undefined) throw new UsageError('use --card on its own (with --description, --tags, --feedback), not with --file, --dsl or --params');
        const raws = await readCardInputs(env.io, o.card, o.description, { ...(o.tags ? { tags: o.tags } : {}), ...(o.feedback ? { feedback: o.feedback } : {}) });
        const inputs = raws.map((raw, i) => parseWith('PatternInputSchema', raw, raws.length > 1 ? `card #${i + 1}` : 'card', 'file'));
        const results = await env.withService(async (s) => {
          const out = [];
          // One at a time, in file order: the first bad card stops the command with its error.
          for (const one of inputs) out.push(await s.store(one));
          return out;
        });
        const c = env.printer.colors;
        await env.printer.result(results.length === 1 ? results[0] : results, () =>
          results.map((r) => `${r.created ? c.green('Created') : c.yellow('Already present')} ${c.bold(r.pattern.patternId)}\n` +
            (r.unknownFields?.length ? c.dim(`kept verbatim (not in the catalog): ${r.unknownFields.join(', ')}\n`) : '') +
            formatPattern(r.pattern, c)).join('\n'),
        );
        return;
      }
      if (o.file !== undefined) {
        if (o.dsl !== undefined || o.description !== undefined || o.params !== undefined) throw new UsageError('use either --file or --dsl/--description/--params, not both');
        input = await readJsonDocument(env.io, o.file, 'the pattern');
      } else {
        if (o.dsl === undefined || o.description === undefined) throw new UsageError('give --file <path|-> or both --dsl and --description');
        input = {
          description: o.description,
          dsl: o.dsl,
          ...(o.params !== undefined ? { instanceParams: parseJsonArg(o.params, '--params', '/instanceParams') } : {}),
          ...(o.tags ? { tags: o.tags } : {}),
          ...(o.feedback ? { feedback: o.feedback } : {}),
        };
      }
      const parsed = parseWith('PatternInputSchema', input, 'pattern', o.file !== undefined ? 'file' : 'flags');
      const result = await env.withService((s) => s.store(parsed));
      const c = env.printer.colors;
      await env.printer.result(result, () =>
        `${result.created ? c.green('Created') : c.yellow('Already present')} ${c.bold(result.pattern.patternId)}\n` +
        (result.repairs.length ? c.dim(`repairs: ${result.repairs.join('; ')}\n`) : '') +
        formatPattern(result.pattern, c),
      );
    }));

  program
    .command('get')
    .description('Show one pattern')
    .argument('<id>', 'pattern id (p_…)')
    .addHelpText('after', examples(['$ motif get p_3f2a9c0d1e4b5a6978c0d1e2', '$ motif get p_3f2a9c0d1e4b5a6978c0d1e2 --json | jq .instanceParams']))
    .action(action(io, deps, async (env, _o: object, id: string) => {
      const pattern = await env.withService((s) => s.get(id));
      await env.printer.result(pattern, () => formatPattern(pattern, env.printer.colors));
    }));

  program
    .command('list')
    .description('List patterns in the order they were stored (oldest first), a page at a time')
    .option('-l, --limit <n>', 'patterns per page (1–100)', intArg('--limit', 1, 100), 20)
    .option('--cursor <cursor>', 'continue from a previous page (printed at its end)')
    .option('--feedback <labels>', 'only these labels: positive, negative, unrated (repeatable, comma-separated)', collectList)
    .option('--component <name>', 'only patterns using this component (repeatable)', collectList)
    .option('--tag <tag>', 'only patterns with this tag (repeatable)', collectList)
    .addHelpText('after', examples([
      '$ motif list',
      '$ motif list --feedback positive --component ButtonList --limit 50',
      '$ motif list --limit 20 --json | jq -r .nextCursor   # then: motif list --limit 20 --cursor <that cursor>',
      '$ motif list --json | jq -r ".items[].patternId"',
    ]))
    .action(action(io, deps, async (env, o: { limit: number; cursor?: string; feedback?: string[]; component?: string[]; tag?: string[] }) => {
      checkFeedbackFilter(o.feedback);
      const query = parseWith('ListPatternsQuerySchema', { limit: o.limit, cursor: o.cursor, feedback: o.feedback, component: o.component, tag: o.tag }, 'list options');
      const page = await env.withService((s) => s.list(query));
      const c = env.printer.colors;
      await env.printer.result(page, () =>
        formatPatternTable(page.items, c, env.printer.width) + (page.nextCursor ? c.dim(`next page: add --cursor ${page.nextCursor}`) + '\n' : ''),
      );
    }));

  program
    .command('delete')
    .description('Delete a pattern and its variation family')
    .argument('<id>', 'pattern id')
    .addHelpText('after', examples(['$ motif delete p_3f2a9c0d1e4b5a6978c0d1e2']))
    .action(action(io, deps, async (env, _o: object, id: string) => {
      await env.withService((s) => s.delete(id));
      await env.printer.result({ deleted: id }, () => `Deleted ${id}\n`);
    }));

  program
    .command('feedback')
    .description('Record a feedback vote for a pattern')
    .argument('<id>', 'pattern id')
    .addArgument(new Argument('<vote>', 'positive or negative').choices(['positive', 'negative']))
    .addOption(new Option('-d, --dimension <dimension>', 'which dimension the vote is for').choices(['content', 'form', 'both']).default('both'))
    .addHelpText('after', examples(['$ motif feedback p_3f2a9c0d1e4b5a6978c0d1e2 positive', '$ motif feedback p_3f2a9c0d1e4b5a6978c0d1e2 negative --dimension form']))
    .action(action(io, deps, async (env, o: { dimension: 'content' | 'form' | 'both' }, id: string, vote: FeedbackPolarity) => {
      const input = parseWith('FeedbackInputSchema', { feedback: vote, dimension: o.dimension }, 'feedback');
      const pattern = await env.withService((s) => s.recordFeedback(id, input));
      const c = env.printer.colors;
      await env.printer.result(pattern, () =>
        `Recorded ${vote} (${o.dimension}) for ${pattern.patternId}: now ${labelText(pattern.feedback, c)} (content ${labelText(pattern.contentFeedback, c)}, form ${labelText(pattern.formFeedback, c)})\n`,
      );
    }));
}
