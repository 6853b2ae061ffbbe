import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Page } from 'playwright-core';
import { startApi, type StartedApi } from '../start-api';
import { CHROMIUM_MISSING, chromiumAvailable, launchChromium, type LaunchedBrowser } from '../testing/chromium';

/**
 * The gallery in a real browser (Debian's Chromium through playwright-core): it loads, searches,
 * draws a card's widgets, votes and sees the counts change through the API; with MOTIF_API_KEY the
 * key is asked for once and sent as a header, never in a URL. Takes the screenshots the README shows:
 * into docs/ with MOTIF_SCREENSHOTS=1 (`npm run screenshots`), otherwise into a temporary directory,
 * so that `npm test` leaves the working tree as it found it (pattern ids differ on every run).
 */
type Json = Record<string, unknown>;
const ROOT = join(__dirname, '..', '..', '..', '..');
const FIXTURES = join(ROOT, 'libs', 'gallery', 'fixtures', 'cards');
const SHOTS = process.env.MOTIF_SCREENSHOTS === '1' ? join(ROOT, 'docs') : mkdtempSync(join(tmpdir(), 'motif-gallery-shots-'));
const CARDS = ['laptop-request-dialog.json', 'recipe-of-the-day.json', 'pet-adoption-carousel.json', 'parking-permit.json', 'library-loan-reminder.json', 'gym-class-timetable.json'];
const KEY = 'gallery-spec-key-0123';

const card = (name: string): Json => (JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as { cardsV2: Array<{ card: Json }> }).cardsV2[0].card;
const describeOf = (c: Json): string => {
  const h = (c.header ?? {}) as Json;
  return [h.title, h.subtitle].filter((t): t is string => typeof t === 'string').join(': ');
};

/** Elements wider than the viewport (a page must never scroll sideways; scrollers clip their content). */
const horizontalOverflow = (page: Page) => page.evaluate(() => {
  const doc = (globalThis as unknown as { document: { documentElement: { clientWidth: number; scrollWidth: number } } }).document.documentElement;
  return { viewport: doc.clientWidth, page: doc.scrollWidth };
});

/**
 * Text whose colour contrasts less than WCAG AA with the background it sits on (4.5:1, 3:1 for large
 * text), computed from the styles the browser applied. Disabled controls are exempt, as in WCAG.
 */
const lowContrast = (page: Page): Promise<string[]> => page.evaluate(`(() => {
  const rgba = (c) => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null; const p = m[1].split(',').map(Number); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
  const lum = ({ r, g, b }) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const over = (top, under) => ({ r: top.r * top.a + under.r * (1 - top.a), g: top.g * top.a + under.g * (1 - top.a), b: top.b * top.a + under.b * (1 - top.a), a: 1 });
  const background = (el) => { const layers = []; for (let e = el; e; e = e.parentElement) { const c = rgba(getComputedStyle(e).backgroundColor); if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; } } return layers.reverse().reduce((acc, c) => over(c, acc), { r: 255, g: 255, b: 255, a: 1 }); };
  const bad = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest(':disabled, [hidden], .visually-hidden')) continue;
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== '');
    const box = el.getBoundingClientRect();
    if (!own || box.width === 0 || box.height === 0) continue;
    const style = getComputedStyle(el);
    const fg = rgba(style.color); if (!fg) continue;
    const bg = background(el);
    const [a, b] = [lum(over(fg, bg)), lum(bg)];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(style.fontSize); const bold = Number(style.fontWeight) >= 700;
    const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    if (ratio < need) bad.push(el.tagName.toLowerCase() + '.' + el.className + ' "' + el.textContent.trim().slice(0, 30) + '" ' + ratio.toFixed(2));
  }
  return bad;
})()`);

/** A screenshot is a real PNG of the page, wherever it was written. */
function expectPng(path: string): void {
  const bytes = readFileSync(path);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(bytes.length).toBeGreaterThan(20_000);
}

/** Widgets of a card in document order (nested columns and carousel cards included). */
function widgetKinds(c: Json): string[] {
  const out: string[] = [];
  const walk = (list: unknown) => {
    for (const w of (list as Json[] | undefined) ?? []) {
      const kind = Object.keys(w).find((k) => k !== 'horizontalAlignment')!;
      out.push(kind);
      const body = w[kind] as Json;
      if (kind === 'columns') for (const col of body.columnItems as Json[]) walk(col.widgets);
      if (kind === 'carousel') for (const cc of body.carouselCards as Json[]) { walk(cc.widgets); walk(cc.footerWidgets); }
    }
  };
  for (const s of c.sections as Json[]) walk(s.widgets);
  return out;
}

async function startServer(env: Record<string, string>): Promise<{ api: StartedApi; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'motif-gallery-'));
  const api = await startApi({ port: 0 }, { MOTIF_DATA_DIR: dataDir, HOST: '127.0.0.1', LOG_LEVEL: 'silent', MOTIF_EMBEDDER: 'hashing', ...env }, pino({ level: 'silent' }));
  return { api, dataDir };
}

