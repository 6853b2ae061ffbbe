import { Option, type Command } from 'commander';
import type { CliIo } from '../cli-io';
import type { CliDeps } from '../command-env';
import { action, examples } from '../command-helpers';
import { ExitSignal } from '../exit-codes';
import { coreTypes, parseWith } from '../lazy-modules';
import { GRAPH_FORMATS, catalogEdges, renderCatalogGraph, type GraphFormat } from '../output/catalog-graph';
import { formatCatalog, formatComponent, formatIssues, formatParsed } from '../output/format';

export function registerStructureCommands(program: Command, io: CliIo, deps: CliDeps): void {
  const dsl = program
    .command('dsl')
    .description('Parse, format and validate DSL notation')
    .addHelpText('after', examples([`$ motif dsl parse '§[δ, Ƀ[ᵬ×2]]'`, `$ motif dsl format --expanded '§[δ]'`, `$ motif dsl validate '§[ᵬ]' || echo invalid`]));

  dsl
    .command('parse')
    .description('Parse DSL into a structure and component paths')
    .argument('<dsl>', 'DSL text (quote it in the shell)')
    .addHelpText('after', examples([`$ motif dsl parse '§[δ, Ƀ[ᵬ×2]]'`, `$ motif dsl parse '§[δ]' --json | jq .structure`]))
    .action(action(io, deps, async (env, _o: object, text: string) => {
      const request = parseWith('DslParseRequestSchema', { dsl: text }, 'DSL');
      const parsed = await env.withService(async (s) => s.parseDsl(request));
      await env.printer.result(parsed, () => formatParsed(parsed, env.printer.colors));
    }));

  dsl
    .command('format')
    .description('Print the canonical compact form (or the expanded one with component names)')
    .argument('<dsl>', 'DSL text')
    .option('--expanded', 'component names instead of symbols', false)
    .addHelpText('after', examples([`$ motif dsl format '§[ δ , δ ]'`, `$ motif dsl format --expanded '§[δ×2]'`]))
    .action(action(io, deps, async (env, o: { expanded: boolean }, text: string) => {
      const request = parseWith('DslParseRequestSchema', { dsl: text }, 'DSL');
      const parsed = await env.withService(async (s) => s.parseDsl(request));
      const formatted = o.expanded ? parsed.expanded : parsed.dsl;
      await env.printer.result({ dsl: parsed.dsl, expanded: parsed.expanded }, () => formatted + '\n');
    }));

  dsl
    .command('validate')
    .description('Validate DSL against the catalog; exit 2 when the structure is invalid')
    .argument('<dsl>', 'DSL text')
    .addHelpText('after', examples([`$ motif dsl validate '§[δ]'`, `$ motif dsl validate '§[ᵬ]' || echo invalid`]))
    .action(action(io, deps, async (env, _o: object, text: string) => {
      const request = parseWith('StructureValidateRequestSchema', { dsl: text }, 'DSL');
      const parsed = await env.withService(async (s) => s.validateStructure(request));
      const c = env.printer.colors;
      await env.printer.result(parsed, () =>
        parsed.validation.valid ? `${c.green('valid')} ${parsed.dsl}\n` : `${c.red('invalid')} ${parsed.dsl}\n${formatIssues(parsed.validation.issues, c)}`,
      );
      if (!parsed.validation.valid) throw new ExitSignal(coreTypes().ERROR_CODES.INVALID_STRUCTURE.exitCode);
    }));

  const catalog = program
    .command('catalog')
    .description('Inspect the component catalog')
    .addHelpText('after', examples(['$ motif catalog show', '$ motif catalog show ButtonList', '$ motif catalog graph --format mermaid']));

  catalog
    .command('show')
    .description('List the components, or show one component')
    .argument('[component]', 'component name or symbol')
    .addHelpText('after', examples(['$ motif catalog show', '$ motif catalog show DecoratedText', `$ motif catalog show δ --json`]))
    .action(action(io, deps, async (env, _o: object, name?: string) => {
      const cat = await env.withService(async (s) => s.catalog());
      if (name === undefined) {
        await env.printer.result(cat, () => formatCatalog(cat, env.printer.colors, env.printer.width));
        return;
      }
      const comp = cat.components.find((x) => x.name === name || x.symbol === name) ?? cat.components.find((x) => x.name.toLowerCase() === name.toLowerCase());
      if (!comp) throw coreTypes().notFound('component', name);
      await env.printer.result(comp, () => formatComponent(comp, env.printer.colors));
    }));

  catalog
    .command('graph')
    .description('The parent → child graph of the catalog')
    .addOption(new Option('--format <format>', 'output format').choices([...GRAPH_FORMATS]).default('text'))
    .addHelpText('after', examples(['$ motif catalog graph', '$ motif catalog graph --format dot | dot -Tsvg > catalog.svg', '$ motif catalog graph --format mermaid']))
    .action(action(io, deps, async (env, o: { format: GraphFormat }) => {
      const cat = await env.withService(async (s) => s.catalog());
      await env.printer.result({ id: cat.id, roots: cat.roots, nodes: cat.components.map((x) => x.name), edges: catalogEdges(cat) }, () => renderCatalogGraph(cat, o.format));
    }));
}
