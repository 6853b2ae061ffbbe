import pino from 'pino';
import request from 'supertest';
import { isMotifError } from '@motif/core-types';
import { InMemoryPatternService } from '@motif/patterns/testing';
import { createApp } from '../app';
import { fakeConfig } from '../testing/fake-config';
import { galleryAssetReader } from './gallery-pages';

// Needs the gallery's browser modules built (`tsc -b`, which `npm test` runs first).
const build = (apiKey?: string) => createApp({ config: fakeConfig(apiKey ? { apiKey } : {}), service: new InMemoryPatternService() }, { logger: pino({ level: 'silent' }) });

describe('gallery pages', () => {
  it('serves the gallery at / as HTML that loads only its own assets', async () => {
    const res = await request(build()).get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain('<script type="module" src="/assets/gallery-page.js"></script>');
    expect(res.text).toContain('<label for="q">');
    expect(res.text).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("connect-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves the pattern page for any id; the page reads the pattern through /v1', async () => {
    const res = await request(build()).get('/patterns/p_0123456789abcdef01234567');
    expect(res.status).toBe(200);
    expect(res.text).toContain('/assets/pattern-page.js');
  });

  it('serves the compiled modules and the stylesheet with their types, and 404 for anything else', async () => {
    const app = build();
    for (const [file, type] of [['gallery-page.js', 'text/javascript'], ['card-renderer.js', 'text/javascript'], ['gallery.css', 'text/css']]) {
      const res = await request(app).get(`/assets/${file}`);
      expect({ file, status: res.status, type: res.headers['content-type'] }).toEqual({ file, status: 200, type: `${type}; charset=utf-8` });
    }
    const js = await request(app).get('/assets/card-renderer.js');
    expect(js.text).toContain('export function renderCard');
    for (const file of ['nope.js', 'card-renderer.d.ts', '..%2Fpackage.json']) {
      const res = await request(app).get(`/assets/${file}`);
      expect({ file, status: res.status }).toEqual({ file, status: 404 });
    }
  });

  it('stays open when MOTIF_API_KEY is set, while /v1 still asks for the key', async () => {
    const app = build('s3cret-key-123');
    expect((await request(app).get('/')).status).toBe(200);
    expect((await request(app).get('/assets/gallery-page.js')).status).toBe(200);
    expect((await request(app).get('/v1/patterns')).status).toBe(401);
    expect((await request(app).get('/v1/patterns').set('X-API-Key', 's3cret-key-123')).status).toBe(200);
  });

  it('answers 503 naming the build step when the gallery was not built', () => {
    const read = galleryAssetReader(() => {
      throw new Error("the gallery's browser modules are not built (x): run npm run build");
    });
    let caught: unknown;
    try {
      read('index.html');
    } catch (e) {
      caught = e;
    }
    expect(isMotifError(caught) && caught.code === 'BACKEND_UNAVAILABLE' && caught.status).toBe(503);
    expect((caught as Error).message).toMatch(/npm run build/);
  });
});
