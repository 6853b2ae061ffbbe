import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT } from '../exit-codes';
import { run } from '../run';
import { memoryIo } from '../testing/memory-io';

// Each test opens the real runtime several times (one per CLI command): give it room on a loaded machine.
jest.setTimeout(60_000);

const SHIPPED = join(__dirname, '..', '..', '..', '..', 'examples', 'module-wrapper-points.jsonl');
/** The collection also holds the component class points, and old points may lack a description. */
const REFUSED_LINES = [
  {"type": "class", "name": "DecoratedText", "full_path": "card_framework.v2.widgets.decorated_text.DecoratedText", "docstring": "A widget that displays text with optional decorations."},
  {"type": "instance_pattern", "parent_paths": ["Section", "DecoratedText"], "instance_params": {"text": "no description anywhere"}},
];

describe('motif import --from module-wrapper', () => {
  let dir: string;
  let POINTS: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'motif-cli-mw-'));
    POINTS = join(dir, 'points.jsonl');
    writeFileSync(POINTS, readFileSync(SHIPPED, 'utf8') + REFUSED_LINES.map((l) => JSON.stringify(l) + '\n').join(''));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const exec = async (argv: string[]) => {
    const io = memoryIo({ env: { MOTIF_DATA_DIR: dir, LOG_LEVEL: 'silent' } });
    return { code: await run(argv, io, {}), out: io.out(), err: io.err() };
  };

  it('stores every instance pattern of an exported collection and reports each line', async () => {
    const r = await exec(['import', '--from', 'module-wrapper', POINTS, '--json']);
    expect(r.code).toBe(EXIT.IMPORT_INCOMPLETE);
    const summary = JSON.parse(r.out);
    expect(summary).toMatchObject({ total: 6, created: 4, alreadyPresent: 0 });
    expect(summary.lines.map((l: { outcome: string }) => l.outcome)).toEqual(['created', 'created', 'created', 'created', 'failed', 'failed']);
    const [status, health, product, prompt, klass, nameless] = summary.lines;
    expect(status.mapped).toEqual(expect.arrayContaining(['card_description → description', 'parent_paths → componentPaths', 'count Button×2 (2 buttons)', 'timestamp → createdAt']));
    expect(status.metadata).toEqual(expect.arrayContaining(['id', 'card_id', 'instance_params.style_metadata']));
    expect(status.recomputed).toEqual(expect.arrayContaining(['vector', 'relationship_text', 'inputs_text']));
    expect(health.mapped).toContain('instance_params.dsl → dsl');
    expect(health.recomputed).toContain('parent_paths');
    expect(product.mapped).toContain('feedback → contentFeedback, formFeedback');
    expect(prompt.metadata).toEqual(expect.arrayContaining(['instance_params.prompt_text', 'instance_params.feedback_type']));
    expect(prompt.refused).toEqual([{ field: 'content_feedback', reason: '"maybe" is not "positive", "negative" or null' }]);
    expect(klass.refused[0].reason).toMatch(/not an instance pattern \(type "class"\)/);
    expect(nameless.refused[0].reason).toMatch(/no card_description or description/);

    const got = JSON.parse((await exec(['get', status.patternId, '--json'])).out);
    expect(got).toMatchObject({
      dslNotation: '§[δ, Ƀ[ᵬ×2]]',
      description: 'Server status dashboard',
      contentFeedback: 'positive',
      createdAt: '2026-01-31T09:12:44.512Z',
      tags: ['module-wrapper', 'pattern-type:content'],
      metadata: { moduleWrapper: { pointId: '6f1c2a9e-4b1d-4c8e-9a51-0d7f3e2b1a01', cardId: 'status-api-gateway', user_email: 'ops@example.com' } },
    });
    expect(got.metadata.moduleWrapper.style_metadata.jinja_filters).toEqual(['success_text', 'bold']);
    const rendered = JSON.parse((await exec(['render', status.patternId])).out);
    const widgets = rendered.cardsV2[0].card.sections[0].widgets;
    expect(widgets[1].buttonList.buttons.map((b: { text: string }) => b.text)).toEqual(['Refresh', 'Details']);
    expect(JSON.parse((await exec(['get', health.patternId, '--json'])).out).createdAt).toBe('2026-02-03T16:40:00.000Z');
    const fb = JSON.parse((await exec(['get', prompt.patternId, '--json'])).out);
    expect(fb.metadata.moduleWrapper.instance_params).toMatchObject({ feedback_type: 'content', keyword: 'helpful' });
    expect(fb.tags).toContain('pattern-type:feedback_ui');
  });

  it('is idempotent: a second run finds every pattern already present', async () => {
    await exec(['import', '--from', 'module-wrapper', POINTS]);
    const again = await exec(['import', '--from', 'module-wrapper', POINTS]);
    expect(again.out).toMatch(/0 created, 4 already present, 2 failed/);
    expect(again.out).toMatch(/line 1: already present p_/);
    expect(again.out).toMatch(/refused: \(line\): not an instance pattern/);
  });

  it('imports the shipped example with exit 0', async () => {
    const r = await exec(['import', '--from', 'module-wrapper', SHIPPED]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/4 created, 0 already present, 0 failed/);
  });

  it('refuses an unknown format as a usage error', async () => {
    const r = await exec(['import', '--from', 'csv', POINTS]);
    expect(r.code).toBe(EXIT.USAGE);
    expect(r.err).toMatch(/--from.*csv.*motif, module-wrapper/s);
  });
});
