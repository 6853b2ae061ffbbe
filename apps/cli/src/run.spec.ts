import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MotifConfig } from '@motif/core-types';
import { InMemoryPatternService } from '@motif/patterns/testing';
import type { CliRuntime, RuntimeOptions } from './command-env';
import { EXIT } from './exit-codes';
import { humanError, run } from './run';
import { memoryIo, type MemoryIo } from './testing/memory-io';

/** Runs the CLI in-process against a fake service; records the config each runtime was built with. */
function harness(service = new InMemoryPatternService()) {
  const configs: MotifConfig[] = [];
  const options: RuntimeOptions[] = [];
  let closed = 0;
  const deps = {
    createRuntime: async (config: MotifConfig, opened: RuntimeOptions = {}): Promise<CliRuntime> => {
      configs.push(config);
      options.push(opened);
      return { config, service, close: async () => void closed++ };
    },
  };
  const exec = async (argv: string[], io: MemoryIo = memoryIo()) => ({ code: await run(argv, io, deps), out: io.out(), err: io.err(), io });
  return { service, configs, options, exec, closed: () => closed };
}

const PATTERN = { description: 'Status card with a button', dsl: '§[δ, Ƀ[ᵬ]]', instanceParams: { text: 'ok' } };

describe('help and usage', () => {
  it('prints help with examples and exits 0', async () => {
    const h = harness();
    const r = await h.exec(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Usage: motif/);
    expect(r.out).toMatch(/Examples:/);
    expect(r.out).toMatch(/Exit codes:/);
    expect(h.configs).toHaveLength(0);
  });

  it.each(['store', 'get', 'list', 'delete', 'search', 'recommend', 'feedback', 'vary', 'variation', 'import', 'export', 'stats', 'dsl', 'dsl parse', 'dsl format', 'dsl validate', 'catalog', 'catalog show', 'catalog graph', 'serve', 'migrate'])(
    'motif %s --help has examples',
    async (cmd) => {
      const r = await harness().exec([...cmd.split(' '), '--help']);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/Examples:\n\s+\$ motif /);
    },
  );

  it('exits 64 on unknown commands, unknown options, missing or malformed arguments', async () => {
    const h = harness();
    for (const argv of [['frobnicate'], ['list', '--bogus'], ['get'], ['list', '--limit', 'ten'], ['list', '--limit', '0'], ['search', 'x', '--mode', 'psychic'], ['feedback', 'p_1', 'meh'], ['store']]) {
      const r = await h.exec(argv);
      expect({ argv, code: r.code }).toEqual({ argv, code: EXIT.USAGE });
      expect(r.out).toBe('');
      expect(r.err).not.toBe('');
    }
  });

  it('with --json a usage error is a JSON problem on stderr', async () => {
    const r = await harness().exec(['list', '--limit', 'x', '--json']);
    expect(r.code).toBe(64);
    expect(JSON.parse(r.err)).toMatchObject({ code: 'USAGE', exitCode: 64, detail: expect.stringMatching(/--limit/) });
  });
});

describe('error messages', () => {
  const base = { type: 't', title: 'x', exitCode: 2 };
  it('puts each field error on its own line instead of repeating them in the headline', () => {
    const text = humanError({ ...base, code: 'VALIDATION_FAILED', detail: 'invalid pattern: /description: empty; /tags/0: too long', errors: [{ path: '/description', message: 'empty' }, { path: '/tags/0', message: 'too long' }] });
    expect(text).toBe('motif: error: invalid pattern\n  /description: empty\n  /tags/0: too long\n');
  });

  it('says a DSL error once: its headline already holds the field and offset', () => {
    const text = humanError({ ...base, code: 'DSL_SYNTAX', detail: "/dsl: unknown symbol 'Σ' at offset 2: expected a component symbol or name", errors: [{ path: '/dsl', message: "unknown symbol 'Σ' at offset 2: expected a component symbol or name (offset 2, expected a component symbol or name)" }] });
    expect(text).toBe("motif: error: /dsl: unknown symbol 'Σ' at offset 2: expected a component symbol or name\n");
  });

  it('gives usage errors the same motif: error: prefix as every other error', async () => {
    const r = await harness().exec(['list', '--bogus']);
    expect(r.err).toMatch(/^motif: error: unknown option '--bogus'/);
  });

  it('lists structure issues (with fixes) once', () => {
    const issue = { code: 'NEEDS_WRAPPER', path: 'Section > widgets[0] Button', message: 'Button cannot sit in Section', fix: 'wrap Button in ButtonList' };
    const text = humanError({ ...base, code: 'INVALID_STRUCTURE', detail: `invalid structure: ${issue.path}: ${issue.message}`, errors: [{ path: '/dsl', message: `${issue.path}: ${issue.message}` }], issues: [issue] });
    expect(text).toBe('motif: error: invalid structure\n  NEEDS_WRAPPER at Section > widgets[0] Button: Button cannot sit in Section (fix: wrap Button in ButtonList)\n');
  });
});

