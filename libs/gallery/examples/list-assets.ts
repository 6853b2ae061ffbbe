// The gallery's pages and browser modules, as a server hands them out (the Motif API serves them at
// `/`, `/patterns/{id}` and `/assets/{file}`).
import { GALLERY_PAGES, GalleryAssets } from '@motif/gallery';

const assets = GalleryAssets.load(); // throws naming the missing build if the browser modules are absent
for (const page of Object.values(GALLERY_PAGES)) console.log(page, assets.get(page)!.contentType); // index.html text/html; charset=utf-8 …
console.log(assets.names().filter((name) => name.endsWith('.js')).length > 0); // true: the compiled browser modules
