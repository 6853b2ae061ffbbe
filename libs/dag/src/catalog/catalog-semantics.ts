import type { FieldError } from '@motif/core-types';
import type { CatalogDocument, ParamSpec } from './catalog-types';

function checkParam(spec: ParamSpec, path: string, out: FieldError[]): void {
  if (spec.type === 'enum' && (!spec.values || spec.values.length === 0)) out.push({ path: `${path}/values`, message: 'an enum needs values' });
  if (spec.min !== undefined && spec.max !== undefined && spec.min > spec.max) out.push({ path: `${path}/min`, message: `min ${spec.min} > max ${spec.max}` });
  if (spec.minItems !== undefined && spec.maxItems !== undefined && spec.minItems > spec.maxItems) {
    out.push({ path: `${path}/minItems`, message: `minItems ${spec.minItems} > maxItems ${spec.maxItems}` });
  }
  if (spec.type === 'array' && !spec.items) out.push({ path: `${path}/items`, message: 'an array needs an items spec' });
  if (spec.items) checkParam(spec.items, `${path}/items`, out);
  for (const [key, child] of Object.entries(spec.properties ?? {})) checkParam(child, `${path}/properties/${key}`, out);
}

/** Reference and consistency checks the JSON Schema cannot express; every error names its JSON path. */
export function checkCatalogSemantics(doc: CatalogDocument): FieldError[] {
  const out: FieldError[] = [];
  const names = new Map<string, number>();
  const symbols = new Map<string, number>();
  doc.components.forEach((c, i) => {
    if (names.has(c.name)) out.push({ path: `/components/${i}/name`, message: `duplicate component '${c.name}' (also /components/${names.get(c.name)})` });
    else names.set(c.name, i);
    if (c.symbol !== undefined) {
      if (symbols.has(c.symbol)) out.push({ path: `/components/${i}/symbol`, message: `symbol '${c.symbol}' is already used by /components/${symbols.get(c.symbol)}` });
      else symbols.set(c.symbol, i);
    }
  });
  doc.roots.forEach((r, k) => {
    if (!names.has(r)) out.push({ path: `/roots/${k}`, message: `unknown component '${r}'` });
  });
  doc.components.forEach((c, i) => {
    const base = `/components/${i}`;
    const seen = new Set<string>();
    const fields = new Set<string>();
    (c.edges ?? []).forEach((e, j) => {
      const at = `${base}/edges/${j}`;
      if (!names.has(e.child)) out.push({ path: `${at}/child`, message: `unknown component '${e.child}'` });
      const key = `${e.field}\u0000${e.child}`;
      if (seen.has(key)) out.push({ path: at, message: `duplicate edge ${c.name}.${e.field} → ${e.child}` });
      seen.add(key);
      fields.add(e.field);
      if (e.max !== null && e.min > e.max) out.push({ path: `${at}/min`, message: `min ${e.min} > max ${e.max}` });
    });
    (c.groups ?? []).forEach((g, j) => {
      const at = `${base}/groups/${j}`;
      g.fields.forEach((f, k) => {
        if (!fields.has(f)) out.push({ path: `${at}/fields/${k}`, message: `${c.name} has no edge in field '${f}'` });
      });
      if (g.max !== null && g.min > g.max) out.push({ path: `${at}/min`, message: `min ${g.min} > max ${g.max}` });
    });
    if (c.wrapper !== undefined) {
      const wrapperIndex = names.get(c.wrapper);
      if (wrapperIndex === undefined) out.push({ path: `${base}/wrapper`, message: `unknown component '${c.wrapper}'` });
      else if (c.wrapper === c.name) out.push({ path: `${base}/wrapper`, message: 'a component cannot wrap itself' });
      else if (!(doc.components[wrapperIndex].edges ?? []).some((e) => e.child === c.name)) {
        out.push({ path: `${base}/wrapper`, message: `wrapper '${c.wrapper}' has no edge to '${c.name}'` });
      }
    }
    for (const [key, spec] of Object.entries(c.params ?? {})) checkParam(spec, `${base}/params/${key}`, out);
  });
  return out;
}