describe('global options and configuration', () => {
  it('flags beat env, env beats the config file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motif-cli-'));
    const file = join(dir, 'motif.json');
    writeFileSync(file, JSON.stringify({ namespace: 'from-file', catalog: 'file-catalog', dataDir: join(dir, 'file-data') }));
    const h = harness();
    await h.exec(['stats', '--config', file, '--namespace', 'from-flag'], memoryIo({ env: { MOTIF_NAMESPACE: 'from-env', MOTIF_CATALOG: 'env-catalog' } }));
    expect(h.configs[0]).toMatchObject({ namespace: 'from-flag', catalog: 'env-catalog', dataDir: join(dir, 'file-data') });
    await h.exec(['stats', '--data-dir', join(dir, 'flag-data'), '--redis-url', 'redis://127.0.0.1:6390'], memoryIo({ env: { MOTIF_CONFIG: file } }));
    expect(h.configs[1]).toMatchObject({ namespace: 'from-file', dataDir: join(dir, 'flag-data'), redis: { url: 'redis://127.0.0.1:6390' } });
  });

  it('exits 8 with a readable message on an invalid configuration', async () => {
    const r = await harness().exec(['stats', '--redis-url', 'http://nope']);
    expect(r.code).toBe(8);
    expect(r.err).toMatch(/redis/);
  });

  it('closes the runtime after every command, also after a failure', async () => {
    const h = harness();
    await h.exec(['stats']);
    await h.exec(['get', 'p_missing']);
    expect(h.closed()).toBe(2);
  });
});

