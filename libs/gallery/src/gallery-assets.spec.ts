import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GALLERY_ASSETS_DIR, GALLERY_PUBLIC_DIR, GalleryAssets } from './gallery-assets';

describe('GalleryAssets', () => {
  it('reads the pages and stylesheet, and the built modules (only .js, never .d.ts)', () => {
    const root = mkdtempSync(join(tmpdir(), 'gallery-'));
    mkdirSync(join(root, 'public'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'public', 'index.html'), '<!doctype html>');
    writeFileSync(join(root, 'public', 'gallery.css'), 'body{}');
    writeFileSync(join(root, 'public', 'notes.txt'), 'not served');
    writeFileSync(join(root, 'assets', 'page.js'), 'export {}');
    writeFileSync(join(root, 'assets', 'page.d.ts'), 'export {}');
    const assets = GalleryAssets.load(join(root, 'public'), join(root, 'assets'));
    expect(assets.names()).toEqual(['gallery.css', 'index.html', 'page.js']);
    expect(assets.get('page.js')?.contentType).toBe('text/javascript; charset=utf-8');
    expect(assets.get('index.html')?.body.toString()).toBe('<!doctype html>');
  });

  it('refuses to load without the built modules, naming the command that builds them', () => {
    const root = mkdtempSync(join(tmpdir(), 'gallery-'));
    mkdirSync(join(root, 'public'));
    expect(() => GalleryAssets.load(join(root, 'public'), join(root, 'missing'))).toThrow(/not built .*run npm run build/);
  });

  it('points at this package (public/ and dist/assets/)', () => {
    expect(GALLERY_PUBLIC_DIR).toMatch(/libs\/gallery\/public$/);
    expect(GALLERY_ASSETS_DIR).toMatch(/libs\/gallery\/dist\/assets$/);
  });
});
