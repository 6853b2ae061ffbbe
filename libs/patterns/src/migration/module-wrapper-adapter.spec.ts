import type { PatternService } from '@motif/core-types';
import { parsingFrontDoor } from '../testing/parsing-front-door';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from '@motif/core-types';
import { createMotifContainer } from '../create-motif-container';
import type { MotifRuntime } from '../motif-runtime';
import { PATTERNS_TOKENS } from '../patterns-module';

/** What a front door does: parse with the route's schema, then call the service. */
const edge = (r: { service: PatternService }) => parsingFrontDoor(r.service);

describe('ModuleWrapperAdapter', () => {
  let dir: string;
  let runtime: MotifRuntime;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'motif-mw-'));
    runtime = await createMotifContainer(resolveConfig({ env: { MOTIF_EMBEDDER: 'hashing' }, flags: { dataDir: dir } }));
  });
  afterAll(async () => {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const adapt = (raw: unknown) => runtime.container.get(PATTERNS_TOKENS.ModuleWrapperAdapter).adapt(raw);

  it('falls back to the component paths when the DSL does not parse, and says so', async () => {
    const r = adapt({ card_description: 'Two rows', parent_paths: ['Section', 'DecoratedText'], instance_params: { dsl: '§[Σ×2]', items: ['a', 'b'] } });
    if (!r.ok) throw new Error('expected an input');
    expect(r.report.refused).toEqual([{ field: 'instance_params.dsl', reason: expect.stringMatching(/the component paths were used instead$/) }]);
    const [outcome] = await edge(runtime).storeMany([r.input]);
    expect(outcome.ok && outcome.result.pattern.dslNotation).toBe('§[δ×2]');
  });

  it('moves only keys that bind to no component into metadata', () => {
    const r = adapt({ card_description: 'x', parent_paths: ['Section', 'DecoratedText'], instance_params: { text: 'Up', card_id: 'c1', bottomLabel: 'b' } });
    if (!r.ok) throw new Error('expected an input');
    expect(r.input.instanceParams).toEqual({ text: 'Up', bottomLabel: 'b' });
    expect(r.input.metadata).toEqual({ moduleWrapper: { instance_params: { card_id: 'c1' } } });
  });

  it('hands the service an invalid structure as it is, so the line fails with the service\'s own error', async () => {
    const r = adapt({ card_description: 'x', parent_paths: ['ButtonList'], instance_params: {} });
    if (!r.ok) throw new Error('expected an input');
    const [outcome] = await edge(runtime).storeMany([r.input]);
    expect(!outcome.ok && outcome.error.code).toBe('INVALID_STRUCTURE');
  });
});
