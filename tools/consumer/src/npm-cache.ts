import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Read-only view of the contents of npm's cache (`<cache>/_cacache`, the layout of npm's `cacache`): a file's
 * bytes live at `content-v2/<algorithm>/<hex digest>`, the digest split 2/2/rest. `npm ci` leaves every tarball
 * it installed there, addressed by the integrity the lockfile records.
 */
export class NpmCache {
  constructor(readonly dir: string) {}

  /** Path of the content with this SRI integrity (`sha512-…`, several allowed), if the cache holds it. */
  contentPath(integrity: string): string | undefined {
    for (const sri of integrity.split(/\s+/)) {
      const dash = sri.indexOf('-');
      if (dash < 0) continue;
      const hex = Buffer.from(sri.slice(dash + 1), 'base64').toString('hex');
      const path = join(this.dir, 'content-v2', sri.slice(0, dash), hex.slice(0, 2), hex.slice(2, 4), hex.slice(4));
      if (existsSync(path)) return path;
    }
    return undefined;
  }
}
