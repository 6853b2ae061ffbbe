import { z } from 'zod';
import type { CatalogDocument, ParamSpec } from './catalog-types';

/** Characters the DSL reserves: a symbol may not contain them. */
export const DSL_RESERVED_CHARS = '[],×*';

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const FIELD_RE = /^[A-Za-z_][A-Za-z0-9_.]*$/;
// A symbol: 1–8 characters, no whitespace, no DSL punctuation, not starting with a digit or an ASCII letter/underscore
// (those start component names; keeping them apart makes tokenizing unambiguous).
const SYMBOL_RE = /^[^\sA-Za-z0-9_\[\],×*][^\s\[\],×*]{0,7}$/u;

const ParamSpecSchema: z.ZodType<ParamSpec> = z.lazy(() =>
  z.strictObject({
    type: z.enum(['string', 'url', 'color', 'integer', 'number', 'boolean', 'enum', 'array', 'object']),
    description: z.string().optional(),
    required: z.boolean().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    values: z.array(z.string()).min(1).optional(),
    items: ParamSpecSchema.optional(),
    properties: z.record(z.string(), ParamSpecSchema).optional(),
    minItems: z.number().int().min(0).optional(),
    maxItems: z.number().int().min(0).optional(),
    oneOf: z.array(z.string().min(1)).min(2).optional(),
    presentation: z.boolean().optional(),
  }),
);

const ChildEdgeSchema = z.strictObject({
  field: z.string().regex(FIELD_RE, 'field: a JSON field name'),
  child: z.string().regex(NAME_RE, 'child: a component name'),
  min: z.number().int().min(0),
  max: z.number().int().min(1).nullable(),
  childParams: z.record(z.string(), ParamSpecSchema).optional(),
});

const CardMappingSchema = z.strictObject({
  key: z.string().regex(FIELD_RE).optional(),
  wrapped: z.array(z.string().regex(FIELD_RE)).optional(),
  wrapperFields: z.array(z.string().regex(FIELD_RE)).optional(),
});

const EdgeGroupSchema = z.strictObject({
  fields: z.array(z.string().regex(FIELD_RE)).min(1),
  min: z.number().int().min(0),
  max: z.number().int().min(1).nullable(),
  description: z.string().optional(),
});

const ComponentSchema = z.strictObject({
  name: z.string().regex(NAME_RE, 'name: letters, digits and "_", starting with a letter'),
  symbol: z.string().regex(SYMBOL_RE, 'symbol: 1–8 characters, no whitespace or DSL punctuation ([ ] , × *), not starting with a letter, digit or "_"').optional(),
  description: z.string().optional(),
  modulePath: z.string().min(1).optional(),
  aliases: z.array(z.string().min(1)).optional(),
  params: z.record(z.string(), ParamSpecSchema).optional(),
  edges: z.array(ChildEdgeSchema).optional(),
  groups: z.array(EdgeGroupSchema).optional(),
  wrapper: z.string().regex(NAME_RE).optional(),
  listParam: z.string().min(1).optional(),
  card: CardMappingSchema.optional(),
  requireOneOf: z.array(z.array(z.string().min(1)).min(2)).optional(),
});

/** Zod form of the catalog file; `CATALOG_JSON_SCHEMA` is generated from it so the two cannot drift. */
export const CatalogDocumentSchema = z.strictObject({
  $schema: z.string().optional(),
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, 'id: lowercase letters, digits, ".", "_" or "-"'),
  version: z.string().min(1),
  name: z.string().min(1),
  description: z.string().optional(),
  roots: z.array(z.string().regex(NAME_RE)).min(1),
  maxDepth: z.number().int().min(1).max(1000).optional(),
  components: z.array(ComponentSchema).min(1),
});

// Compile-time check that the zod schema and the documented TypeScript type agree.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const schemaMatchesType: Equal<z.output<typeof CatalogDocumentSchema>['roots'], CatalogDocument['roots']> = true;
void schemaMatchesType;

/** JSON Schema (draft 2020-12) of a catalog file, for editors and external tools. */
export const CATALOG_JSON_SCHEMA: Record<string, unknown> = {
  ...(z.toJSONSchema(CatalogDocumentSchema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>),
  $id: 'https://motif.dev/schemas/catalog.schema.json',
  title: 'Motif component catalog',
};
