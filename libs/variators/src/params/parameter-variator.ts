import type { RandomSource, Structure } from '@motif/core-types';
import { componentCounts } from '@motif/dag';
import type { CatalogLike, ParamSpecLike } from '../dag-ports';
import { isHexColour, isUrl, stringKindOf, varyHexColour, varyStringOfKind, varyUrl } from './string-kinds';

export interface ParameterVariationContext {
  /** The structure the parameters belong to: selects catalog specs and locks list lengths to counts. */
  structure?: Structure;
}

export interface CustomVariatorContext {
  /** The key the value sits under (for array elements: the array's key). */
  key: string;
  /** Readable path, e.g. `buttons[1].url`. */
  path: string;
  spec?: ParamSpecLike;
  structure?: Structure;
}

export type CustomVariator = (value: unknown, rng: RandomSource, ctx: CustomVariatorContext) => unknown;

export interface ParameterVariationResult {
  params: Record<string, unknown>;
  operations: string[];
}

type PathPart = string | number;

interface Site {
  path: PathPart[];
  key: string;
  value: unknown;
  spec?: ParamSpecLike;
  custom?: CustomVariator;
  /** Array whose length is bound to a component count: reorder only. */
  lockedLength?: boolean;
  isArray: boolean;
}

interface Registration {
  test: (key: string, path: string) => boolean;
  variator: CustomVariator;
}

/** How many independent values one parameter variation changes at most. */
const MAX_CHANGES = 3;

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const formatParamPath = (path: readonly PathPart[]): string =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');

/**
 * Type-aware variation of instance parameters. Uses the catalog's ParamSpec when a key belongs to a
 * component present in the structure (its params, its list binding, or the component's own name as key),
 * JSON value types otherwise. Arrays bound to a component count (Button ↔ `buttons`) keep their length.
 */
export class ParameterVariator {
  private readonly registrations: Registration[] = [];
  private readonly enumByValue = new Map<string, string[]>();

  constructor(private readonly catalog?: Pick<CatalogLike, 'component' | 'components'>) {
    for (const c of catalog?.components() ?? []) collectEnums(c.params, this.enumByValue);
  }

  /** Custom variator for keys matching a pattern: a RegExp, an exact key or path, or a glob with `*`. */
  register(keyPattern: string | RegExp, variator: CustomVariator): this {
    let test: Registration['test'];
    if (keyPattern instanceof RegExp) {
      const re = new RegExp(keyPattern.source, keyPattern.flags.replace('g', ''));
      test = (key, path) => re.test(key) || re.test(path);
    } else if (keyPattern.includes('*')) {
      const re = new RegExp(`^${keyPattern.split('*').map(escapeRegExp).join('.*')}$`);
      test = (key, path) => re.test(key) || re.test(path);
    } else {
      test = (key, path) => key === keyPattern || path === keyPattern;
    }
    this.registrations.push({ test, variator });
    return this;
  }

  vary(params: Record<string, unknown>, rng: RandomSource, context: ParameterVariationContext = {}): ParameterVariationResult {
    const present = this.presentComponents(context.structure);
    const sites: Site[] = [];
    for (const key of Object.keys(params)) {
      const value = params[key];
      const top = this.topLevelSpec(key, value, present);
      this.collect(value, [key], key, top.spec, top.locked, present, sites);
    }
    if (sites.length === 0) return { params, operations: [] };

    const order = rng.shuffle(sites);
    const wanted = rng.int(1, Math.min(MAX_CHANGES, sites.length));
    const chosen: PathPart[][] = [];
    const operations: string[] = [];
    let out: unknown = params;
    for (const site of order) {
      if (operations.length >= wanted) break;
      if (chosen.some((p) => overlaps(p, site.path))) continue;
      const applied = this.mutate(site, rng, context.structure);
      if (applied === null || deepEqual(applied.value, site.value)) continue;
      out = setAt(out, site.path, 0, applied.value);
      chosen.push(site.path);
      operations.push(`param ${applied.op} ${formatParamPath(site.path)}`);
    }
    return { params: out as Record<string, unknown>, operations };
  }

  private presentComponents(structure: Structure | undefined): Map<string, number> {
    return structure && this.catalog ? componentCounts(structure) : new Map<string, number>();
  }