describe('pattern commands', () => {
  it('store from a file, from stdin and inline; --json prints exactly the StoreResult', async () => {
    const h = harness();
    const dir = mkdtempSync(join(tmpdir(), 'motif-cli-'));
    const file = join(dir, 'p.json');
    writeFileSync(file, JSON.stringify(PATTERN));
    const fromFile = await h.exec(['store', '--file', file]);
    expect(fromFile.code).toBe(0);
    expect(fromFile.out).toMatch(/^Created p_[0-9a-f]+\n/);
    expect(fromFile.out).toMatch(/description\s+Status card with a button/);
    const fromStdin = await h.exec(['store', '-f', '-', '--json'], memoryIo({ stdin: JSON.stringify(PATTERN) }));
    const parsed = JSON.parse(fromStdin.out);
    expect(parsed).toMatchObject({ created: false, pattern: { description: PATTERN.description } });
    const inline = await h.exec(['store', '--dsl', '§[δ]', '--description', 'Inline', '--params', '{"text":"hi"}', '--tags', 'a,b', '--json']);
    expect(JSON.parse(inline.out).pattern).toMatchObject({ instanceParams: { text: 'hi' }, tags: ['a', 'b'] });
  });

  it('store reports invalid input with field paths and exit 2; an invalid structure with its issues', async () => {
    const h = harness();
    const bad = await h.exec(['store', '--file', '-'], memoryIo({ stdin: JSON.stringify({ description: '', componentPaths: ['Card', 7] }) }));
    expect(bad.code).toBe(2);
    expect(bad.out).toBe('');
    expect(bad.err).toMatch(/\/componentPaths\/1/);
    const badJson = await h.exec(['store', '--dsl', '§', '--description', 'x', '--params', '{oops'], memoryIo());
    expect(badJson.code).toBe(2);
    expect(badJson.err).toMatch(/--params is not valid JSON/);
    const invalid = await h.exec(['store', '--dsl', '§[!]', '--description', 'x', '--json']);
    expect(invalid.code).toBe(2);
    expect(invalid.out).toBe('');
    expect(JSON.parse(invalid.err)).toMatchObject({ code: 'INVALID_STRUCTURE', exitCode: 2, issues: [{ code: 'UNKNOWN_COMPONENT' }] });
  });

  it('get, list (aligned table, cursor hint), feedback, delete, and 3 for not found', async () => {
    const h = harness();
    const ids: string[] = [];
    for (const d of ['Alpha card', 'Beta card', 'Gamma card']) ids.push(JSON.parse((await h.exec(['store', '--dsl', '§[δ]', '--description', d, '--json'])).out).pattern.patternId);
    expect((await h.exec(['get', ids[0]])).out).toMatch(/Alpha card/);
    const list = await h.exec(['list', '--limit', '2']);
    const lines = list.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+FEEDBACK\s+DSL\s+DESCRIPTION$/);
    // Columns line up: every row's DSL starts where the header's DSL does.
    const col = lines[0].indexOf('DSL');
    expect(lines[1].slice(col, col + 4)).toBe('§[δ]');
    expect(lines[3]).toBe('next page: add --cursor 2');
    const page2 = JSON.parse((await h.exec(['list', '--limit', '2', '--cursor', '2', '--json'])).out);
    expect(page2).toEqual({ items: [expect.objectContaining({ description: 'Gamma card' })], nextCursor: null });
    const fb = await h.exec(['feedback', ids[1], 'negative', '--dimension', 'form']);
    expect(fb.out).toMatch(/Recorded negative \(form\)/);
    expect(JSON.parse((await h.exec(['list', '--feedback', 'negative', '--json'])).out).items).toHaveLength(1);
    expect((await h.exec(['delete', ids[2], '--json'])).out).toBe(JSON.stringify({ deleted: ids[2] }, null, 2) + '\n');
    const gone = await h.exec(['get', ids[2]]);
    expect(gone.code).toBe(3);
    expect(gone.err).toMatch(/^motif: error: pattern '.*' was not found/);
  });
});

