import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MotifError } from '@motif/core-types';
import { CATALOG_JSON_SCHEMA } from './catalog-schema';
import type { CatalogDocument } from './catalog-types';
import { loadCatalog, parseCatalog, writeCatalogFile } from './load-catalog';
import { assignMissingSymbols } from './symbol-assignment';

const tiny = (): CatalogDocument => ({
  id: 'tiny',
  version: '1.0.0',
  name: 'Tiny',
  roots: ['Panel'],
  components: [
    { name: 'Panel', edges: [{ field: 'items', child: 'Label', min: 1, max: null }, { field: 'items', child: 'Slider', min: 0, max: 3 }] },
    { name: 'Label', params: { text: { type: 'string', required: true } } },
    { name: 'Slider', params: { value: { type: 'number', min: 0, max: 1 } } },
  ],
});

function catalogError(fn: () => unknown): MotifError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MotifError);
    expect((e as MotifError).code).toBe('CATALOG_INVALID');
    return e as MotifError;
  }
  throw new Error('expected CATALOG_INVALID');
}

describe('parseCatalog', () => {
  it('names the JSON path of a shape error', () => {
    const doc = tiny() as unknown as { components: Array<Record<string, unknown>> };
    doc.components[1].params = { text: { type: 'text' } };
    const err = catalogError(() => parseCatalog(doc, 'x.json'));
    expect(err.fieldErrors.map((f) => f.path)).toContain('/components/1/params/text/type');
  });

  it('names the JSON path of reference errors, all of them', () => {
    const doc = tiny();
    doc.roots = ['Panel', 'Nope'];
    doc.components[0].edges = [{ field: 'items', child: 'Ghost', min: 2, max: 1 }];
    doc.components[1].wrapper = 'Slider';
    doc.components[2].symbol = '§';
    doc.components[1].symbol = '§';
    const err = catalogError(() => parseCatalog(doc, 'x.json'));
    const paths = err.fieldErrors.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining(['/roots/1', '/components/0/edges/0/child', '/components/0/edges/0/min', '/components/1/wrapper', '/components/2/symbol']),
    );
    expect(err.message).toMatch(/x\.json/);
  });

  it('refuses symbols that clash with DSL punctuation or names', () => {
    for (const bad of ['[', 'a', '×', ' ', '3x']) {
      const doc = tiny();
      doc.components[0].symbol = bad;
      expect(catalogError(() => parseCatalog(doc, 'x')).fieldErrors[0].path).toBe('/components/0/symbol');
    }
  });

  it('refuses group fields the component does not have', () => {
    const doc = tiny();
    doc.components[0].groups = [{ fields: ['items', 'other'], min: 0, max: 2 }];
    expect(catalogError(() => parseCatalog(doc, 'x')).fieldErrors.map((f) => f.path)).toEqual(['/components/0/groups/0/fields/1']);
  });
});

describe('symbols', () => {
  it('assigns missing symbols deterministically, whatever the component order', () => {
    const a = assignMissingSymbols(tiny());
    const shuffled = tiny();
    shuffled.components.reverse();
    const b = assignMissingSymbols(shuffled);
    expect(a.assigned).toEqual(b.assigned);
    expect(Object.keys(a.assigned).sort()).toEqual(['Label', 'Panel', 'Slider']);
    expect(new Set(Object.values(a.assigned)).size).toBe(3);
    // mnemonic: a decorated initial
    expect(a.assigned.Panel.normalize('NFD')[0].toUpperCase()).toBe('P');
  });

  it('never changes an existing symbol and avoids taken ones', () => {
    const doc = tiny();
    const first = assignMissingSymbols(doc).assigned.Label;
    doc.components[0].symbol = first; // Panel takes what Label would have had
    const { assigned, document } = assignMissingSymbols(doc);
    expect(document.components[0].symbol).toBe(first);
    expect(assigned.Panel).toBeUndefined();
    expect(assigned.Label).not.toBe(first);
  });

  it('assigns symbols the DSL can parse (catalog loads)', () => {
    const catalog = parseCatalog(tiny(), 'mem');
    expect(Object.keys(catalog.assignedSymbols)).toHaveLength(3);
    for (const c of catalog.components()) expect(catalog.resolveName(c.symbol)).toBe(c.name);
  });
});

describe('loadCatalog', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'motif-catalog-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the built-in catalog by id, once', () => {
    const a = loadCatalog('google-chat-cards-v2');
    expect(a.id).toBe('google-chat-cards-v2');
    expect(loadCatalog('google-chat-cards-v2')).toBe(a);
  });

  it('writes assigned symbols back so the next start reads the same ones', () => {
    const file = join(dir, 'tiny.json');
    writeFileSync(file, JSON.stringify(tiny()));
    const first = loadCatalog(file);
    expect(Object.keys(first.assignedSymbols)).toHaveLength(3);
    expect(first.writeBackError).toBeUndefined();
    const written = JSON.parse(readFileSync(file, 'utf8')) as CatalogDocument;
    expect(Object.fromEntries(written.components.map((c) => [c.name, c.symbol]))).toEqual(first.assignedSymbols);
    // only symbols were added: no defaulted params/edges appeared
    expect(written.components[1].edges).toBeUndefined();
    const second = loadCatalog(file);
    expect(second.assignedSymbols).toEqual({});
    expect(second.symbolOf('Panel')).toBe(first.symbolOf('Panel'));
  });

  it('leaves the file alone when write-back is off', () => {
    const file = join(dir, 'tiny.json');
    const text = JSON.stringify(tiny());
    writeFileSync(file, text);
    loadCatalog(file, { writeBack: false });
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('reports unreadable files and bad JSON as CATALOG_INVALID', () => {
    expect(catalogError(() => loadCatalog(join(dir, 'missing.json'))).message).toMatch(/neither a built-in catalog/);
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{ nope');
    expect(catalogError(() => loadCatalog(file)).message).toMatch(/not valid JSON/);
  });

  it('round-trips a document through writeCatalogFile', () => {
    const file = join(dir, 'out.json');
    const doc = loadCatalog('google-chat-cards-v2').toDocument();
    writeCatalogFile(file, doc);
    const again = loadCatalog(file, { writeBack: false });
    expect(again.toDocument()).toEqual(doc);
    expect(again.assignedSymbols).toEqual({});
  });
});

describe('CATALOG_JSON_SCHEMA', () => {
  it('describes the file format and is shipped beside the built-in catalog', () => {
    const props = CATALOG_JSON_SCHEMA.properties as Record<string, unknown>;
    expect(Object.keys(props)).toEqual(expect.arrayContaining(['id', 'version', 'roots', 'components']));
    const shipped = JSON.parse(readFileSync(join(__dirname, '..', 'catalogs', 'catalog.schema.json'), 'utf8'));
    expect(shipped).toEqual(CATALOG_JSON_SCHEMA);
  });
});
