import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectExamples, shellWords, splitPipeline, type DocumentedExample } from './testing/documented-examples';
import { memoryIo } from './testing/memory-io';
import { run } from './run';

/**
 * Every `motif …` example in `--help` (every command) and in the READMEs runs through the real CLI, on the real
 * catalog and the embedded store, and is not refused. Placeholder ids (`p_3f2a…`, `p_…`) stand for patterns the
 * spec stores first; an example documented to fail (`|| echo invalid`, "exit code 2") must fail that way.
 */
jest.setTimeout(240_000);

const ROOT = join(__dirname, '..', '..', '..');
/** Every README (root, apps, libs, tools) and every page under docs/: a new one is picked up without editing this list. */
const READMES = [
  'README.md',
  ...['apps', 'libs', 'tools'].flatMap((dir) =>
    readdirSync(join(ROOT, dir)).map((project) => `${dir}/${project}/README.md`).filter((f) => existsSync(join(ROOT, f))),
  ),
  ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`),
];
/** Examples that cannot run here, each with the reason. Everything else runs. */
const NOT_RUN: ReadonlyArray<[RegExp, string]> = [
  [/^motif( --data-dir \S+| --namespace \S+)* (serve|mcp)\b/, 'a long-running server (serve/mcp are covered by cli.e2e and mcp-stdio specs)'],
  [/<[^>]+>/, 'a placeholder in angle brackets, not a command line'],
];
/** Examples that reach for a server no machine here can run: they may fail only with BACKEND_UNAVAILABLE (exit 7). */
const NEEDS_QDRANT = /--qdrant-url|--to qdrant/;

const work = mkdtempSync(join(tmpdir(), 'motif-examples-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function cli(argv: string[], stdin?: string): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo({ stdin, cwd: work, env: { MOTIF_DATA_DIR: join(work, 'store'), NO_COLOR: '1' } });
  const code = await run(argv, io);
  return { code, out: io.out(), err: io.err() };
}

/** Stores the two patterns placeholder ids stand for (again after a `delete` example: storing is idempotent). */
async function storeFixtures(): Promise<string[]> {
  const ids: string[] = [];
  for (const [flag, file] of [['--file', 'pattern.json'], ['--card', 'examples/cards/parking-permit.json']]) {
    const stored = await cli(['store', flag, file, '--json']);
    expect(stored.code).toBe(0);
    ids.push((JSON.parse(stored.out) as { pattern: { patternId: string } }).pattern.patternId);
  }
  return ids;
}

describe('documented examples', () => {
  let examples: DocumentedExample[] = [];
  const ids: string[] = [];

  beforeAll(async () => {
    symlinkSync(join(ROOT, 'examples'), join(work, 'examples'));
    copyFileSync(join(ROOT, 'examples', 'status-card.json'), join(work, 'pattern.json'));
    const lines = readFileSync(join(ROOT, 'examples', 'example-patterns.jsonl'), 'utf8').split('\n').filter((l) => l.trim() !== '');
    writeFileSync(join(work, 'patterns.jsonl'), lines.slice(0, 3).join('\n') + '\n');
    copyFileSync(join(ROOT, 'examples', 'module-wrapper-points.jsonl'), join(work, 'points.jsonl'));
    writeFileSync(join(work, 'patterns.json'), JSON.stringify(lines.slice(3, 5).map((l) => JSON.parse(l))));
    ids.push(...(await storeFixtures()));
    const help = async (path: string[]) => (await cli([...path, '--help'])).out;
    examples = await collectExamples(help, READMES.map((f) => ({ file: f, text: readFileSync(join(ROOT, f), 'utf8') })));
  });

  it('finds the examples of every command and README', () => {
    const sources = new Set(examples.map((e) => e.source.split(' ')[0]));
    expect([...sources]).toEqual(expect.arrayContaining(['motif', 'README.md', 'apps/cli/README.md', 'apps/api/README.md', 'docs/migrating-from-module-wrapper.md']));
    expect(examples.filter((e) => e.source.startsWith('motif ')).length).toBeGreaterThan(40);
    expect(examples.some((e) => /dsl parse/.test(e.line))).toBe(true);
  });

  it('runs each one through the real CLI: none is refused', async () => {
    const failures: string[] = [];
    let ran = 0;
    for (const example of examples) {
      if (NOT_RUN.some(([re]) => re.test(example.line))) continue;
      // Placeholder ids: a real id stands in, the first for the first placeholder, the second for the next.
      const placeholders = new Map<string, string>();
      const line = example.line.replace(/p_(?:[0-9a-f]{24}|[a-z]*…)/g, (m) => {
        if (!placeholders.has(m)) placeholders.set(m, ids[placeholders.size % ids.length]);
        return placeholders.get(m)!;
      }).replaceAll('/tmp/copy', join(work, 'copy'));
      let stdin: string | undefined;
      for (const step of splitPipeline(line)) {
        const words = shellWords(step.command);
        if (words[0] !== 'motif') {
          stdin = undefined;
          continue;
        }
        const r = await cli(words.slice(1), step.pipedIn ? stdin : undefined);
        ran++;
        stdin = r.out;
        const expectedExit = step.mayFail ? undefined : (example.exitCode ?? 0);
        const ok = expectedExit === undefined ? r.code !== 64 : r.code === expectedExit || (NEEDS_QDRANT.test(step.command) && r.code === 7);
        if (words[1] === 'delete') await storeFixtures();
        if (!ok) failures.push(`${example.source}: \`${example.line}\` exited ${r.code}${expectedExit !== undefined ? ` (expected ${expectedExit})` : ''}: ${r.err.trim().split('\n')[0]}`);
      }
    }
    expect(failures).toEqual([]);
    expect(ran).toBeGreaterThan(50);
  });
});
