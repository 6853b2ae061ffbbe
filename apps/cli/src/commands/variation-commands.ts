import { Option, type Command } from 'commander';
import type { VariationType } from '@motif/core-types';
import type { CliIo } from '../cli-io';
import type { CliDeps } from '../command-env';
import { action, examples, intArg } from '../command-helpers';
import { parseWith } from '../lazy-modules';
import { formatFamily, formatVariation } from '../output/format';

export function registerVariationCommands(program: Command, io: CliIo, deps: CliDeps): void {
  program
    .command('vary')
    .description('Generate (and cache) the variation family of a pattern')
    .argument('<id>', 'pattern id')
    .option('-s, --structure <n>', 'structure variations (0–100)', intArg('--structure', 0, 100), 3)
    .option('-p, --parameter <n>', 'parameter variations (0–100)', intArg('--parameter', 0, 100), 3)
    .option('--seed <seed>', 'seed: the same seed gives the same family')
    .option('--force', 'vary even a pattern with negative feedback', false)
    .addHelpText('after', examples([
      '$ motif vary p_3f2a9c0d1e4b5a6978c0d1e2',
      '$ motif vary p_3f2a9c0d1e4b5a6978c0d1e2 -s 5 -p 2 --seed demo',
      '$ motif vary p_3f2a9c0d1e4b5a6978c0d1e2 --json | jq ".variations[].dslNotation"',
    ]))
    .action(action(io, deps, async (env, o: { structure: number; parameter: number; seed?: string; force: boolean }, id: string) => {
      const options = parseWith('VariationRequestSchema', { structure: o.structure, parameter: o.parameter, force: o.force, seed: o.seed }, 'variation options');
      const family = await env.withService((s) => s.generateVariations(id, options));
      await env.printer.result(family, () => formatFamily(family, env.printer.colors, env.printer.width));
    }));

  program
    .command('variation')
    .description('One variation from the cached family, picked at random (or by seed)')
    .argument('<id>', 'pattern id')
    .addOption(new Option('-t, --type <type>', 'only this kind').choices(['original', 'structure', 'parameter', 'combined']))
    .option('--seed <seed>', 'the same seed picks the same variation')
    .addHelpText('after', examples([
      '$ motif variation p_3f2a9c0d1e4b5a6978c0d1e2',
      '$ motif variation p_3f2a9c0d1e4b5a6978c0d1e2 --type structure --seed 42',
    ]))
    .action(action(io, deps, async (env, o: { type?: VariationType; seed?: string }, id: string) => {
      const query = parseWith('RandomVariationQuerySchema', { type: o.type, seed: o.seed }, 'variation query');
      const variation = await env.withService((s) => s.randomVariation(id, query));
      await env.printer.result(variation, () => formatVariation(variation, env.printer.colors));
    }));
}
