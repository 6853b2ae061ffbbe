import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { MotifError, type FieldError } from '@motif/core-types';
import { GOOGLE_CHAT_CARDS_V2 } from '../catalogs/google-chat-cards-v2';
import { Catalog } from './catalog';
import { CatalogDocumentSchema } from './catalog-schema';
import { checkCatalogSemantics } from './catalog-semantics';
import type { CatalogDocument, ComponentSpec } from './catalog-types';
import { assignMissingSymbols } from './symbol-assignment';

/** Catalogs shipped with Motif, by id. Their symbols are frozen in the JSON files. */
export const BUILTIN_CATALOGS: Readonly<Record<string, unknown>> = Object.freeze({
  'google-chat-cards-v2': GOOGLE_CHAT_CARDS_V2,
});

const jsonPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.length === 0 ? '/' : '/' + path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

function invalid(origin: string, fieldErrors: FieldError[]): MotifError {
  const summary = fieldErrors.slice(0, 5).map((f) => `${f.path}: ${f.message}`).join('; ');
  const more = fieldErrors.length > 5 ? ` (+${fieldErrors.length - 5} more)` : '';
  return new MotifError('CATALOG_INVALID', `catalog ${origin} is invalid: ${summary}${more}`, { fieldErrors, details: { origin } });
}

export interface ParsedCatalogDocument {
  /** The document with every symbol (assigned ones included). */
  document: CatalogDocument;
  assigned: Record<string, string>;
}

/** Checks a catalog document (JSON Schema shape, then references and limits) and assigns missing symbols. */
export function checkCatalogDocument(json: unknown, origin: string): ParsedCatalogDocument {
  const shape = CatalogDocumentSchema.safeParse(json);
  if (!shape.success) {
    throw invalid(origin, shape.error.issues.map((i) => ({ path: jsonPath(i.path), message: i.message, code: i.code })));
  }
  const { document, assigned } = assignMissingSymbols(shape.data as CatalogDocument);
  const errors = checkCatalogSemantics(document);
  if (errors.length > 0) throw invalid(origin, errors);
  return { document, assigned };
}

/** Builds a Catalog from parsed JSON; throws `CATALOG_INVALID` with field errors naming JSON paths. Never writes. */
export function parseCatalog(json: unknown, origin: string): Catalog {
  const { document, assigned } = checkCatalogDocument(json, origin);
  const components: ComponentSpec[] = document.components.map((c) => ({
    ...c,
    symbol: c.symbol as string,
    params: c.params ?? {},
    edges: c.edges ?? [],
  }));
  return new Catalog({ ...document, components }, origin, assigned);
}

/** Writes a catalog document as pretty JSON, atomically (temp file + rename): a crash never leaves half a file. */
export function writeCatalogFile(path: string, doc: CatalogDocument): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(tmp, JSON.stringify(doc, null, 2) + '\n', { encoding: 'utf8', mode: 0o644 });
  renameSync(tmp, path);
}

export interface LoadCatalogOptions {
  /**
   * When a catalog file has components without symbols, write the assigned symbols back to the file so
   * they are persisted rather than recomputed at each start (default true). Only the `symbol` fields are
   * added; the file is rewritten atomically. A failed write is not fatal: see `Catalog.writeBackError`.
   */
  writeBack?: boolean;
}

const builtinCache = new Map<string, Catalog>();

/**
 * Loads a built-in catalog by id (`google-chat-cards-v2`) or a catalog JSON file by path.
 * Throws `CATALOG_INVALID` (unreadable file, bad JSON, schema or reference errors, each naming its JSON path).
 */
export function loadCatalog(source: string, options: LoadCatalogOptions = {}): Catalog {
  const builtin = BUILTIN_CATALOGS[source];
  if (builtin !== undefined) {
    let catalog = builtinCache.get(source);
    if (!catalog) {
      catalog = parseCatalog(builtin, source);
      builtinCache.set(source, catalog);
    }
    return catalog;
  }
  let text: string;
  try {
    text = readFileSync(source, 'utf8');
  } catch (cause) {
    const known = Object.keys(BUILTIN_CATALOGS).join(', ');
    throw new MotifError('CATALOG_INVALID', `catalog '${source}' is neither a built-in catalog (${known}) nor a readable file`, {
      cause,
      fieldErrors: [{ path: '/', message: (cause as Error).message }],
      details: { origin: source },
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new MotifError('CATALOG_INVALID', `catalog ${source} is not valid JSON: ${(cause as Error).message}`, {
      cause,
      fieldErrors: [{ path: '/', message: (cause as Error).message }],
      details: { origin: source },
    });
  }
  const catalog = parseCatalog(json, source);
  if (Object.keys(catalog.assignedSymbols).length > 0 && options.writeBack !== false) {
    try {
      // Write back the original document plus the symbols only (no defaults added by parsing).
      const original = json as CatalogDocument;
      const patched = { ...original, components: original.components.map((c) => (c.symbol === undefined ? { ...c, symbol: catalog.assignedSymbols[c.name] } : c)) };
      writeCatalogFile(source, patched);
    } catch (cause) {
      catalog.writeBackError = (cause as Error).message;
    }
  }
  return catalog;
}
