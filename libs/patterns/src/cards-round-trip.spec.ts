import type { PatternService } from '@motif/core-types';
import { parsingFrontDoor } from './testing/parsing-front-door';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MotifError, resolveConfig, TOKENS, type MotifConfig } from '@motif/core-types';
import { VARIATION_ENGINE_VERSION } from '@motif/variators';
import { createMotifContainer } from './create-motif-container';
import type { MotifRuntime } from './motif-runtime';

/** What a front door does: parse with the route's schema, then call the service. */
const edge = (r: { service: PatternService }) => parsingFrontDoor(r.service);

const CARDS_DIR = join(__dirname, '..', '..', '..', 'examples', 'cards');
const cardFiles = readdirSync(CARDS_DIR).filter((f) => f.endsWith('.json')).sort();
const messageOf = (file: string) => JSON.parse(readFileSync(join(CARDS_DIR, file), 'utf8')) as { cardsV2: Array<{ cardId: string; card: Record<string, unknown> }> };

/** Deep equality with key order aside. */
const sorted = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(sorted) : typeof v === 'object' && v !== null ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, sorted(x)])) : v;

async function motifError(run: () => Promise<unknown>): Promise<MotifError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof MotifError) return error;
    throw error;
  }
  throw new Error('expected a MotifError');
}

