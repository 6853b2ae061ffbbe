import type { ParamSpec } from '@motif/dag';

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a value has the JSON shape a spec describes (an enum value must be one of its values). */
export function specFits(spec: ParamSpec, value: unknown): boolean {
  switch (spec.type) {
    case 'string':
    case 'url':
      return typeof value === 'string';
    case 'enum':
      return typeof value === 'string' && (spec.values === undefined || spec.values.includes(value));
    case 'color':
      return typeof value === 'string' || isPlainObject(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isPlainObject(value);
    default:
      return false;
  }
}