async function apiJson<T>(base: string, method: string, path: string, body?: unknown, key?: string): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(key ? { 'X-API-Key': key } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function storeCards(base: string, key?: string): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const name of CARDS) {
    const c = card(name);
    const stored = await apiJson<{ pattern: { patternId: string } }>(base, 'POST', '/v1/patterns', { description: describeOf(c), card: c }, key);
    ids.set(name, stored.pattern.patternId);
  }
  return ids;
}

const resultFor = (page: Page, id: string) => page.locator(`li.result[data-pattern-id="${id}"]`);

const allowSkip = process.env.MOTIF_ALLOW_SKIP === '1';
if (!chromiumAvailable() && allowSkip) {
  process.stderr.write(`gallery browser specs: 3 tests skipped (MOTIF_ALLOW_SKIP=1): ${CHROMIUM_MISSING}\n`);
}
const suite = !chromiumAvailable() && allowSkip ? describe.skip : describe;

suite('gallery in a real browser', () => {
  jest.setTimeout(120_000);
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    if (!chromiumAvailable()) throw new Error(CHROMIUM_MISSING);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    if (process.env.MOTIF_SCREENSHOTS !== '1') rmSync(SHOTS, { recursive: true, force: true });
  });

  describe('without an API key', () => {
    let server: { api: StartedApi; dataDir: string };
    let base: string;
    let ids: Map<string, string>;
    beforeAll(async () => {
      server = await startServer({});
      base = server.api.server.url;
      ids = await storeCards(base);
    });
    afterAll(async () => {
      await server?.api.server.close();
      rmSync(server.dataDir, { recursive: true, force: true });
    });

    it('loads the gallery, searches, draws the card widgets, votes and sees the counts change', async () => {
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const external: string[] = [];
      page.on('request', (r) => {
        const u = new URL(r.url());
        if (u.origin !== base && !/example\.(net|com|org)$/.test(u.hostname)) external.push(r.url());
      });

      await page.goto(`${base}/`);
      await page.locator('li.result').first().waitFor();
      expect(await page.locator('li.result').count()).toBe(CARDS.length);
      await page.locator('.chat-card').nth(CARDS.length - 1).waitFor();

      await page.getByRole('searchbox', { name: 'Search patterns' }).fill('laptop request');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.waitForURL(/\?q=laptop/);
      const id = ids.get('laptop-request-dialog.json')!;
      const result = resultFor(page, id);
      await result.locator('.chat-card').waitFor();
      expect(await page.locator('li.result').first().getAttribute('data-pattern-id')).toBe(id);

      const json = card('laptop-request-dialog.json');
      const drawn = result.locator('.chat-card [data-widget]');
      expect(await drawn.evaluateAll((els) => els.map((e) => e.getAttribute('data-widget')))).toEqual(widgetKinds(json));
      await expect(result.locator('.chat-card .cc-title').textContent()).resolves.toBe('Request a laptop');
      expect(await result.locator('.chat-card label', { hasText: 'Model' }).count()).toBe(1);
      expect(await result.locator('.chat-card footer button').allTextContents()).toEqual(['Cancel', 'Submit request']);
      expect(await result.locator('.chat-card [role="switch"]').isChecked()).toBe(true);
      // Both footer buttons carry a color, so both are filled; each gets its own.
      const background = (text: string) => result.locator('.cc-button--filled', { hasText: text }).evaluate((b) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(b).backgroundColor);
      expect(await background('Submit request')).toBe('rgb(26, 102, 217)');
      expect(await background('Cancel')).toBe('rgb(115, 115, 115)');
      await expect(result.locator('.dsl').textContent()).resolves.toMatch(/\S/);

      const before = (await apiJson<{ feedbackCounts: { content: { positive: number }; form: { negative: number } } }>(base, 'GET', `/v1/patterns/${id}`)).feedbackCounts;
      await result.locator('[data-vote="content:positive"]').click();
      await result.locator(`[data-vote="content:positive"][data-count="${before.content.positive + 1}"]`).waitFor();
      await result.locator('[data-vote="form:negative"]').click();
      await result.locator(`[data-vote="form:negative"][data-count="${before.form.negative + 1}"]`).waitFor();
      const after = (await apiJson<typeof before & Json>(base, 'GET', `/v1/patterns/${id}`)) as unknown as { feedbackCounts: typeof before };
      expect(after.feedbackCounts.content.positive).toBe(before.content.positive + 1);
      expect(after.feedbackCounts.form.negative).toBe(before.form.negative + 1);
      await expect(page.locator('#status').textContent()).resolves.toContain('Recorded');

      // The filters reach the API: a negative form vote takes the pattern out of "form: positive".
      await page.getByLabel('Form feedback').selectOption('negative');
      await page.locator(`li.result[data-pattern-id="${id}"]`).waitFor();
      await page.getByLabel('Form feedback').selectOption('positive');
      await page.locator('#status').filter({ hasText: /No pattern|pattern/ }).waitFor();
      expect(await resultFor(page, id).count()).toBe(0);

      // Collapsing works by keyboard.
      await page.getByLabel('Form feedback').selectOption('');
      await page.getByRole('searchbox', { name: 'Search patterns' }).fill('recipe shakshuka');
      await page.getByRole('searchbox', { name: 'Search patterns' }).press('Enter');
      const recipe = resultFor(page, ids.get('recipe-of-the-day.json')!);
      const toggle = recipe.locator('.cc-collapse-toggle');
      await toggle.waitFor();
      await toggle.focus();
      await page.keyboard.press('Enter');
      await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
      await expect(toggle.textContent()).resolves.toContain('Fewer steps');

      await page.getByRole('searchbox', { name: 'Search patterns' }).fill('');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.locator('.chat-card').nth(CARDS.length - 1).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await horizontalOverflow(page)).toEqual({ viewport: 1280, page: 1280 });
      expect(await lowContrast(page)).toEqual([]);
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, 'gallery.png') });
      expectPng(join(SHOTS, 'gallery.png'));
      expect(errors).toEqual([]);
      expect(external).toEqual([]);
      await page.close();
    });

    it('shows a pattern page: card, params, a family generated with a seed, and the cardsV2 JSON', async () => {
      const id = ids.get('recipe-of-the-day.json')!;
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${base}/patterns/${id}`);
      await page.locator('#pattern-card .chat-card').waitFor();
      await expect(page.locator('#pattern-id').textContent()).resolves.toBe(id);
      expect(await page.locator('#pattern-params tbody tr').count()).toBeGreaterThan(0);

      await page.getByLabel('Seed').fill('42');
      await page.getByRole('button', { name: 'Generate family' }).click();
      await page.locator('#family-summary').filter({ hasText: 'Seed “42”' }).waitFor();
      const variations = page.locator('#family li.variation');
      const n = await variations.count();
      expect(n).toBeGreaterThan(1);
      for (let i = 0; i < n; i++) await variations.nth(i).locator('.chat-card').waitFor();
      // Every variation but the original says what changed.
      expect(await page.locator('#family li.variation .changes li').count()).toBeGreaterThan(0);
      const family = await apiJson<{ seed: string; variations: Array<{ variationId: string }> }>(base, 'GET', `/v1/patterns/${id}/variations`);
      expect(family.seed).toBe('42');
      expect(await variations.evaluateAll((els) => els.map((e) => e.getAttribute('data-variation-id')))).toEqual(family.variations.map((v) => v.variationId));

      await page.locator(`[data-show-json="${id}"]`).click();
      const shown = JSON.parse((await page.locator('#pattern-json pre').textContent()) ?? '') as Json;
      expect(shown).toEqual(await apiJson<Json>(base, 'GET', `/v1/patterns/${id}/card`));

      await page.locator(`[data-show-json="${id}"]`).click();
      await page.waitForLoadState('networkidle');
      // The variations side by side scroll inside the family, not the page.
      expect(await horizontalOverflow(page)).toEqual({ viewport: 1280, page: 1280 });
      expect(await lowContrast(page)).toEqual([]);
      await page.screenshot({ path: join(SHOTS, 'pattern-page.png'), fullPage: true });
      expectPng(join(SHOTS, 'pattern-page.png'));
      expect(errors).toEqual([]);
      await page.close();
    });
  });

  describe('with MOTIF_API_KEY', () => {
    let server: { api: StartedApi; dataDir: string };
    beforeAll(async () => {
      server = await startServer({ MOTIF_API_KEY: KEY });
      await storeCards(server.api.server.url, KEY);
    });
    afterAll(async () => {
      await server?.api.server.close();
      rmSync(server.dataDir, { recursive: true, force: true });
    });

    it('asks for the key once, keeps it in the page storage and sends it as a header, never in a URL', async () => {
      const base = server.api.server.url;
      const page = await browser.context.newPage();
      const sent: Array<{ url: string; key: string | undefined }> = [];
      page.on('request', (r) => {
        if (new URL(r.url()).pathname.startsWith('/v1/')) sent.push({ url: r.url(), key: r.headers()['x-api-key'] });
      });
      await page.goto(`${base}/`);
      const dialog = page.getByRole('dialog', { name: 'API key' });
      await dialog.waitFor();
      await page.getByRole('textbox', { name: /^API key/ }).fill(KEY);
      await page.getByRole('button', { name: 'Save key' }).click();
      await page.locator('li.result .chat-card').first().waitFor();
      expect(await page.locator('li.result').count()).toBe(CARDS.length);
      expect(await page.evaluate(() => (globalThis as unknown as { localStorage: { getItem(k: string): string | null } }).localStorage.getItem("motif.apiKey"))).toBe(KEY);

      await page.reload();
      await page.locator('li.result .chat-card').first().waitFor();
      expect(await dialog.isVisible()).toBe(false);
      expect(sent.length).toBeGreaterThan(CARDS.length);
      expect(sent.filter((s) => s.key === KEY).length).toBe(sent.length - 1); // only the very first call went without it
      for (const s of sent) expect(s.url).not.toContain(KEY);
      await page.close();
    });
  });
});