  private topLevelSpec(key: string, value: unknown, present: Map<string, number>): { spec?: ParamSpecLike; locked: boolean } {
    if (!this.catalog || present.size === 0) return { locked: false };
    // Parameters grouped per component: `{ "Button": [{…}, {…}] }` or `{ "CardHeader": {…} }`.
    const own = present.has(key) ? this.catalog.component(key) : undefined;
    if (own && (isPlainObject(value) || Array.isArray(value))) {
      const obj: ParamSpecLike = { type: 'object', properties: own.params };
      return Array.isArray(value) ? { spec: { type: 'array', items: obj }, locked: true } : { spec: obj, locked: false };
    }
    if (Array.isArray(value)) {
      for (const name of present.keys()) {
        const c = this.catalog.component(name);
        if (c?.listParam === key) return { spec: { type: 'array', items: { type: 'object', properties: c.params } }, locked: true };
      }
    }
    return { spec: this.specForKey(key, value, present), locked: false };
  }

  /** A param of a present component with this key whose type fits the value. */
  private specForKey(key: string, value: unknown, present: Map<string, number>): ParamSpecLike | undefined {
    if (!this.catalog) return undefined;
    for (const name of present.keys()) {
      const spec = this.catalog.component(name)?.params[key];
      if (spec && specFits(spec, value)) return spec;
    }
    return undefined;
  }

  private collect(
    value: unknown,
    path: PathPart[],
    key: string,
    spec: ParamSpecLike | undefined,
    locked: boolean,
    present: Map<string, number>,
    out: Site[],
  ): void {
    if (value === null || value === undefined) return;
    const custom = this.customFor(key, path);
    if (custom) {
      out.push({ path, key, value, spec, custom, isArray: Array.isArray(value) });
      return;
    }
    if (Array.isArray(value)) {
      out.push({ path, key, value, spec, lockedLength: locked, isArray: true });
      const items = spec?.type === 'array' ? spec.items : undefined;
      for (let i = 0; i < value.length; i++) this.collect(value[i], [...path, i], key, items, false, present, out);
      return;
    }
    if (isPlainObject(value)) {
      if (spec?.type === 'color' && isRgbObject(value)) {
        out.push({ path, key, value, spec, isArray: false });
        return;
      }
      const props = spec?.type === 'object' ? spec.properties : undefined;
      for (const k of Object.keys(value)) {
        const child = value[k];
        const childSpec = props?.[k] && specFits(props[k], child) ? props[k] : this.specForKey(k, child, present);
        this.collect(child, [...path, k], k, childSpec, false, present, out);
      }
      return;
    }
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      out.push({ path, key, value, spec: spec && specFits(spec, value) ? spec : undefined, isArray: false });
    }
  }

  private customFor(key: string, path: readonly PathPart[]): CustomVariator | undefined {
    // The readable path is built only when a custom variator might match it.
    if (this.registrations.length === 0) return undefined;
    const text = formatParamPath(path);
    for (const r of this.registrations) if (r.test(key, text)) return r.variator;
    return undefined;
  }

  private mutate(site: Site, rng: RandomSource, structure: Structure | undefined): { value: unknown; op: string } | null {
    if (site.custom) {
      return { value: site.custom(site.value, rng, { key: site.key, path: formatParamPath(site.path), spec: site.spec, structure }), op: 'custom' };
    }
    if (site.isArray) return varyArray(site.value as unknown[], site.spec, site.lockedLength === true, rng);
    return this.varyScalar(site.value, site.spec, rng);
  }

  private varyScalar(value: unknown, spec: ParamSpecLike | undefined, rng: RandomSource): { value: unknown; op: string } | null {
    if (typeof value === 'boolean') return { value: !value, op: 'flip' };
    if (typeof value === 'number') {
      const integer = spec?.type === 'integer' || (spec?.type !== 'number' && Number.isInteger(value));
      return { value: varyNumber(value, integer, spec?.min, spec?.max, rng), op: integer ? 'integer' : 'number' };
    }
    if (isRgbObject(value)) return { value: varyRgb(value, rng), op: 'color' };
    if (typeof value !== 'string') return null;
    const values = spec?.type === 'enum' ? spec.values : spec ? undefined : this.enumByValue.get(value);
    if (values) {
      const others = values.filter((v) => v !== value);
      return others.length === 0 ? null : { value: rng.pick(others), op: 'enum' };
    }
    if (spec?.type === 'url') return isUrl(value) ? { value: varyUrl(value, rng), op: 'url' } : null;
    if (spec?.type === 'color') return isHexColour(value) ? { value: varyHexColour(value, rng), op: 'color' } : null;
    const kind = stringKindOf(value);
    const next = varyStringOfKind(value, kind, rng);
    // A string spec may bound the length: keep the original rather than break it.
    if (spec && ((spec.min !== undefined && next.length < spec.min) || (spec.max !== undefined && next.length > spec.max))) return null;
    return { value: next, op: kind };
  }
}

function collectEnums(params: Record<string, ParamSpecLike> | undefined, out: Map<string, string[]>): void {
  for (const spec of Object.values(params ?? {})) {
    if (spec.type === 'enum' && spec.values) for (const v of spec.values) if (!out.has(v)) out.set(v, spec.values);
    if (spec.items) collectEnums({ items: spec.items }, out);
    if (spec.properties) collectEnums(spec.properties, out);
  }
}

