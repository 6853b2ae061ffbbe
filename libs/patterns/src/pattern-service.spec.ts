import type { PatternService } from '@motif/core-types';
import { parsingFrontDoor } from './testing/parsing-front-door';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MotifError, resolveConfig, TOKENS, type MotifConfig, type PatternStore } from '@motif/core-types';
import { VARIATION_ENGINE_VERSION } from '@motif/variators';
import { createMotifContainer, describeBindings } from './create-motif-container';
import type { MotifRuntime } from './motif-runtime';

/** What a front door does: parse with the route's schema, then call the service. */
const edge = (r: { service: PatternService }) => parsingFrontDoor(r.service);

const examples = readFileSync(join(__dirname, '..', '..', '..', 'examples', 'example-patterns.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Record<string, unknown>);

const statusCard = {
  description: 'Server status card with a green online label and refresh/details buttons',
  dsl: '§[δ, Ƀ[ᵬ×2]]',
  instanceParams: { text: "{{ 'Online' | success_text | bold }}", buttons: [{ text: 'Refresh', url: 'https://status.example.com/refresh' }, { text: 'Details', url: 'https://status.example.com/details' }] },
  feedback: 'positive',
};

async function expectMotifError(promise: Promise<unknown> | (() => unknown), code: string): Promise<MotifError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (e) {
    expect(e).toBeInstanceOf(MotifError);
    expect((e as MotifError).code).toBe(code);
    return e as MotifError;
  }
  throw new Error(`expected ${code}`);
}

describe('PatternService on the embedded default', () => {
  let dir: string;
  let config: MotifConfig;
  let runtime: MotifRuntime;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'motif-svc-'));
    config = resolveConfig({ env: { MOTIF_EMBEDDER: 'hashing' }, flags: { dataDir: dir } });
    runtime = await createMotifContainer(config);
  });
  afterEach(async () => {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores a pattern from DSL, deriving tree, paths and canonical DSL, and reads it back', async () => {
    const { pattern, created } = await edge(runtime).store(statusCard);
    expect(created).toBe(true);
    expect(pattern.patternId).toMatch(/^p_[0-9a-f]{24}$/);
    expect(pattern.componentPaths).toEqual(['Section', 'DecoratedText', 'ButtonList', 'Button', 'Button']);
    expect(pattern.dslNotation).toBe('§[δ, Ƀ[ᵬ×2]]');
    expect(pattern.feedback).toBe('positive');
    expect(pattern.feedbackCounts.content.positive).toBe(1);
    expect(await edge(runtime).get(pattern.patternId)).toEqual(pattern);
  });

  it('never duplicates: the same pattern stored twice returns the existing one', async () => {
    const first = await edge(runtime).store(statusCard);
    const again = await edge(runtime).store({ ...statusCard, instanceParams: { buttons: statusCard.instanceParams.buttons, text: statusCard.instanceParams.text } });
    expect(again.created).toBe(false);
    expect(again.pattern.patternId).toBe(first.pattern.patternId);
    expect((await edge(runtime).list({})).items).toHaveLength(1);
  });

  it('an import keeps the patternId it was exported with, and refuses another id or a foreign catalog, storing nothing', async () => {
    const { pattern } = await edge(runtime).store(statusCard);
    const exported = JSON.parse(JSON.stringify(pattern)) as Record<string, unknown>;
    expect((await edge(runtime).store(exported)).pattern.patternId).toBe(pattern.patternId);
    const other = { ...statusCard, description: 'Another status card', patternId: pattern.patternId };
    const wrongId = await expectMotifError(edge(runtime).store(other), 'VALIDATION_FAILED');
    expect(wrongId.fieldErrors).toEqual([{ path: '/patternId', message: expect.stringMatching(/is not this pattern's id: .* hashes to 'p_[0-9a-f]{24}'/) }]);
    const foreign = await expectMotifError(edge(runtime).store({ ...statusCard, description: 'From elsewhere', catalogId: 'my-own-catalog' }), 'VALIDATION_FAILED');
    expect(foreign.fieldErrors).toEqual([{ path: '/catalogId', message: expect.stringMatching(/exported under catalog 'my-own-catalog', but this store uses 'google-chat-cards-v2'/) }]);
    const outcomes = await edge(runtime).storeMany([other, exported]);
    expect(outcomes.map((o) => o.ok)).toEqual([false, true]);
    expect((await edge(runtime).list({ limit: 10 })).items.map((p) => p.patternId)).toEqual([pattern.patternId]);
  });

  it('turns flat componentPaths into a valid tree, inserting a missing wrapper and reporting it', async () => {
    const { pattern, repairs } = await edge(runtime).store({ description: 'flat', componentPaths: ['Section', 'TextParagraph', 'Button'] });
    expect(pattern.componentPaths).toEqual(['Section', 'TextParagraph', 'ButtonList', 'Button']);
    expect(repairs.join(' ')).toMatch(/ButtonList/);
  });

  it('refuses an invalid structure with its issues and stores nothing', async () => {
    const error = await expectMotifError(edge(runtime).store({ description: 'bad', structure: { component: 'Section', children: [{ component: 'Button' }] } }), 'INVALID_STRUCTURE');
    expect(JSON.stringify(error.details.issues)).toMatch(/NEEDS_WRAPPER/);
    expect(error.fieldErrors[0].path).toBe('/structure');
    expect((await edge(runtime).stats()).store.patterns).toBe(0);
  });

  it('names unknown components and refuses over-deep trees as structure issues', async () => {
    const unknown = await expectMotifError(edge(runtime).store({ description: 'x', structure: { component: 'Section', children: [{ component: 'NoSuchWidget' }] } }), 'INVALID_STRUCTURE');
    expect(JSON.stringify(unknown.details.issues)).toMatch(/UNKNOWN_COMPONENT/);
    let deep: { component: string; children?: unknown[] } = { component: 'Section' };
    for (let i = 0; i < 40; i++) deep = { component: 'Column', children: [deep] };
    const tooDeep = await expectMotifError(edge(runtime).store({ description: 'x', structure: deep }), 'INVALID_STRUCTURE');
    expect(JSON.stringify(tooDeep.details.issues)).toMatch(/TOO_DEEP/);
  });

  it('reports DSL syntax errors at the /dsl field with the offset', async () => {
    const error = await expectMotifError(edge(runtime).store({ description: 'x', dsl: '§[δ, Ƀ[ᵬ]' }), 'DSL_SYNTAX');
    expect(error.fieldErrors[0].path).toBe('/dsl');
    expect(typeof error.details.offset).toBe('number');
  });

  it('names missing and mistyped fields', async () => {
    const missing = await expectMotifError(edge(runtime).store({ dsl: '§[δ]' }), 'VALIDATION_FAILED');
    expect(missing.fieldErrors.map((f) => f.path)).toContain('/description');
    const wrongType = await expectMotifError(edge(runtime).store({ description: 'd', dsl: '§[δ]', instanceParams: 'nope' }), 'VALIDATION_FAILED');
    expect(wrongType.fieldErrors.map((f) => f.path)).toContain('/instanceParams');
  });

  it('stores an exported pattern only in the namespace it names: the namespace travels one way', async () => {
    const { pattern } = await edge(runtime).store(statusCard, 'team-a');
    const exported = JSON.parse(JSON.stringify(pattern)) as Record<string, unknown>;
    const elsewhere = await expectMotifError(edge(runtime).store(exported, 'team-b'), 'VALIDATION_FAILED');
    expect(elsewhere.fieldErrors).toEqual([expect.objectContaining({ path: '/namespace', message: expect.stringContaining('--namespace team-a') })]);
    expect((await edge(runtime).list({}, 'team-b')).items).toHaveLength(0);
    expect((await edge(runtime).store(exported, 'team-a')).created).toBe(false);
  });

  it('scopes every read and search to a namespace', async () => {
    const { pattern } = await edge(runtime).store(statusCard, 'team-a');
    await expectMotifError(edge(runtime).get(pattern.patternId, 'team-b'), 'NOT_FOUND');
    expect((await edge(runtime).search({ query: 'server status' }, 'team-b')).results).toHaveLength(0);
    expect((await edge(runtime).search({ query: 'server status' }, 'team-a')).results[0].pattern.patternId).toBe(pattern.patternId);
  });

  it('counts feedback votes per dimension and derives the labels', async () => {
    const { pattern } = await edge(runtime).store({ ...statusCard, feedback: undefined });
    expect(pattern.feedback).toBeNull();
    await edge(runtime).recordFeedback(pattern.patternId, { feedback: 'negative', dimension: 'form' });
    const after = await edge(runtime).recordFeedback(pattern.patternId, { feedback: 'positive', dimension: 'content' });
    expect(after.feedbackCounts.form.negative).toBe(1);
    expect(after.feedbackCounts.content.positive).toBe(1);
    expect(after.formFeedback).toBe('negative');
    expect(after.contentFeedback).toBe('positive');
    await expectMotifError(edge(runtime).recordFeedback('p_000000000000000000000000', { feedback: 'positive' }), 'NOT_FOUND');
  });

  it('finds stored seed patterns by what a person asks, and filters by feedback', async () => {
    const outcomes = await edge(runtime).storeMany(examples);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const response = await edge(runtime).search({ query: 'approve an expense with a dropdown', explain: true });
    expect(response.results[0].pattern.description).toMatch(/Expense approval/);
    expect(response.results[0].score).toBeGreaterThan(0);
    expect(response.results[0].score).toBeLessThanOrEqual(1);
    expect(response.results[0].explanation?.signals).toBeDefined();
    const withoutNegative = await edge(runtime).search({ query: 'office closed announcement', filter: { feedback: ['positive', 'unrated'] }, limit: 20 });
    expect(withoutNegative.results.some((r) => r.pattern.feedback === 'negative')).toBe(false);
  });

  it('stores many inputs independently: one bad input never affects the others', async () => {
    const outcomes = await edge(runtime).storeMany([statusCard, { description: 'broken', dsl: '§[' }, examples[1]]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect((await edge(runtime).stats()).store.patterns).toBe(2);
  });

  it('generates, persists, serves and invalidates variation families', async () => {
    const { pattern } = await edge(runtime).store(statusCard);
    const family = await edge(runtime).generateVariations(pattern.patternId, { structure: 3, parameter: 2, seed: 7 });
    expect(family.variations[0].variationType).toBe('original');
    expect(family.variations.length).toBeGreaterThan(1);
    expect(await edge(runtime).getFamily(pattern.patternId)).toEqual(family);

    const keys = family.cacheKeys.slice(0, 3);
    const batch = await edge(runtime).batchVariations({ cacheKeys: [...keys, 'motif:1:default:variation:p_nope:v1'] });
    expect(batch.variations.map((v) => v.cacheKey)).toEqual(keys);
    expect(batch.missing).toEqual(['motif:1:default:variation:p_nope:v1']);

    const a = await edge(runtime).randomVariation(pattern.patternId, { seed: 's1' });
    const b = await edge(runtime).randomVariation(pattern.patternId, { seed: 's1' });
    expect(a).toEqual(b);
    const structural = await edge(runtime).randomVariation(pattern.patternId, { type: 'structure', seed: 's2' });
    expect(structural.variationType).toBe('structure');

    // survives a restart (from the store, not only the cache)
    await runtime.close();
    runtime = await createMotifContainer(config);
    expect((await edge(runtime).getFamily(pattern.patternId)).variations).toEqual(family.variations);

    await edge(runtime).delete(pattern.patternId);
    await expectMotifError(edge(runtime).getFamily(pattern.patternId), 'NOT_FOUND');
    expect((await edge(runtime).batchVariations({ cacheKeys: keys })).missing).toEqual(keys);
  });

  it('serves a batch only from the request namespace, whatever keys are sent', async () => {
    const { pattern } = await edge(runtime).store(statusCard, 'team-a');
    const family = await edge(runtime).generateVariations(pattern.patternId, { seed: 3 }, 'team-a');
    // team-a's keys, asked for by team-b: from the cache (warm) and from the store (cold) alike.
    const fromB = await edge(runtime).batchVariations({ cacheKeys: family.cacheKeys }, 'team-b');
    expect(fromB).toEqual({ variations: [], missing: family.cacheKeys });
    await runtime.close();
    runtime = await createMotifContainer(config);
    expect((await edge(runtime).batchVariations({ cacheKeys: family.cacheKeys }, 'team-b')).variations).toEqual([]);
    expect((await edge(runtime).batchVariations({ cacheKeys: family.cacheKeys }, 'team-a')).variations.map((v) => v.cacheKey)).toEqual(family.cacheKeys);
  });

  it('a random variation of a pattern without a family is a 404 that writes nothing', async () => {
    const { pattern } = await edge(runtime).store(statusCard);
    const store = runtime.container.get<PatternStore>(TOKENS.PatternStore);
    const saveFamily = jest.spyOn(store, 'saveFamily');
    const error = await expectMotifError(edge(runtime).randomVariation(pattern.patternId, { seed: 's' }), 'NOT_FOUND');
    expect(error.details).toMatchObject({ what: 'family', id: pattern.patternId });
    expect(error.message).toContain(`POST /v1/patterns/${pattern.patternId}/variations`);
    expect(saveFamily).not.toHaveBeenCalled();
    expect(await store.getFamily(config.namespace, pattern.patternId)).toBeNull();
    await expectMotifError(edge(runtime).randomVariation('p_000000000000000000000000', {}), 'NOT_FOUND');
  });

  it('getFamily reads the pattern once on a cache miss, and not at all on a hit', async () => {
    const { pattern } = await edge(runtime).store(statusCard);
    const family = await edge(runtime).generateVariations(pattern.patternId, { seed: 4 });
    await edge(runtime).recordFeedback(pattern.patternId, { feedback: 'positive' }); // drops the cached family
    const store = runtime.container.get<PatternStore>(TOKENS.PatternStore);
    const get = jest.spyOn(store, 'get');
    const served = await edge(runtime).getFamily(pattern.patternId);
    expect(served.variations).toEqual(family.variations);
    expect(served.sourcePattern.feedback).toBe('positive');
    expect(get).toHaveBeenCalledTimes(1);
    await edge(runtime).getFamily(pattern.patternId);
    expect(get).toHaveBeenCalledTimes(1);
  });

  it('never serves a family of another engine version: cached or stored, it is regenerated with the same seed and counts', async () => {
    const { pattern } = await edge(runtime).store(statusCard);
    const family = await edge(runtime).generateVariations(pattern.patternId, { structure: 3, parameter: 2, seed: 'old' });
    const old = { ...family, engineVersion: '1.0.0', variations: family.variations.map((v) => ({ ...v, operations: ['made by engine 1.0.0'] })) };
    const cache = runtime.container.get(TOKENS.FamilyCache);
    const store = runtime.container.get<PatternStore>(TOKENS.PatternStore);
    const isOld = (v: { operations: string[] }): boolean => v.operations.includes('made by engine 1.0.0');

    // In the cache (the family and each variation under its own key), as a previous release left it.
    await cache.setMany([[`motif:1:default:family:${pattern.patternId}`, old], ...old.variations.map((v) => [v.cacheKey, v] as const)]);
    const batch = await edge(runtime).batchVariations({ cacheKeys: family.cacheKeys });
    expect(batch.variations.some(isOld)).toBe(false);
    expect(batch.variations).toEqual(family.variations);
    await cache.setMany([[`motif:1:default:family:${pattern.patternId}`, old]]);
    const served = await edge(runtime).getFamily(pattern.patternId);
    expect(served.engineVersion).toBe(VARIATION_ENGINE_VERSION);
    expect(served.variations).toEqual(family.variations);

    // In the store only (cache cold), as a data directory of a previous release holds it.
    await store.saveFamily(old);
    await cache.delete([`motif:1:default:family:${pattern.patternId}`, ...family.cacheKeys]);
    await runtime.close();
    runtime = await createMotifContainer(config);
    expect((await edge(runtime).randomVariation(pattern.patternId, { seed: 'r' })).operations).not.toContain('made by engine 1.0.0');
    const again = await edge(runtime).getFamily(pattern.patternId);
    expect(again.variations).toEqual(family.variations);
    // A read never writes the store: the old family stays there until the next POST replaces it.
    expect((await runtime.container.get<PatternStore>(TOKENS.PatternStore).getFamily(config.namespace, pattern.patternId))?.engineVersion).toBe('1.0.0');
    await edge(runtime).generateVariations(pattern.patternId, { structure: 3, parameter: 2, seed: 'old' });
    expect((await runtime.container.get<PatternStore>(TOKENS.PatternStore).getFamily(config.namespace, pattern.patternId))?.engineVersion).toBe(VARIATION_ENGINE_VERSION);
  });

  it('refuses variations of a negatively rated pattern unless forced', async () => {
    const { pattern } = await edge(runtime).store({ ...statusCard, feedback: 'negative' });
    await expectMotifError(edge(runtime).generateVariations(pattern.patternId, {}), 'PRECONDITION_FAILED');
    const forced = await edge(runtime).generateVariations(pattern.patternId, { force: true, seed: 1 });
    expect(forced.variations.length).toBeGreaterThan(1);
  });

  it('keeps patterns across a restart', async () => {
    const { pattern } = await edge(runtime).store(statusCard);
    await runtime.close();
    runtime = await createMotifContainer(config, { warm: true });
    expect(await edge(runtime).get(pattern.patternId)).toEqual(pattern);
    expect((await edge(runtime).search({ query: 'server status' })).results[0].pattern.patternId).toBe(pattern.patternId);
  });

  it('exports patterns that import back losslessly', async () => {
    await edge(runtime).storeMany(examples);
    const { pattern } = await edge(runtime).store(statusCard, 'default');
    // a tie on the form dimension (1 positive, then 1 negative): the latest vote decides the label
    await edge(runtime).recordFeedback(pattern.patternId, { feedback: 'negative', dimension: 'form' });
    expect((await edge(runtime).get(pattern.patternId)).formFeedback).toBe('negative');
    const exported = [];
    for await (const p of edge(runtime).exportPatterns()) exported.push(JSON.parse(JSON.stringify(p)));
    const other = mkdtempSync(join(tmpdir(), 'motif-svc-import-'));
    const second = await createMotifContainer(resolveConfig({ env: { MOTIF_EMBEDDER: 'hashing' }, flags: { dataDir: other } }));
    try {
      const outcomes = await second.service.storeMany(exported);
      expect(outcomes.every((o) => o.ok && o.result.created)).toBe(true);
      for (const p of exported) expect(await second.service.get(p.patternId)).toEqual(p);
    } finally {
      await second.close();
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('parses and validates structures for the tools', () => {
    const parsed = edge(runtime).parseDsl({ dsl: 'Section[DecoratedText*3, ButtonList[Button x2]]' });
    expect(parsed.dsl).toBe('§[δ×3, Ƀ[ᵬ×2]]');
    expect(parsed.expanded).toBe('Section[DecoratedText×3, ButtonList[Button×2]]');
    const invalid = edge(runtime).validateStructure({ componentPaths: ['Card', 'Section', 'Button'] });
    expect(invalid.validation.valid || invalid.repairs.length > 0).toBe(true);
    expect(edge(runtime).catalog().id).toBe('google-chat-cards-v2');
  });

  it('binds every service through the one factory', () => {
    const bindings = describeBindings(runtime.container);
    for (const name of ['PatternService', 'PatternStore', 'FamilyCache', 'VariationEngine', 'StructureValidator', 'Embedder']) {
      expect(bindings.some((b) => b.startsWith(`${name} →`))).toBe(true);
    }
  });
});
