import {
  MotifError,
  type CardTree,
  type FieldError,
  type CardNodeInput,
  type InstancePattern,
  type ParamIssue,
  type ParsedStructure,
  type PatternShapeInput,
  type PatternVariation,
} from '@motif/core-types';
import {
  bindFlatParams,
  checkTreeParams,
  componentPathsOf,
  decodeCard,
  structureOfTree,
  type Catalog,
  type ComponentGraph,
  type DslCodec,
  type StructureValidator,
} from '@motif/dag';
import type { StructureDeriver } from './structure-deriver';

/** A pattern's shape, resolved: the tree (the truth) and the views derived from it. */
export interface ShapedPattern extends ParsedStructure {
  tree: CardTree;
  /** Card fields the catalog does not model, kept verbatim (JSON pointers into the input). */
  unknownFields: string[];
  paramIssues: ParamIssue[];
}

/**
 * Turns what users send (a Card v2 `card`, or DSL/structure/paths with flat `instanceParams`) into
 * one tree with params on its nodes, plus its structure, DSL and paths. `describe` reports every
 * problem; `shape` throws INVALID_STRUCTURE / INVALID_PARAMS listing them.
 */
export class PatternShaper {
  constructor(
    private readonly catalog: Catalog,
    private readonly graph: ComponentGraph,
    private readonly validator: StructureValidator,
    private readonly codec: DslCodec,
    private readonly deriver: StructureDeriver,
  ) {}

  describe(input: PatternShapeInput): ShapedPattern {
    if (input.tree !== undefined) {
      // An exported tree comes back as it was accepted: seed-format patterns may lack required fields.
      const shaped = this.fromTree(this.resolveTree(input.tree), [], '/tree');
      return { ...shaped, paramIssues: shaped.paramIssues.filter((i) => i.code !== 'MISSING_PARAM') };
    }
    if (input.card !== undefined) {
      const { tree, unknownFields } = decodeCard(input.card, this.catalog);
      return this.fromTree(tree, unknownFields, '/card');
    }
    const parsed = this.deriver.describe({ dsl: input.dsl ?? input.dslNotation, structure: input.structure, componentPaths: input.componentPaths });
    if (!parsed.validation.valid) return { ...parsed, tree: [], unknownFields: [], paramIssues: [] };
    const bound = bindFlatParams(parsed.structure, input.instanceParams ?? {}, this.catalog);
    // A bare structure (no params sent at all) is stored as a shape; params are checked whenever sent.
    if (input.instanceParams === undefined) return { ...parsed, tree: bound.tree, unknownFields: [], paramIssues: [] };
    // Params sent flat are checked like a card's: required fields, types, Card v2 values, unknown keys.
    const checked = checkTreeParams(bound.tree, this.catalog, { unknownKeys: 'allow', pointer: '/card' })
      .map((i) => ({ ...i, pointer: '/instanceParams' }));
    return { ...parsed, tree: bound.tree, unknownFields: [], paramIssues: [...bound.issues, ...checked] };
  }

  shape(input: PatternShapeInput): ShapedPattern {
    const shaped = this.describe(input);
    const structureField = input.tree !== undefined ? '/tree' : input.card !== undefined ? '/card' : `/${input.dsl !== undefined ? 'dsl' : input.dslNotation !== undefined ? 'dslNotation' : input.structure !== undefined ? 'structure' : 'componentPaths'}`;
    if (!shaped.validation.valid) {
      throw new MotifError('INVALID_STRUCTURE', `invalid structure for catalog ${this.catalog.id}: ${shaped.validation.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, {
        fieldErrors: shaped.validation.issues.map((i) => ({ path: structureField, message: `${i.path}: ${i.message}`, code: i.code })),
        details: { issues: shaped.validation.issues, dsl: shaped.dsl },
      });
    }
    if (shaped.paramIssues.length > 0) throw invalidParams(shaped.paramIssues);
    return shaped;
  }

  /** Names in a sent tree may be symbols or module paths, like in structures. */
  private resolveTree(nodes: readonly CardNodeInput[]): CardTree {
    return nodes.map((n) => ({
      component: this.catalog.resolveName(n.component) ?? n.component,
      ...(n.field !== undefined ? { field: n.field } : {}),
      params: n.params,
      ...(n.widget !== undefined ? { widget: n.widget } : {}),
      ...(n.children?.length ? { children: this.resolveTree(n.children) } : {}),
    }));
  }

  private fromTree(tree: CardTree, unknownFields: string[], pointer: string): ShapedPattern {
    const structure = structureOfTree(tree, this.graph);
    const validation = this.validator.validate(structure);
    const dsl = this.codec.format(structure, 'compact');
    return {
      structure,
      componentPaths: validation.valid ? componentPathsOf(structure) : [],
      dsl,
      expanded: this.codec.format(structure, 'expanded'),
      validation,
      repairs: [],
      tree,
      unknownFields,
      paramIssues: validation.valid ? checkTreeParams(tree, this.catalog, { unknownKeys: 'allow', pointer }) : [],
    };
  }

  /**
   * A pattern stored before params lived on nodes has no tree: bind its flat params leniently (a
   * key that binds nowhere stays in `instanceParams`, which is kept as stored). Never fails.
   */
  upgrade(pattern: InstancePattern): InstancePattern {
    if (Array.isArray(pattern.tree)) return pattern;
    return { ...pattern, tree: bindFlatParams(pattern.structure, pattern.instanceParams ?? {}, this.catalog).tree };
  }

  upgradeVariation(variation: PatternVariation): PatternVariation {
    if (Array.isArray(variation.tree)) return variation;
    return { ...variation, tree: bindFlatParams(variation.structure, variation.instanceParams ?? {}, this.catalog).tree };
  }
}

/** INVALID_PARAMS listing every issue with its node path, pointer and fix. */
export function invalidParams(issues: readonly ParamIssue[]): MotifError {
  const fieldErrors: FieldError[] = issues.map((i) => ({ path: i.pointer, message: `${i.path}: ${i.message}${i.fix ? ` (fix: ${i.fix})` : ''}`, code: i.code }));
  const summary = issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`).join('; ');
  const more = issues.length > 3 ? ` (+${issues.length - 3} more)` : '';
  return new MotifError('INVALID_PARAMS', `invalid params: ${summary}${more}`, { fieldErrors, details: { issues } });
}
