import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MotifError, resolveConfig } from '@motif/core-types';
import { createMotifContainer, type MotifRuntime } from '@motif/patterns';
import { exampleCardInputs, storeExampleCards } from './example-cards';

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples', 'cards');
const cardsIn = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.json'))
  .reduce((n, f) => n + (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { cardsV2: unknown[] }).cardsV2.length, 0);

describe('example cards for npm start', () => {
  let dir: string;
  let runtime: MotifRuntime;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'motif-examples-'));
    runtime = await createMotifContainer(resolveConfig({ env: {}, flags: { dataDir: dir } }));
  });
  afterEach(async () => {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores every example card into an empty store, each described by its header, and each renders back', async () => {
    const expected = cardsIn(EXAMPLES);
    expect(expected).toBeGreaterThanOrEqual(12);
    await expect(storeExampleCards(runtime.service, EXAMPLES)).resolves.toEqual({ stored: expected });
    const page = await runtime.service.list({ limit: 100 });
    expect(page.items).toHaveLength(expected);
    const parking = page.items.find((p) => p.metadata.example === 'parking-permit.json');
    expect(parking?.description).toMatch(/^Parking permit/);
    const rendered = await runtime.service.renderCard({ patternId: parking!.patternId });
    expect(rendered.cardsV2).toHaveLength(1);
  });

  it('leaves a store that holds anything as it is', async () => {
    const [first] = exampleCardInputs(EXAMPLES);
    await runtime.service.store(first);
    await expect(storeExampleCards(runtime.service, EXAMPLES)).resolves.toEqual({ stored: 0, skipped: 'store-not-empty' });
    expect((await runtime.service.list({ limit: 100 })).items).toHaveLength(1);
  });

  it('names the file that is not a card message', () => {
    const bad = mkdtempSync(join(tmpdir(), 'motif-examples-bad-'));
    try {
      writeFileSync(join(bad, 'not-a-message.json'), JSON.stringify({ card: { sections: [] } }));
      expect(() => exampleCardInputs(bad)).toThrow(MotifError);
      expect(() => exampleCardInputs(bad)).toThrow(/not-a-message\.json: expected a message \{"cardsV2"/);
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });

  it('describes a card by its header, else by its cardId', () => {
    const byFile = new Map(exampleCardInputs(EXAMPLES).map((i) => [i.metadata.example, i.description]));
    expect(byFile.get('plan-comparison.json')).toBe('Plan comparison');
    expect(byFile.get('recipe-of-the-day.json')).toBe('Recipe of the day — Shakshuka, 25 minutes');
  });
});
