import { GALLERY_PAGES, GalleryAssets, type GalleryAsset } from '@motif/gallery';
import { MotifError } from '@motif/core-types';

/**
 * The gallery's pages and assets as the API serves them: read once from the build of
 * `@motif/gallery` (never built at run time), with headers that keep the pages to their own origin.
 */
export const GALLERY_HEADERS: Readonly<Record<string, string>> = {
  // Scripts, styles and API calls only from this server; card images may come from anywhere (as in Chat).
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src * data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

export type GalleryAssetReader = (name: string) => GalleryAsset | undefined;

/** Loads lazily: an API whose gallery was not built still serves `/v1`, and `/` says what to run. */
export function galleryAssetReader(load: () => GalleryAssets = () => GalleryAssets.load()): GalleryAssetReader {
  let assets: GalleryAssets | undefined;
  return (name) => {
    if (!assets) {
      try {
        assets = load();
      } catch (error) {
        throw new MotifError('BACKEND_UNAVAILABLE', `the gallery is not available: ${(error as Error).message}`);
      }
    }
    return assets.get(name);
  };
}

export { GALLERY_PAGES };