describe('search, recommend, variations', () => {
  it('search prints ranked rows; recommend takes comma lists', async () => {
    const h = harness();
    const a = JSON.parse((await h.exec(['store', '--dsl', '§[δ]', '--description', 'Status card', '--json'])).out).pattern.patternId;
    await h.exec(['store', '--dsl', '§[δ]', '--description', 'Status panel with status', '--json']);
    const s = await h.exec(['search', 'status card', '--limit', '5']);
    expect(s.code).toBe(0);
    expect(s.out.split('\n')[0]).toMatch(/^#\s+SCORE\s+ID/);
    expect(s.out).toMatch(/2 result\(s\)/);
    const js = JSON.parse((await h.exec(['search', 'status', '--json', '--feedback', 'positive,unrated'])).out);
    expect(js.results).toHaveLength(2);
    expect((await h.exec(['search'])).code).toBe(64);
    const rec = JSON.parse((await h.exec(['recommend', '--positive', a, '--json'])).out);
    expect(rec.results).toHaveLength(1);
  });

  it('a search that embeds its text opens a warm runtime (model loading beside the store open); other searches and commands do not', async () => {
    const h = harness();
    const id = JSON.parse((await h.exec(['store', '--dsl', '§[δ]', '--description', 'Status card', '--json'])).out).pattern.patternId;
    for (const argv of [['search', 'status'], ['search', 'status', '--mode', 'semantic']]) {
      expect((await h.exec(argv)).code).toBe(0);
      expect({ argv, warm: h.options.at(-1)?.warm === true }).toEqual({ argv, warm: true });
      // …without waiting for the model: the search's BM25 half runs while it finishes the query's vector.
      expect(h.options.at(-1)?.awaitModel).toBe(false);
    }
    for (const argv of [['search', 'status', '--mode', 'lexical'], ['search', '--dsl', '§[δ]', '--mode', 'structure'], ['search', '  ', '--dsl', '§[δ]'], ['recommend', '--positive', id], ['get', id], ['list']]) {
      expect((await h.exec(argv)).code).toBe(0);
      expect({ argv, warm: h.options.at(-1)?.warm === true }).toEqual({ argv, warm: false });
    }
  });

  it('vary prints the family, variation picks one; refuses negative feedback without --force (exit 4)', async () => {
    const h = harness();
    const id = JSON.parse((await h.exec(['store', '--dsl', '§[δ]', '--description', 'Card', '--feedback', 'negative', '--json'])).out).pattern.patternId;
    const refused = await h.exec(['vary', id]);
    expect(refused.code).toBe(4);
    const family = await h.exec(['vary', id, '-s', '2', '-p', '1', '--seed', 'demo', '--force']);
    expect(family.code).toBe(0);
    expect(family.out).toMatch(/Family of .*: 4 variations \(seed demo/);
    expect(family.out).toMatch(/diversity:/);
    const v = JSON.parse((await h.exec(['variation', id, '--type', 'structure', '--seed', '1', '--json'])).out);
    expect(v.variationType).toBe('structure');
  });
});

describe('dsl and catalog', () => {
  it('dsl parse / format / validate (exit 2 when invalid)', async () => {
    const h = harness();
    expect((await h.exec(['dsl', 'parse', '§[δ]'])).out).toMatch(/expanded\s+Card/);
    expect((await h.exec(['dsl', 'format', '--expanded', '§[δ]'])).out).toBe('Card\n');
    expect((await h.exec(['dsl', 'validate', '§[δ]'])).code).toBe(0);
    const invalid = await h.exec(['dsl', 'validate', '§[!]']);
    expect(invalid.code).toBe(2);
    expect(invalid.out).toMatch(/invalid/);
    expect(invalid.out).toMatch(/UNKNOWN_COMPONENT/);
    const syntax = await h.exec(['dsl', 'parse', '§((', '--json']);
    expect(syntax.code).toBe(2);
    expect(JSON.parse(syntax.err).code).toBe('DSL_SYNTAX');
  });

  it('catalog show lists and details components; graph renders dot, mermaid and text', async () => {
    const h = harness();
    expect((await h.exec(['catalog', 'show'])).out).toMatch(/SYMBOL\s+COMPONENT\s+CHILDREN/);
    expect((await h.exec(['catalog', 'show', 'Ƀ'])).out).toMatch(/component\s+ButtonList/);
    expect((await h.exec(['catalog', 'show', 'Nope'])).code).toBe(3);
    expect((await h.exec(['catalog', 'graph', '--format', 'dot'])).out).toContain('"Card" -> "Section";');
    expect((await h.exec(['catalog', 'graph', '--format', 'mermaid'])).out).toContain('Section[Section] --> ButtonList[ButtonList]');
    expect((await h.exec(['catalog', 'graph'])).out).toBe('Card\n└─ Section\n   ├─ DecoratedText\n   └─ ButtonList\n      └─ Button\n');
    expect((await h.exec(['catalog', 'graph', '--format', 'svg'])).code).toBe(64);
  });
});

describe('output conventions', () => {
  it('--json prints exactly one JSON document and nothing else, for every read command', async () => {
    const h = harness();
    const id = JSON.parse((await h.exec(['store', '--dsl', '§[δ]', '--description', 'Card', '--json'])).out).pattern.patternId;
    for (const argv of [['get', id], ['list'], ['search', 'card'], ['stats'], ['catalog', 'show'], ['catalog', 'graph'], ['dsl', 'parse', '§[δ]'], ['vary', id]]) {
      const r = await h.exec([...argv, '--json']);
      expect(() => JSON.parse(r.out)).not.toThrow();
      expect(r.err).toBe('');
    }
  });

  it('colours only on a TTY and never with --no-color or NO_COLOR', async () => {
    const h = harness();
    await h.exec(['store', '--dsl', '§[δ]', '--description', 'Card']);
    const esc = /\x1b\[/;
    expect((await h.exec(['list'])).out).not.toMatch(esc);
    expect((await h.exec(['list'], memoryIo({ tty: true }))).out).toMatch(esc);
    expect((await h.exec(['list', '--no-color'], memoryIo({ tty: true }))).out).not.toMatch(esc);
    expect((await h.exec(['list'], memoryIo({ tty: true, env: { NO_COLOR: '1' } }))).out).not.toMatch(esc);
  });

  it('unexpected errors exit 1 without a stack trace', async () => {
    const service = new InMemoryPatternService();
    service.stats = async () => {
      throw new TypeError('boom');
    };
    const r = await harness(service).exec(['stats']);
    expect(r.code).toBe(1);
    expect(r.err).toBe('motif: error: boom\n');
  });
});

describe('import and export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'motif-cli-import-'));

  it('imports JSONL, summarising created / already present / failed with line numbers; exit 9', async () => {
    const h = harness();
    const file = join(dir, 'mixed.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ ...PATTERN, description: 'one' }),
        '',
        '{"description": "broken", ',
        JSON.stringify({ ...PATTERN, description: 'two' }),
        JSON.stringify({ ...PATTERN, description: 'one' }),
        JSON.stringify({ dsl: '§[δ]' }),
        JSON.stringify({ ...PATTERN, description: 'three' }),
      ].join('\n') + '\n',
    );
    const r = await h.exec(['import', file, '--batch-size', '2']);
    expect(r.code).toBe(EXIT.IMPORT_INCOMPLETE);
    expect(r.out).toMatch(/^Imported 6 records from .*mixed\.jsonl: 3 created, 1 already present, 2 failed\n/);
    expect(r.out).toMatch(/ {2}line 3: VALIDATION_FAILED: invalid JSON/);
    expect(r.out).toMatch(/ {2}line 6: VALIDATION_FAILED: \/description: /);
    expect([...h.service.patterns.values()].map((p) => p.description).sort()).toEqual(['one', 'three', 'two']);
  });

  it('imports a JSON array from stdin with line numbers of each element; --json summary', async () => {
    const h = harness();
    const text = `[\n  ${JSON.stringify({ ...PATTERN, description: 'a' })},\n  {"description": 5, "dsl": "§"},\n  ${JSON.stringify({ ...PATTERN, description: 'b' })}\n]\n`;
    const r = await h.exec(['import', '-', '--json'], memoryIo({ stdin: text }));
    expect(r.code).toBe(9);
    expect(JSON.parse(r.out)).toEqual({ total: 3, created: 2, alreadyPresent: 0, failed: [{ line: 3, code: 'VALIDATION_FAILED', reason: expect.stringMatching(/^\/description: /) }] });
  });

  it('exits 0 when every record imports; export writes JSONL that import reads back', async () => {
    const h = harness();
    for (const d of ['x', 'y']) await h.exec(['store', '--dsl', '§[δ]', '--description', d]);
    const exported = await h.exec(['export']);
    expect(exported.code).toBe(0);
    const lines = exported.out.trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l).description)).toEqual(['x', 'y']);
    const out = join(dir, 'export.jsonl');
    const toFile = await h.exec(['export', '--output', out, '--json']);
    expect(JSON.parse(toFile.out)).toEqual({ exported: 2, output: out });
    expect(readFileSync(out, 'utf8')).toBe(exported.out);
    const copy = harness();
    const imported = await copy.exec(['import', out]);
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(/2 created, 0 already present, 0 failed/);
    expect([...copy.service.patterns.values()]).toEqual([...h.service.patterns.values()]);
  });

  it('tells a person at a terminal that it waits for stdin; stays quiet when stdin is piped', async () => {
    const h = harness();
    const typed = await h.exec(['import'], memoryIo({ stdin: '', stdinTty: true }));
    expect(typed.err).toBe('reading from stdin (end with Ctrl-D)…\n');
    const piped = await h.exec(['store', '-f', '-'], memoryIo({ stdin: JSON.stringify(PATTERN) }));
    expect(piped.err).toBe('');
  });

  it('a missing file is exit 2', async () => {
    expect((await harness().exec(['import', join(dir, 'nope.jsonl')])).code).toBe(2);
  });
});
