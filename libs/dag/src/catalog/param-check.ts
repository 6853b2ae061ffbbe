import type { FieldError } from '@motif/core-types';
import type { ParamSpec } from './catalog-types';
import { checkStyledText, isStyledText, StyledTextError } from '../card/styled-text';

const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
// Jinja-style expressions (`{{ 'Online' | success_text }}`) are filled in later: accept them where a url/color goes.
const TEMPLATE = /\{\{.*\}\}/s;

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isUrl(value: string): boolean {
  if (TEMPLATE.test(value)) return true;
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'mailto:';
  } catch {
    return false;
  }
}

function isColor(value: unknown): boolean {
  if (typeof value === 'string') return HEX_COLOR.test(value) || TEMPLATE.test(value);
  if (!isPlainObject(value)) return false;
  // google.type.Color: red/green/blue (and optional alpha) in [0, 1]
  const channels = ['red', 'green', 'blue', 'alpha'].filter((k) => k in value);
  if (!('red' in value) || !('green' in value) || !('blue' in value)) return false;
  return channels.every((k) => typeof value[k] === 'number' && (value[k] as number) >= 0 && (value[k] as number) <= 1);
}

/** Problems with one parameter value against its spec (empty when it conforms). `path` is a JSON-pointer-like path. */
export function checkParam(spec: ParamSpec, value: unknown, path: string): FieldError[] {
  const out: FieldError[] = [];
  const bad = (message: string): FieldError[] => [...out, { path, message, code: 'INVALID_PARAM' }];
  const bounds = (n: number, what: string): void => {
    if (spec.min !== undefined && n < spec.min) out.push({ path, message: `${what} ${n} is below the minimum ${spec.min}`, code: 'INVALID_PARAM' });
    if (spec.max !== undefined && n > spec.max) out.push({ path, message: `${what} ${n} is above the maximum ${spec.max}`, code: 'INVALID_PARAM' });
  };
  switch (spec.type) {
    case 'string':
      if (typeof value !== 'string') return bad('expected a string');
      bounds(value.length, 'length');
      if (isStyledText(value)) {
        try {
          checkStyledText(value);
        } catch (error) {
          if (!(error instanceof StyledTextError)) throw error;
          out.push({ path, message: error.message, code: 'INVALID_PARAM' });
        }
      }
      return out;
    case 'url':
      if (typeof value !== 'string' || !isUrl(value)) return bad('expected an http(s) or mailto URL');
      bounds(value.length, 'length');
      return out;
    case 'color':
      return isColor(value) ? out : bad('expected a hex color (#rgb, #rrggbb) or {red, green, blue[, alpha]} in [0, 1]');
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return bad('expected an integer');
      bounds(value, 'value');
      return out;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return bad('expected a number');
      bounds(value, 'value');
      return out;
    case 'boolean':
      return typeof value === 'boolean' ? out : bad('expected true or false');
    case 'enum':
      return typeof value === 'string' && (spec.values ?? []).includes(value) ? out : bad(`expected one of ${(spec.values ?? []).join(', ')}`);
    case 'array': {
      if (!Array.isArray(value)) return bad('expected an array');
      if (spec.minItems !== undefined && value.length < spec.minItems) out.push({ path, message: `expected at least ${spec.minItems} items`, code: 'INVALID_PARAM' });
      if (spec.maxItems !== undefined && value.length > spec.maxItems) out.push({ path, message: `expected at most ${spec.maxItems} items`, code: 'INVALID_PARAM' });
      if (spec.items) value.forEach((item, i) => out.push(...checkParam(spec.items as ParamSpec, item, `${path}/${i}`)));
      return out;
    }
    case 'object':
      if (!isPlainObject(value)) return bad('expected an object');
      if (spec.oneOf) {
        const present = spec.oneOf.filter((k) => value[k] !== undefined);
        if (present.length !== 1) {
          out.push({ path, message: `expected exactly one of ${spec.oneOf.join(', ')}${present.length > 1 ? ` (got ${present.join(' and ')})` : ''}`, code: present.length === 0 ? 'MISSING_PARAM' : 'INVALID_PARAM' });
        }
      }
      if (spec.properties) out.push(...checkParams(spec.properties, value, path));
      return out;
  }
}

/**
 * Checks one component's parameters against its `params` schema: required ones present, each present one of the
 * right type and within bounds. Keys the schema does not list are accepted (catalogs list the ones worth varying).
 */
export function checkParams(specs: Readonly<Record<string, ParamSpec>>, params: Readonly<Record<string, unknown>>, basePath = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const [key, spec] of Object.entries(specs)) {
    const path = `${basePath}/${key}`;
    if (!(key in params) || params[key] === undefined) {
      if (spec.required) out.push({ path, message: `${key} is required`, code: 'MISSING_PARAM' });
      continue;
    }
    out.push(...checkParam(spec, params[key], path));
  }
  return out;
}
