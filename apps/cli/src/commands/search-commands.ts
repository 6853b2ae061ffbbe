import { Option, type Command } from 'commander';
import type { CliIo } from '../cli-io';
import type { CliDeps } from '../command-env';
import { action, checkFeedbackFilter, collectList, examples, floatArg, intArg } from '../command-helpers';
import { parseWith } from '../lazy-modules';
import { formatHits } from '../output/format';

interface FilterOptions {
  feedback?: string[];
  component?: string[];
  tag?: string[];
}

function filterFrom(o: FilterOptions): Record<string, unknown> {
  checkFeedbackFilter(o.feedback);
  return {
    ...(o.feedback ? { feedback: o.feedback } : {}),
    ...(o.component ? { components: { all: o.component } } : {}),
    ...(o.tag ? { tags: o.tag } : {}),
  };
}

export function registerSearchCommands(program: Command, io: CliIo, deps: CliDeps): void {
  program
    .command('search')
    .description('Find patterns by description, DSL or both (hybrid: semantic + lexical + structure)')
    .argument('[text]', 'what you are looking for', '')
    .option('--dsl <dsl>', 'a structure to look for (DSL)')
    .addOption(new Option('-m, --mode <mode>', 'ranking signals').choices(['hybrid', 'semantic', 'lexical', 'structure']).default('hybrid'))
    .option('-l, --limit <n>', 'results (1–100)', intArg('--limit', 1, 100), 10)
    .option('--feedback <labels>', 'only these labels: positive, negative, unrated (repeatable)', collectList)
    .option('--component <name>', 'only patterns using every such component (repeatable)', collectList)
    .option('--tag <tag>', 'only patterns with these tags (repeatable)', collectList)
    .option('--diversity <lambda>', 'MMR re-ranking, 0 (diverse) … 1 (relevant)', floatArg('--diversity', 0, 1))
    .option('--explain', 'show why each result ranks where it does', false)
    .addHelpText('after', examples([
      `$ motif search "status card with buttons"`,
      `$ motif search --dsl '§[δ, Ƀ[ᵬ]]' --mode structure`,
      `$ motif search "onboarding form" --feedback positive --limit 5 --explain`,
      `$ motif search "alert" --diversity 0.5 --json | jq ".results[].pattern.patternId"`,
    ]))
    .action(action(io, deps, async (env, o: FilterOptions & { dsl?: string; mode: string; limit: number; diversity?: number; explain: boolean }, text: string) => {
      // A search that embeds its text loads the model (in its worker thread) while Motif loads and the store
      // opens, not after: started before the schemas load (`--mode` is already one of commander's choices).
      const embedsText = text.trim() !== '' && (o.mode === 'hybrid' || o.mode === 'semantic');
      if (embedsText) env.startModelEarly(text.trim()); // the text the searcher embeds
      const request = parseWith('SearchRequestSchema', { query: text, dsl: o.dsl, mode: o.mode, limit: o.limit, filter: filterFrom(o), explain: o.explain, diversity: o.diversity }, 'search options');
      // The search starts once the index is in: its BM25 half runs while the model finishes the query's vector.
      const response = await env.withService((s) => s.search(request), { warm: embedsText, vectors: o.dsl ? ['description', 'structure'] : ['description'], awaitModel: false });
      const c = env.printer.colors;
      await env.printer.result(response, () => formatHits(response.results, c, env.printer.width, o.explain) + c.dim(`${response.results.length} result(s), ${response.mode}, ${response.tookMs.toFixed(1)} ms`) + '\n');
    }));

  program
    .command('recommend')
    .description('Recommend patterns like the positive examples and unlike the negative ones')
    .requiredOption('--positive <ids>', 'example pattern ids (comma-separated, repeatable)', collectList)
    .option('--negative <ids>', 'counter-example pattern ids', collectList)
    .option('-l, --limit <n>', 'results (1–100)', intArg('--limit', 1, 100), 10)
    .option('--feedback <labels>', 'only these labels (repeatable)', collectList)
    .option('--explain', 'show why each result ranks where it does', false)
    .addHelpText('after', examples([
      '$ motif recommend --positive p_3f2a9c0d1e4b5a6978c0d1e2,p_0a1b2c3d4e5f60718293a4b5',
      '$ motif recommend --positive p_3f2a9c0d1e4b5a6978c0d1e2 --negative p_0a1b2c3d4e5f60718293a4b5 --limit 5',
    ]))
    .action(action(io, deps, async (env, o: FilterOptions & { positive: string[]; negative?: string[]; limit: number; explain: boolean }) => {
      const request = parseWith('RecommendRequestSchema', { positive: o.positive, negative: o.negative, limit: o.limit, filter: filterFrom(o), explain: o.explain }, 'recommend options');
      const response = await env.withService((s) => s.recommend(request));
      const c = env.printer.colors;
      await env.printer.result(response, () => formatHits(response.results, c, env.printer.width, o.explain) + c.dim(`${response.results.length} recommendation(s)`) + '\n');
    }));
}
