import { notFound, StructureValidateRequestSchema, type CatalogDescription } from '@motif/core-types';
import { z } from 'zod';
import { StructureCheckSchema, structureCheck } from '../compact-views';
import { defineTool } from '../tool-definition';

export const validateStructureTool = defineTool({
  name: 'validate_structure',
  access: 'read',
  title: 'Validate a card structure',
  description:
    'Check a structure against the component catalog before storing or rendering it: give a Card v2 card, dsl (compact or with names, with optional params), a structure tree, or flat componentPaths. ' +
    'Returns valid, the canonical DSL, the expanded form, every issue with its path and a fix, the repairs applied to flat input, and paramIssues when params or a card were given.',
  input: StructureValidateRequestSchema,
  output: StructureCheckSchema,
  annotations: { readOnlyHint: true, openWorldHint: false },
  run(a, { service }) {
    return structureCheck(service.validateStructure(a));
  },
});

const ComponentSummary = z.strictObject({ name: z.string(), symbol: z.string(), children: z.array(z.string()), wrapper: z.string().optional() });

/** A component by name, symbol or any case of its name. */
function findComponent(catalog: CatalogDescription, wanted: string) {
  const lower = wanted.toLowerCase();
  return catalog.components.find((c) => c.name === wanted || c.symbol === wanted) ?? catalog.components.find((c) => c.name.toLowerCase() === lower);
}

export const describeCatalogTool = defineTool({
  name: 'describe_catalog',
  access: 'read',
  title: 'Describe the component catalog',
  description:
    'The components a card may use: each with its DSL symbol, the components it may contain, and the wrapper it needs (Button → ButtonList). ' +
    'Pass component (a name or a symbol) for that component\'s parameters.',
  input: z.strictObject({ component: z.string().min(1).max(200).optional().describe('a component name or symbol, for its parameters') }),
  output: z.strictObject({
    id: z.string(),
    name: z.string(),
    version: z.string(),
    roots: z.array(z.string()),
    components: z.array(ComponentSummary).optional(),
    component: ComponentSummary.extend({ parameters: z.record(z.string(), z.unknown()) }).optional(),
  }),
  annotations: { readOnlyHint: true, openWorldHint: false },
  run(a, { service }) {
    const catalog = service.catalog();
    const head = { id: catalog.id, name: catalog.name, version: catalog.version, roots: catalog.roots };
    const summary = (c: CatalogDescription['components'][number]) => ({ name: c.name, symbol: c.symbol, children: c.children, ...(c.wrapper ? { wrapper: c.wrapper } : {}) });
    if (a.component === undefined) return { ...head, components: catalog.components.map(summary) };
    const found = findComponent(catalog, a.component);
    if (!found) throw notFound('component', a.component);
    return { ...head, component: { ...summary(found), parameters: found.parameters } };
  },
});
