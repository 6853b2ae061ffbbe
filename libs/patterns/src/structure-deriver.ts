import {
  MotifError,
  type FieldError,
  type ParsedStructure,
  type Structure,
  type StructureNodeInput,
} from '@motif/core-types';
import {
  canonicalizeStructure,
  componentPathsOf,
  structureFromPaths,
  type Catalog,
  type ComponentGraph,
  type DslCodec,
  type StructureValidator,
} from '@motif/dag';

export interface StructureSource {
  dsl?: string;
  structure?: StructureNodeInput | StructureNodeInput[];
  componentPaths?: string[];
}

/**
 * Turns whatever form a user sent (DSL, tree, flat paths) into one canonical structure, validated
 * by the catalog's single validator. Precedence when several are given: dsl, structure, componentPaths;
 * the others must then agree with it.
 */
export class StructureDeriver {
  constructor(
    private readonly catalog: Catalog,
    private readonly graph: ComponentGraph,
    private readonly validator: StructureValidator,
    private readonly codec: DslCodec,
  ) {}

  /** Parses and validates; never throws for an invalid structure (see `validation`). */
  describe(source: StructureSource): ParsedStructure {
    const { structure, repairs, from } = this.toStructure(source);
    // Validate before expanding anything: the validator bounds depth and size, so a hostile
    // tree is reported (TOO_DEEP, TOO_MANY…) instead of being expanded first.
    const validation = this.validator.validate(structure);
    if (!validation.valid) {
      const expanded = this.safeFormat(structure, 'expanded');
      return { structure, componentPaths: safePaths(structure), dsl: this.safeFormat(structure, 'compact') || expanded, expanded, validation, repairs };
    }
    // With the graph, fields are filled in: the same tree sent as DSL or as JSON hashes the same.
    const canonical = canonicalizeStructure(structure, this.graph);
    const componentPaths = componentPathsOf(canonical);
    if (from !== 'componentPaths' && source.componentPaths) this.checkAgreement(source.componentPaths, componentPaths);
    return {
      structure: canonical,
      componentPaths,
      dsl: this.codec.format(canonical, 'compact'),
      expanded: this.codec.format(canonical, 'expanded'),
      validation,
      repairs,
    };
  }

  /** Like `describe`, but an invalid structure is an INVALID_STRUCTURE error listing every issue. */
  derive(source: StructureSource): ParsedStructure {
    const parsed = this.describe(source);
    if (!parsed.validation.valid) {
      const field = `/${source.dsl !== undefined ? 'dsl' : source.structure !== undefined ? 'structure' : 'componentPaths'}`;
      throw new MotifError(
        'INVALID_STRUCTURE',
        `invalid structure for catalog ${this.catalog.id}: ${parsed.validation.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
        {
          fieldErrors: parsed.validation.issues.map((i) => ({ path: field, message: `${i.path}: ${i.message}`, code: i.code })),
          details: { issues: parsed.validation.issues, dsl: parsed.dsl },
        },
      );
    }
    return parsed;
  }

  /** An invalid structure may hold names without symbols: show what can be shown. */
  private safeFormat(structure: Structure, style: 'compact' | 'expanded'): string {
    try {
      return this.codec.format(structure, style);
    } catch {
      return '';
    }
  }

  private toStructure(source: StructureSource): { structure: Structure; repairs: string[]; from: keyof StructureSource } {
    if (source.dsl !== undefined) {
      const result = this.codec.tryParse(source.dsl);
      if (!result.ok) {
        const { offset, expected, message } = result.error;
        throw new MotifError('DSL_SYNTAX', `/dsl: ${message}`, {
          fieldErrors: [{ path: `/dsl`, message: `${message} (offset ${offset}, expected ${expected})`, code: 'DSL_SYNTAX' }],
          details: { offset, expected },
        });
      }
      return { structure: result.structure, repairs: [], from: 'dsl' };
    }
    if (source.structure !== undefined) {
      const roots = Array.isArray(source.structure) ? source.structure : [source.structure];
      return { structure: roots.map((r) => this.resolveNames(r)), repairs: [], from: 'structure' };
    }
    if (source.componentPaths !== undefined) {
      const { structure, repairs } = structureFromPaths(source.componentPaths, this.graph);
      return { structure, repairs, from: 'componentPaths' };
    }
    throw new MotifError('VALIDATION_FAILED', 'one of dsl, structure or componentPaths is required', {
      fieldErrors: [{ path: `/dsl`, message: 'one of dsl, structure or componentPaths is required' }],
    });
  }

  /** Accepts symbols and dotted module paths in trees too; unknown names are left for the validator to report. */
  private resolveNames(node: StructureNodeInput): Structure[number] {
    const component = this.catalog.resolveName(node.component) ?? node.component;
    return {
      component,
      ...(node.count !== undefined && node.count !== 1 ? { count: node.count } : {}),
      ...(node.field !== undefined ? { field: node.field } : {}),
      ...(node.children?.length ? { children: node.children.map((c) => this.resolveNames(c)) } : {}),
    };
  }

  private checkAgreement(given: string[], derived: string[]): void {
    const resolved = given.map((p) => this.catalog.resolveName(p) ?? p);
    if (resolved.length === derived.length && resolved.every((c, i) => c === derived[i])) return;
    const errors: FieldError[] = [
      { path: `/componentPaths`, message: `does not match the structure given (${derived.join(', ')})` },
    ];
    throw new MotifError('VALIDATION_FAILED', `componentPaths disagree with the structure: expected ${derived.join(', ')}`, { fieldErrors: errors });
  }
}

/** Paths of an invalid structure, when it is small enough to expand; empty otherwise. */
function safePaths(structure: Structure): string[] {
  try {
    return componentPathsOf(structure);
  } catch {
    return [];
  }
}
