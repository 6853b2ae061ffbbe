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
  collectParam(spec, value, path, out);
  return out;
}

// Module-level helpers appending to one list: the param check runs for every node of every candidate variation.
const invalid = (out: FieldError[], path: string, message: string): void => void out.push({ path, message, code: 'INVALID_PARAM' });

function bounds(spec: ParamSpec, n: number, what: string, path: string, out: FieldError[]): void {
  if (spec.min !== undefined && n < spec.min) invalid(out, path, `${what} ${n} is below the minimum ${spec.min}`);
  if (spec.max !== undefined && n > spec.max) invalid(out, path, `${what} ${n} is above the maximum ${spec.max}`);
}

/** `checkParam`, appending to `out`. */
function collectParam(spec: ParamSpec, value: unknown, path: string, out: FieldError[]): void {
  switch (spec.type) {
    case 'string':
      if (typeof value !== 'string') return invalid(out, path, 'expected a string');
      bounds(spec, value.length, 'length', path, out);
      if (isStyledText(value)) {
        try {
          checkStyledText(value);
        } catch (error) {
          if (!(error instanceof StyledTextError)) throw error;
          invalid(out, path, error.message);
        }
      }
      return;
    case 'url':
      if (typeof value !== 'string' || !isUrl(value)) return invalid(out, path, 'expected an http(s) or mailto URL');
      bounds(spec, value.length, 'length', path, out);
      return;
    case 'color':
      if (!isColor(value)) invalid(out, path, 'expected a hex color (#rgb, #rrggbb) or {red, green, blue[, alpha]} in [0, 1]');
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return invalid(out, path, 'expected an integer');
      bounds(spec, value, 'value', path, out);
      return;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return invalid(out, path, 'expected a number');
      bounds(spec, value, 'value', path, out);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') invalid(out, path, 'expected true or false');
      return;
    case 'enum':
      if (!(typeof value === 'string' && (spec.values ?? []).includes(value))) invalid(out, path, `expected one of ${(spec.values ?? []).join(', ')}`);
      return;
    case 'array': {
      if (!Array.isArray(value)) return invalid(out, path, 'expected an array');
      if (spec.minItems !== undefined && value.length < spec.minItems) invalid(out, path, `expected at least ${spec.minItems} items`);
      if (spec.maxItems !== undefined && value.length > spec.maxItems) invalid(out, path, `expected at most ${spec.maxItems} items`);
      const items = spec.items;
      // Holes are skipped, as forEach skips them.
      if (items) for (let i = 0; i < value.length; i++) if (i in value) collectParam(items, value[i], `${path}/${i}`, out);
      return;
    }
    case 'object':
      if (!isPlainObject(value)) return invalid(out, path, 'expected an object');
      if (spec.oneOf) {
        const present = spec.oneOf.filter((k) => value[k] !== undefined);
        if (present.length !== 1) {
          out.push({ path, message: `expected exactly one of ${spec.oneOf.join(', ')}${present.length > 1 ? ` (got ${present.join(' and ')})` : ''}`, code: present.length === 0 ? 'MISSING_PARAM' : 'INVALID_PARAM' });
        }
      }
      if (spec.properties) collectParams(spec.properties, value, path, out);
      return;
  }
}

/**
 * Checks one component's parameters against its `params` schema: required ones present, each present one of the
 * right type and within bounds. Keys the schema does not list are accepted (catalogs list the ones worth varying).
 */
export function checkParams(specs: Readonly<Record<string, ParamSpec>>, params: Readonly<Record<string, unknown>>, basePath = ''): FieldError[] {
  const out: FieldError[] = [];
  collectParams(specs, params, basePath, out);
  return out;
}

/** `checkParams`, appending to `out`; a key's path is built only when the key is there or missing. */
function collectParams(specs: Readonly<Record<string, ParamSpec>>, params: Readonly<Record<string, unknown>>, basePath: string, out: FieldError[]): void {
  for (const key of Object.keys(specs)) {
    const spec = specs[key];
    if (!(key in params) || params[key] === undefined) {
      if (spec.required) out.push({ path: `${basePath}/${key}`, message: `${key} is required`, code: 'MISSING_PARAM' });
      continue;
    }
    collectParam(spec, params[key], `${basePath}/${key}`, out);
  }
}