describe('cards in, cards out', () => {
  let dir: string;
  let config: MotifConfig;
  let runtime: MotifRuntime;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'motif-cards-'));
    config = resolveConfig({ env: { MOTIF_EMBEDDER: 'hashing' }, flags: { dataDir: dir } });
    runtime = await createMotifContainer(config);
  });
  afterEach(async () => {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ships twelve cards that together use every component of the catalog', () => {
    expect(cardFiles).toHaveLength(12);
  });

  it.each(cardFiles)('%s: store → render is deep-equal to the card sent', async (file) => {
    const { card } = messageOf(file).cardsV2[0];
    const { pattern, created } = await edge(runtime).store({ description: `example ${file}`, card });
    expect(created).toBe(true);
    const rendered = await edge(runtime).renderCard({ patternId: pattern.patternId });
    expect(rendered.cardsV2).toHaveLength(1);
    expect(rendered.cardsV2[0].cardId).toBe(pattern.patternId);
    expect(sorted(rendered.cardsV2[0].card)).toEqual(sorted(card));
    // The same card with its keys in another order is the same pattern.
    const again = await edge(runtime).store({ description: `example ${file}`, card: JSON.parse(JSON.stringify(sorted(card))) as Record<string, unknown> });
    expect(again).toMatchObject({ created: false, pattern: { patternId: pattern.patternId } });
  });

  it('covers every component between the twelve cards', async () => {
    const seen = new Set<string>();
    for (const file of cardFiles) {
      const { pattern } = await edge(runtime).store({ description: `example ${file}`, card: messageOf(file).cardsV2[0].card });
      for (const c of pattern.componentPaths) seen.add(c);
    }
    const all = edge(runtime).catalog().components.map((c) => c.name).filter((n) => n !== 'Message');
    expect(all.filter((n) => !seen.has(n))).toEqual([]);
  });

  it('gives every node its own params: two DecoratedTexts keep two topLabels, two ButtonLists their own buttons', async () => {
    const card = {
      sections: [{ widgets: [
        { decoratedText: { topLabel: 'CPU', text: '45%' } },
        { decoratedText: { topLabel: 'Disk', text: '81%' } },
        { buttonList: { buttons: [{ text: 'A', onClick: { openLink: { url: 'https://example.com/a' } } }] } },
        { buttonList: { buttons: [{ text: 'B', onClick: { openLink: { url: 'https://example.com/b' } } }] } },
      ] }],
    };
    const { pattern } = await edge(runtime).store({ description: 'two rows, two button lists', card });
    expect(pattern.dslNotation).toBe('©[§[δ×2, Ƀ[ᵬ]×2]]');
    const widgets = pattern.tree[0].children?.[0].children ?? [];
    expect(widgets.map((w) => w.params.topLabel ?? w.children?.[0].params.text)).toEqual(['CPU', 'Disk', 'A', 'B']);
  });

  it('keeps a field the catalog does not model verbatim, says so, and renders it back', async () => {
    const card = { sections: [{ widgets: [{ decoratedText: { text: 'x', futureField: { a: 1 } } }] }] };
    const result = await edge(runtime).store({ description: 'future field', card });
    expect(result.unknownFields).toEqual(['/card/sections/0/widgets/0/decoratedText/futureField']);
    const out = await edge(runtime).renderCard({ patternId: result.pattern.patternId });
    expect(out.cardsV2[0].card).toEqual(card);
  });

  it('refuses params that break Card v2 with INVALID_PARAMS naming each node, and stores nothing', async () => {
    const card = {
      sections: [{ widgets: [
        { image: { altText: 'no url' } },
        { buttonList: { buttons: [{ text: 'Go', type: 'HUGE' }] } },
        { selectionInput: { label: 'no name' } },
      ] }],
    };
    const e = await motifError(() => edge(runtime).store({ description: 'broken', card }));
    expect(e.code).toBe('INVALID_PARAMS');
    expect(e.status).toBe(422);
    const paths = e.fieldErrors.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining([
      '/card/sections/0/widgets/0/image/imageUrl',
      '/card/sections/0/widgets/1/buttonList/buttons/0/onClick',
      '/card/sections/0/widgets/1/buttonList/buttons/0/type',
      '/card/sections/0/widgets/2/selectionInput/name',
    ]));
    expect(e.fieldErrors.find((f) => f.path.endsWith('/imageUrl'))?.message).toMatch(/Card > sections\[0\] Section > widgets\[0\] Image.*fix: add imageUrl/);
    expect(await edge(runtime).stats()).toMatchObject({ store: { patterns: 0 } });
  });

  it('refuses a malformed card with INVALID_CARD naming the JSON path', async () => {
    const e = await motifError(() => edge(runtime).store({ description: 'bad', card: { sections: [{ widgets: [{ nosuchWidget: {} }] }] } }));
    expect(e.code).toBe('INVALID_CARD');
    expect(e.fieldErrors[0].path).toBe('/card/sections/0/widgets/0');
    const big = { sections: [{ widgets: Array.from({ length: 101 }, (_, i) => ({ textParagraph: { text: `row ${i}` } })) }] };
    expect((await motifError(() => edge(runtime).store({ description: 'too many', card: big }))).code).toBe('INVALID_STRUCTURE');
    const heavy = { sections: [{ widgets: [{ textParagraph: { text: 'x'.repeat(33_000) } }] }] };
    const limit = await motifError(() => edge(runtime).store({ description: 'too big', card: heavy }));
    expect(limit.code).toBe('INVALID_PARAMS');
    expect(limit.message).toMatch(/32768/);
  });

  it('binds the seed flat params to their nodes and renders Jinja-styled text to Chat HTML', async () => {
    const { pattern } = await edge(runtime).store({
      description: 'Server status with two actions',
      dsl: '§[δ, Ƀ[ᵬ×2]]',
      instanceParams: { text: "{{ 'Online' | success_text | bold }}", topLabel: 'api-gateway', buttons: [{ text: 'Refresh', url: 'https://status.example.com/refresh' }, { text: 'Details', url: 'https://status.example.com/api' }] },
    });
    const out = await edge(runtime).renderCard({ patternId: pattern.patternId });
    expect(out.cardsV2[0].card).toEqual({
      sections: [{ widgets: [
        { decoratedText: { text: '<b><font color="#34a853">Online</font></b>', topLabel: 'api-gateway' } },
        { buttonList: { buttons: [{ text: 'Refresh', onClick: { openLink: { url: 'https://status.example.com/refresh' } } }, { text: 'Details', onClick: { openLink: { url: 'https://status.example.com/api' } } }] } },
      ] }],
    });
    const unknownFilter = await motifError(() => edge(runtime).renderCard({ dsl: '§[ʈ]', instanceParams: { text: "{{ 'x' | shout }}" } }));
    expect(unknownFilter.code).toBe('INVALID_PARAMS');
    expect(unknownFilter.message).toMatch(/unknown style filter 'shout'/);
    const extra = await motifError(() => edge(runtime).store({ description: 'x', dsl: '§[δ]', instanceParams: { text: 'a', amountLabel: 'EUR' } }));
    expect(extra.code).toBe('INVALID_PARAMS');
    expect(extra.fieldErrors[0].path).toBe('/instanceParams/amountLabel');
  });

  it('binds items to a DecoratedText count and reports an items/count mismatch with the node', async () => {
    const ok = await edge(runtime).store({ description: 'three rows', dsl: '§[δ×3]', instanceParams: { items: [{ text: 'a' }, { text: 'b' }, { text: 'c' }] } });
    expect(ok.pattern.tree[0].children?.map((c) => c.params.text)).toEqual(['a', 'b', 'c']);
    const e = await motifError(() => edge(runtime).store({ description: 'four items', dsl: '§[δ×3]', instanceParams: { items: ['a', 'b', 'c', 'd'] } }));
    expect(e.code).toBe('INVALID_PARAMS');
    expect(e.message).toMatch(/items has 4 entries but the structure has 3/);
  });

  it('checks required fields of flat params too: a Button without onClick, a node without params', async () => {
    const noAction = await motifError(() => edge(runtime).store({ description: 'no action', dsl: '§[δ, Ƀ[ᵬ]]', instanceParams: { text: 'Up', buttons: [{ text: 'Open' }] } }));
    expect(noAction.code).toBe('INVALID_PARAMS');
    expect(noAction.fieldErrors).toEqual([expect.objectContaining({ code: 'MISSING_PARAM', message: expect.stringMatching(/buttons\[0\] Button: Button.onClick: onClick is required/) })]);
    const bare = await motifError(() => edge(runtime).store({ description: 'two bare buttons', dsl: '§[δ, Ƀ[ᵬ×2]]', instanceParams: { text: 'Up' } }));
    expect(bare.fieldErrors.filter((f) => /buttons\[1\] Button/.test(f.message))).not.toHaveLength(0);
    expect((await edge(runtime).list({})).items).toEqual([]);
    const shape = await edge(runtime).store({ description: 'a shape without params', dsl: '§[δ, Ƀ[ᵬ×2]]' });
    expect(shape.created).toBe(true);
  });

  it('validates params on /structures/validate with 200 and valid: false', async () => {
    const r = edge(runtime).validateStructure({ card: { sections: [{ widgets: [{ image: {} }] }] } });
    expect(r.validation.valid).toBe(false);
    expect(r.paramIssues?.[0]).toMatchObject({ code: 'MISSING_PARAM', pointer: '/card/sections/0/widgets/0/image/imageUrl' });
  });

  it('renders a variation of a family, and an inline pattern without storing it', async () => {
    const { pattern } = await edge(runtime).store({ description: 'status', card: messageOf('server-status.json').cardsV2[0].card });
    const family = await edge(runtime).generateVariations(pattern.patternId, { structure: 2, parameter: 1, seed: 1 });
    const v = family.variations[1];
    const out = await edge(runtime).renderCard({ patternId: pattern.patternId, variationId: v.variationId });
    expect(out.cardsV2).toHaveLength(1);
    expect(out.cardsV2[0].cardId).toBe(v.variationId.replace(':', '-'));
    const inline = await edge(runtime).renderCard({ card: { sections: [{ widgets: [{ divider: {} }] }] } });
    expect(inline.cardsV2[0].card).toEqual({ sections: [{ widgets: [{ divider: {} }] }] });
    expect(await edge(runtime).stats()).toMatchObject({ store: { patterns: 1 } });
  });
});

