import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';

/**
 * The gallery's static files, as the API serves them: the pages and stylesheet from `public/` and
 * the browser modules that `npm run build` (tsc, `tsconfig.browser.json`) compiles into `dist/assets/`.
 * Nothing is built at run time.
 */
export interface GalleryAsset {
  body: Buffer;
  contentType: string;
}

// src/ under Jest, dist/ once built: the package root either way.
const PACKAGE_ROOT = join(__dirname, '..');
export const GALLERY_PUBLIC_DIR = join(PACKAGE_ROOT, 'public');
export const GALLERY_ASSETS_DIR = join(PACKAGE_ROOT, 'dist', 'assets');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
};

/** Page names the API routes to (`/` → index.html, `/patterns/:id` → pattern.html). */
export const GALLERY_PAGES = { gallery: 'index.html', pattern: 'pattern.html' } as const;

export class GalleryAssets {
  private constructor(private readonly files: ReadonlyMap<string, GalleryAsset>) {}

  /** Reads every file once; throws naming the missing build when the browser modules are absent. */
  static load(publicDir = GALLERY_PUBLIC_DIR, assetsDir = GALLERY_ASSETS_DIR): GalleryAssets {
    const files = new Map<string, GalleryAsset>();
    const add = (dir: string, name: string) => {
      const type = TYPES[extname(name)];
      if (type) files.set(name, { body: readFileSync(join(dir, name)), contentType: type });
    };
    for (const name of readdirSync(publicDir)) add(publicDir, name);
    let built: string[];
    try {
      built = readdirSync(assetsDir).filter((n) => n.endsWith('.js'));
    } catch {
      built = [];
    }
    if (built.length === 0) throw new Error(`the gallery's browser modules are not built (${assetsDir}): run npm run build`);
    for (const name of built) add(assetsDir, name);
    return new GalleryAssets(files);
  }

  get(name: string): GalleryAsset | undefined {
    return this.files.get(name);
  }

  names(): string[] {
    return [...this.files.keys()].sort();
  }
}
