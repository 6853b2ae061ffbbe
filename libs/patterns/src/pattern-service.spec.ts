import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MotifError, resolveConfig, TOKENS, type MotifConfig, type PatternStore } from '@motif/core-types';
import { VARIATION_ENGINE_VERSION } from '@motif/variators';
import { createMotifContainer, describeBindings } from './create-motif-container';
import type { MotifRuntime } from './motif-runtime';

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
    const { pattern, created } = await runtime.service.store(statusCard);
    expect(created).toBe(true);
    expect(pattern.patternId).toMatch(/^p_[0-9a-f]{24}$/);
    expect(pattern.componentPaths).toEqual(['Section', 'DecoratedText', 'ButtonList', 'Button', 'Button']);
    expect(pattern.dslNotation).toBe('§[δ, Ƀ[ᵬ×2]]');
    expect(pattern.feedback).toBe('positive');
    expect(pattern.feedbackCounts.content.positive).toBe(1);
    expect(await runtime.service.get(pattern.patternId)).toEqual(pattern);
  });

  it('never duplicates: the same pattern stored twice returns the existing one', async () => {
    const first = await runtime.service.store(statusCard);
    const again = await runtime.service.store({ ...statusCard, instanceParams: { buttons: statusCard.instanceParams.buttons, text: statusCard.instanceParams.text } });
    expect(again.created).toBe(false);
    expect(again.pattern.patternId).toBe(first.pattern.patternId);
    expect((await runtime.service.list({})).items).toHaveLength(1);
  });

  it('an import keeps the patternId it was exported with, and refuses another id or a foreign catalog, storing nothing', async () => {
    const { pattern } = await runtime.service.store(statusCard);
    const exported = JSON.parse(JSON.stringify(pattern)) as Record<string, unknown>;
    expect((await runtime.service.store(exported)).pattern.patternId).toBe(pattern.patternId);
    const other = { ...statusCard, description: 'Another status card', patternId: pattern.patternId };
    const wrongId = await expectMotifError(runtime.service.store(other), 'VALIDATION_FAILED');
    expect(wrongId.fieldErrors).toEqual([{ path: '/patternId', message: expect.stringMatching(/is not this pattern's id: .* hashes to 'p_[0-9a-f]{24}'/) }]);
    const foreign = await expectMotifError(runtime.service.store({ ...statusCard, description: 'From elsewhere', catalogId: 'my-own-catalog' }), 'VALIDATION_FAILED');
    expect(foreign.fieldErrors).toEqual([{ path: '/catalogId', message: expect.stringMatching(/exported under catalog 'my-own-catalog', but this store uses 'google-chat-cards-v2'/) }]);
    const outcomes = await runtime.service.storeMany([other, exported]);
    expect(outcomes.map((o) => o.ok)).toEqual([false, true]);
    expect((await runtime.service.list({ limit: 10 })).items.map((p) => p.patternId)).toEqual([pattern.patternId]);
  });

  it('turns flat componentPaths into a valid tree, inserting a missing wrapper and reporting it', async () => {
    const { pattern, repairs } = await runtime.service.store({ description: 'flat', componentPaths: ['Section', 'TextParagraph', 'Button'] });
    expect(pattern.componentPaths).toEqual(['Section', 'TextParagraph', 'ButtonList', 'Button']);
    expect(repairs.join(' ')).toMatch(/ButtonList/);
  });

  it('refuses an invalid structure with its issues and stores nothing', async () => {
    const error = await expectMotifError(runtime.service.store({ description: 'bad', structure: { component: 'Section', children: [{ component: 'Button' }] } }), 'INVALID_STRUCTURE');
    expect(JSON.stringify(error.details.issues)).toMatch(/NEEDS_WRAPPER/);
    expect(error.fieldErrors[0].path).toBe('/structure');
    expect((await runtime.service.stats()).store.patterns).toBe(0);
  });

  it('names unknown components and refuses over-deep trees as structure issues', async () => {
    const unknown = await expectMotifError(runtime.service.store({ description: 'x', structure: { component: 'Section', children: [{ component: 'NoSuchWidget' }] } }), 'INVALID_STRUCTURE');
    expect(JSON.stringify(unknown.details.issues)).toMatch(/UNKNOWN_COMPONENT/);
    let deep: { component: string; children?: unknown[] } = { component: 'Section' };
    for (let i = 0; i < 40; i++) deep = { component: 'Column', children: [deep] };
    const tooDeep = await expectMotifError(runtime.service.store({ description: 'x', structure: deep }), 'INVALID_STRUCTURE');
    expect(JSON.stringify(tooDeep.details.issues)).toMatch(/TOO_DEEP/);
  });

  it('reports DSL syntax errors at the /dsl field with the offset', async () => {
    const error = await expectMotifError(runtime.service.store({ description: 'x', dsl: '§[δ, Ƀ[ᵬ]' }), 'DSL_SYNTAX');
    expect(error.fieldErrors[0].path).toBe('/dsl');
    expect(typeof error.details.offset).toBe('number');
  });

  it('names missing and mistyped fields', async () => {
    const missing = await expectMotifError(runtime.service.store({ dsl: '§[δ]' }), 'VALIDATION_FAILED');
    expect(missing.fieldErrors.map((f) => f.path)).toContain('/description');
    const wrongType = await expectMotifError(runtime.service.store({ description: 'd', dsl: '§[δ]', instanceParams: 'nope' }), 'VALIDATION_FAILED');
    expect(wrongType.fieldErrors.map((f) => f.path)).toContain('/instanceParams');
  });

  it('scopes every read and search to a namespace', async () => {
    const { pattern } = await runtime.service.store(statusCard, 'team-a');
    await expectMotifError(runtime.service.get(pattern.patternId, 'team-b'), 'NOT_FOUND');
    expect((await runtime.service.search({ query: 'server status', namespace: 'team-b' })).results).toHaveLength(0);
    expect((await runtime.service.search({ query: 'server status', namespace: 'team-a' })).results[0].pattern.patternId).toBe(pattern.patternId);
  });

  it('counts feedback votes per dimension and derives the labels', async () => {
    const { pattern } = await runtime.service.store({ ...statusCard, feedback: undefined });
    expect(pattern.feedback).toBeNull();
    await runtime.service.recordFeedback(pattern.patternId, { feedback: 'negative', dimension: 'form' });
    const after = await runtime.service.recordFeedback(pattern.patternId, { feedback: 'positive', dimension: 'content' });
    expect(after.feedbackCounts.form.negative).toBe(1);
    expect(after.feedbackCounts.content.positive).toBe(1);
    expect(after.formFeedback).toBe('negative');
    expect(after.contentFeedback).toBe('positive');
    await expectMotifError(runtime.service.recordFeedback('p_000000000000000000000000', { feedback: 'positive' }), 'NOT_FOUND');
  });

  it('finds stored seed patterns by what a person asks, and filters by feedback', async () => {
    const outcomes = await runtime.service.storeMany(examples);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const response = await runtime.service.search({ query: 'approve an expense with a dropdown', explain: true });
    expect(response.results[0].pattern.description).toMatch(/Expense approval/);
    expect(response.results[0].score).toBeGreaterThan(0);
    expect(response.results[0].score).toBeLessThanOrEqual(1);
    expect(response.results[0].explanation?.signals).toBeDefined();
    const withoutNegative = await runtime.service.search({ query: 'office closed announcement', filter: { feedback: ['positive', 'unrated'] }, limit: 20 });
    expect(withoutNegative.results.some((r) => r.pattern.feedback === 'negative')).toBe(false);
  });

  it('stores many inputs independently: one bad input never affects the others', async () => {
    const outcomes = await runtime.service.storeMany([statusCard, { description: 'broken', dsl: '§[' }, examples[1]]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect((await runtime.service.stats()).store.patterns).toBe(2);
  });

  it('generates, persists, serves and invalidates variation families', async () => {
    const { pattern } = await runtime.service.store(statusCard);
    const family = await runtime.service.generateVariations(pattern.patternId, { structure: 3, parameter: 2, seed: 7 });
    expect(family.variations[0].variationType).toBe('original');
    expect(family.variations.length).toBeGreaterThan(1);
    expect(await runtime.service.getFamily(pattern.patternId)).toEqual(family);

    const keys = family.cacheKeys.slice(0, 3);
    const batch = await runtime.service.batchVariations({ cacheKeys: [...keys, 'motif:1:default:variation:p_nope:v1'] });
    expect(batch.variations.map((v) => v.cacheKey)).toEqual(keys);
    expect(batch.missing).toEqual(['motif:1:default:variation:p_nope:v1']);

    const a = await runtime.service.randomVariation(pattern.patternId, { seed: 's1' });
    const b = await runtime.service.randomVariation(pattern.patternId, { seed: 's1' });
    expect(a).toEqual(b);
    const structural = await runtime.service.randomVariation(pattern.patternId, { type: 'structure', seed: 's2' });
    expect(structural.variationType).toBe('structure');

    // survives a restart (from the store, not only the cache)
    await runtime.close();
    runtime = await createMotifContainer(config);
    expect((await runtime.service.getFamily(pattern.patternId)).variations).toEqual(family.variations);

    await runtime.service.delete(pattern.patternId);
    await expectMotifError(runtime.service.getFamily(pattern.patternId), 'NOT_FOUND');
    expect((await runtime.service.batchVariations({ cacheKeys: keys })).missing).toEqual(keys);
  });

  it('serves a batch only from the request namespace, whatever keys are sent', async () => {
    const { pattern } = await runtime.service.store(statusCard, 'team-a');
    const family = await runtime.service.generateVariations(pattern.patternId, { seed: 3 }, 'team-a');
    // team-a's keys, asked for by team-b: from the cache (warm) and from the store (cold) alike.
    const fromB = await runtime.service.batchVariations({ cacheKeys: family.cacheKeys }, 'team-b');
    expect(fromB).toEqual({ variations: [], missing: family.cacheKeys });
    await runtime.close();
    runtime = await createMotifContainer(config);
    expect((await runtime.service.batchVariations({ cacheKeys: family.cacheKeys }, 'team-b')).variations).toEqual([]);
    expect((await runtime.service.batchVariations({ cacheKeys: family.cacheKeys }, 'team-a')).variations.map((v) => v.cacheKey)).toEqual(family.cacheKeys);
  });

  it('a random variation of a pattern without a family is a 404 that writes nothing', async () => {
    const { pattern } = await runtime.service.store(statusCard);
    const store = runtime.container.get<PatternStore>(TOKENS.PatternStore);
    const saveFamily = jest.spyOn(store, 'saveFamily');
    const error = await expectMotifError(runtime.service.randomVariation(pattern.patternId, { seed: 's' }), 'NOT_FOUND');
    expect(error.details).toMatchObject({ what: 'family', id: pattern.patternId });
    expect(error.message).toContain(`POST /v1/patterns/${pattern.patternId}/variations`);
    expect(saveFamily).not.toHaveBeenCalled();
    expect(await store.getFamily(config.namespace, pattern.patternId)).toBeNull();
    await expectMotifError(runtime.service.randomVariation('p_000000000000000000000000', {}), 'NOT_FOUND');
  });

  it('getFamily reads the pattern once on a cache miss, and not at all on a hit', async () => {
    const { pattern } = await runtime.service.store(statusCard);
    const family = await runtime.service.generateVariations(pattern.patternId, { seed: 4 });
    await runtime.service.recordFeedback(pattern.patternId, { feedback: 'positive' }); // drops the cached family
    const store = runtime.container.get<PatternStore>(TOKENS.PatternStore);
    const get = jest.spyOn(store, 'get');
    const served = await runtime.service.getFamily(pattern.patternId);
    expect(served.variations).toEqual(family.variations);
    expect(served.sourcePattern.feedback).toBe('positive');
    expect(get).toHaveBeenCalledTimes(1);
    await runtime.service.getFamily(pattern.patternId);
    expect(get).toHaveBeenCalledTimes(1);
  });

  it('never serves a family of another engine version: cached or stored, it is regenerated with the same seed and counts', async () => {
    const { pattern } = await runtime.service.store(statusCard);
    const family = await runtime.service.generateVariations(pattern.patternId, { structure: 3, parameter: 2, seed: 'old' });
    const old = { ...family, engineVersion: '1.0.0', variations: family.variations.map((v) => ({ ...v, operations: ['made by engine 1.0.0'] })) };
    const cache = runtime.container.get(TOKENS.FamilyCache);
    const store = runtime.container.get<PatternStore>(TOKENS.PatternStore);
    const isOld = (v: { operations: string[] }): boolean => v.operations.includes('made by engine 1.0.0');

    // In the cache (the family and each variation under its own key), as a previous release left it.
    await cache.setMany([[`motif:1:default:family:${pattern.patternId}`, old], ...old.variations.map((v) => [v.cacheKey, v] as const)]);
    const batch = await runtime.service.batchVariations({ cacheKeys: family.cacheKeys });
    expect(batch.variations.some(isOld)).toBe(false);
    expect(batch.variations).toEqual(family.variations);
    await cache.setMany([[`motif:1:default:family:${pattern.patternId}`, old]]);
    const served = await runtime.service.getFamily(pattern.patternId);
    expect(served.engineVersion).toBe(VARIATION_ENGINE_VERSION);
    expect(served.variations).toEqual(family.variations);

    // In the store only (cache cold), as a data directory of a previous release holds it.
    await store.saveFamily(old);
    await cache.delete([`motif:1:default:family:${pattern.patternId}`, ...family.cacheKeys]);
    await runtime.close();
    runtime = await createMotifContainer(config);
    expect((await runtime.service.randomVariation(pattern.patternId, { seed: 'r' })).operations).not.toContain('made by engine 1.0.0');
    const again = await runtime.service.getFamily(pattern.patternId);
    expect(again.variations).toEqual(family.variations);
    // A read never writes the store: the old family stays there until the next POST replaces it.
    expect((await runtime.container.get<PatternStore>(TOKENS.PatternStore).getFamily(config.namespace, pattern.patternId))?.engineVersion).toBe('1.0.0');
    await runtime.service.generateVariations(pattern.patternId, { structure: 3, parameter: 2, seed: 'old' });
    expect((await runtime.container.get<PatternStore>(TOKENS.PatternStore).getFamily(config.namespace, pattern.patternId))?.engineVersion).toBe(VARIATION_ENGINE_VERSION);
  });

  it('refuses variations of a negatively rated pattern unless forced', async () => {
    const { pattern } = await runtime.service.store({ ...statusCard, feedback: 'negative' });
    await expectMotifError(runtime.service.generateVariations(pattern.patternId, {}), 'PRECONDITION_FAILED');
    const forced = await runtime.service.generateVariations(pattern.patternId, { force: true, seed: 1 });
    expect(forced.variations.length).toBeGreaterThan(1);
  });

  it('keeps patterns across a restart', async () => {
    const { pattern } = await runtime.service.store(statusCard);
    await runtime.close();
    runtime = await createMotifContainer(config, { warm: true });
    expect(await runtime.service.get(pattern.patternId)).toEqual(pattern);
    expect((await runtime.service.search({ query: 'server status' })).results[0].pattern.patternId).toBe(pattern.patternId);
  });

  it('exports patterns that import back losslessly', async () => {
    await runtime.service.storeMany(examples);
    const { pattern } = await runtime.service.store(statusCard, 'default');
    // a tie on the form dimension (1 positive, then 1 negative): the latest vote decides the label
    await runtime.service.recordFeedback(pattern.patternId, { feedback: 'negative', dimension: 'form' });
    expect((await runtime.service.get(pattern.patternId)).formFeedback).toBe('negative');
    const exported = [];
    for await (const p of runtime.service.exportPatterns()) exported.push(JSON.parse(JSON.stringify(p)));
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
    const parsed = runtime.service.parseDsl({ dsl: 'Section[DecoratedText*3, ButtonList[Button x2]]' });
    expect(parsed.dsl).toBe('§[δ×3, Ƀ[ᵬ×2]]');
    expect(parsed.expanded).toBe('Section[DecoratedText×3, ButtonList[Button×2]]');
    const invalid = runtime.service.validateStructure({ componentPaths: ['Card', 'Section', 'Button'] });
    expect(invalid.validation.valid || invalid.repairs.length > 0).toBe(true);
    expect(runtime.service.catalog().id).toBe('google-chat-cards-v2');
  });

  it('binds every service through the one factory', () => {
    const bindings = describeBindings(runtime.container);
    for (const name of ['PatternService', 'PatternStore', 'FamilyCache', 'VariationEngine', 'StructureValidator', 'Embedder']) {
      expect(bindings.some((b) => b.startsWith(`${name} →`))).toBe(true);
    }
  });
});