describe('a data directory written by release 0.1.0', () => {
  it('opens, and keeps every pattern, family and vote; old ids resolve and render', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motif-legacy-'));
    copyFileSync(join(__dirname, 'fixtures', 'legacy-0.1.0', 'motif.db'), join(dir, 'motif.db'));
    const runtime = await createMotifContainer(resolveConfig({ env: { MOTIF_EMBEDDER: 'hashing' }, flags: { dataDir: dir } }));
    try {
      const page = await edge(runtime).list({ limit: 100 });
      expect(page.items).toHaveLength(12);
      const status = await edge(runtime).get('p_6daae4841c37079927d2c178');
      expect(status.feedbackCounts.form.negative).toBe(1);
      expect(status.tree[0].children?.[0].params.topLabel).toBe('api-gateway');
      const voted = await edge(runtime).get('p_d5242aa6465eb0e3f15d2d40');
      expect(voted.feedbackCounts.content.positive).toBe(3);
      // Its family was made by engine 1.x: it is regenerated with the same seed and counts, never served as stored.
      const store = runtime.container.get(TOKENS.PatternStore);
      const stored = await store.getFamily('default', 'p_6daae4841c37079927d2c178');
      expect(stored?.engineVersion).not.toBe(VARIATION_ENGINE_VERSION);
      const family = await edge(runtime).getFamily('p_6daae4841c37079927d2c178');
      expect(family).toMatchObject({ engineVersion: VARIATION_ENGINE_VERSION, seed: stored?.seed, options: stored?.options });
      expect(family.variations.length).toBeGreaterThan(1);
      expect(family.variations.every((v) => Array.isArray(v.tree))).toBe(true);
      const card = await edge(runtime).renderCard({ patternId: 'p_6daae4841c37079927d2c178' });
      expect(card.cardsV2[0].card).toMatchObject({ sections: [{ widgets: [{ decoratedText: { topLabel: 'api-gateway' } }, { buttonList: {} }] }] });
      // Storing the same seed input again finds the old pattern instead of making a second one.
      const seed = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'legacy-0.1.0', 'status-seed.json'), 'utf8')) as Record<string, unknown>;
      const again = await edge(runtime).store(seed);
      expect(again).toMatchObject({ created: false, pattern: { patternId: 'p_6daae4841c37079927d2c178' } });
    } finally {
      await runtime.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
