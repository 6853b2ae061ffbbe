/**
 * The parts of @motif/dag this library relies on, as structural types: dag's classes satisfy them,
 * and tests or other catalogs can supply anything of the same shape.
 */
import type { Structure, StructureValidation } from '@motif/core-types';

export type ParamType = 'string' | 'url' | 'color' | 'integer' | 'number' | 'boolean' | 'enum' | 'array' | 'object';

export interface ParamSpecLike {
  type: ParamType;
  required?: boolean;
  min?: number;
  max?: number;
  values?: string[];
  items?: ParamSpecLike;
  properties?: Record<string, ParamSpecLike>;
  minItems?: number;
  maxItems?: number;
}

export interface ChildEdgeLike {
  field: string;
  child: string;
  min: number;
  max: number | null;
}

export interface EdgeGroupLike {
  fields: string[];
  min: number;
  max: number | null;
}

export interface ComponentSpecLike {
  name: string;
  params: Record<string, ParamSpecLike>;
  edges: ChildEdgeLike[];
  groups?: EdgeGroupLike[];
  wrapper?: string;
  listParam?: string;
}

export interface CatalogLike {
  component(name: string): ComponentSpecLike | undefined;
  components(): ComponentSpecLike[];
  resolveName(input: string): string | undefined;
  symbolOf(name: string): string;
}

export interface StructureValidatorLike {
  validate(structure: Structure): StructureValidation;
}

export interface ContainmentLike {
  allowed: boolean;
  direct: boolean;
  via?: string;
}

export interface ComponentGraphLike {
  readonly catalog: CatalogLike;
  edgesOf(parent: string): ChildEdgeLike[];
  edgeFor(parent: string, child: string, field?: string): ChildEdgeLike | undefined;
  slotAlternatives(parent: string, child: string, field?: string): string[];
  canContain(parent: string, child: string): ContainmentLike;
  requiredWrapper(parent: string, child: string): string | null;
  edges(): Array<ChildEdgeLike & { parent: string }>;
}

export interface DslCodecLike {
  format(structure: Structure, style?: 'compact' | 'expanded'): string;
}