/** Whether a value has the JSON shape a spec describes (a mismatching spec is ignored, not forced). */
export function specFits(spec: ParamSpecLike, value: unknown): boolean {
  switch (spec.type) {
    case 'string':
    case 'url':
      return typeof value === 'string';
    case 'enum':
      // `type: 'FILLED'` belongs to Button's enum, not to TextInput's `type` (SINGLE_LINE, MULTIPLE_LINE).
      return typeof value === 'string' && (spec.values === undefined || spec.values.includes(value));
    case 'color':
      return typeof value === 'string' || isRgbObject(value);
    case 'integer':
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

const isRgbObject = (v: unknown): v is Record<string, number> =>
  isPlainObject(v) && typeof v.red === 'number' && typeof v.green === 'number' && typeof v.blue === 'number';

function varyRgb(value: Record<string, number>, rng: RandomSource): Record<string, unknown> {
  const out: Record<string, unknown> = { ...value };
  for (const ch of ['red', 'green', 'blue']) {
    const v = value[ch];
    const delta = rng.int(1, 20) / 100;
    const up = v + delta <= 1;
    out[ch] = Math.round((up ? v + delta : Math.max(0, v - delta)) * 1000) / 1000;
  }
  return out;
}

const decimalsOf = (v: number): number => {
  const s = String(v);
  const dot = s.indexOf('.');
  return dot < 0 || s.includes('e') ? 0 : s.length - dot - 1;
};

/** Moves a number within ±20 % and within [min, max]; integers stay integers (unchanged when no other integer fits). */
export function varyNumber(v: number, integer: boolean, min: number | undefined, max: number | undefined, rng: RandomSource): number {
  const span = Math.abs(v) * 0.2;
  let lo = v - span;
  let hi = v + span;
  if (min !== undefined) lo = Math.max(lo, min);
  if (max !== undefined) hi = Math.min(hi, max);
  if (integer) {
    const a = Math.ceil(lo);
    const b = Math.floor(hi);
    if (b < a) return v;
    const inside = Number.isInteger(v) && v >= a && v <= b;
    if (inside && a === b) return v;
    if (!inside) return rng.int(a, b);
    const r = rng.int(a, b - 1);
    return r >= v ? r + 1 : r;
  }
  if (!(hi > lo)) return v;
  const x = lo + rng.float() * (hi - lo);
  const f = 10 ** Math.max(decimalsOf(v), 2);
  const rounded = Math.round(x * f) / f;
  return rounded >= lo && rounded <= hi && rounded !== v ? rounded : x;
}

/** Shuffle, reverse, truncate (not below minItems, default 1) or duplicate an element (not above maxItems). */
function varyArray(arr: unknown[], spec: ParamSpecLike | undefined, locked: boolean, rng: RandomSource): { value: unknown; op: string } | null {
  const ops: string[] = [];
  const min = spec?.minItems ?? 1;
  const max = spec?.maxItems ?? Number.POSITIVE_INFINITY;
  if (arr.length >= 2) ops.push('shuffle', 'reverse');
  if (!locked && arr.length > min) ops.push('truncate');
  if (!locked && arr.length >= 1 && arr.length < max) ops.push('duplicate');
  if (ops.length === 0) return null;
  const op = rng.pick(ops);
  switch (op) {
    case 'shuffle': {
      const out = rng.shuffle(arr);
      return { value: deepEqual(out, arr) ? arr.slice().reverse() : out, op };
    }
    case 'reverse':
      return { value: arr.slice().reverse(), op };
    case 'truncate':
      return { value: arr.slice(0, rng.int(Math.max(min, 0), arr.length - 1)), op };
    default: {
      const i = rng.int(0, arr.length - 1);
      const out = arr.slice();
      out.splice(i + 1, 0, cloneJson(arr[i]));
      return { value: out, op };
    }
  }
}

export const cloneJson = <T>(v: T): T => (typeof v === 'object' && v !== null ? (JSON.parse(JSON.stringify(v)) as T) : v);

function overlaps(a: readonly PathPart[], b: readonly PathPart[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Path-copying set: only the containers along the path are copied. */
function setAt(root: unknown, path: readonly PathPart[], i: number, value: unknown): unknown {
  if (i === path.length) return value;
  const part = path[i];
  if (Array.isArray(root)) {
    const out = root.slice();
    out[part as number] = setAt(root[part as number], path, i + 1, value);
    return out;
  }
  const obj = root as Record<string, unknown>;
  return { ...obj, [part]: setAt(obj[part as string], path, i + 1, value) };
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
