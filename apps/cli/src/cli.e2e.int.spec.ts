import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createMotifContainer, describeBindings } from '@motif/patterns';
import { resolveConfig } from '@motif/core-types';
import { openRuntime } from './command-env';
import { run } from './run';
import { memoryIo } from './testing/memory-io';

/**
 * End to end: the real container factory behind the CLI (in-process through `run`), then the built
 * binary as a child process, including a round trip with the API started by `motif serve`.
 */
jest.setTimeout(240_000);

const ROOT = join(__dirname, '..', '..', '..');
const BIN = join(ROOT, 'apps', 'cli', 'bin', 'motif.js');
const exec = promisify(execFile);
const PATTERNS = [
  { description: 'Server status card with a green online label and refresh/details buttons', dsl: '§[δ, Ƀ[ᵬ×2]]', instanceParams: { text: 'Online', buttons: [{ text: 'Refresh', url: 'https://status.example.com/refresh' }, { text: 'Details', url: 'https://status.example.com/d' }] }, feedback: 'positive', tags: ['ops'] },
  { description: 'Product card showing price $49.99 with a Buy button', componentPaths: ['Section', 'DecoratedText', 'ButtonList', 'Button'], instanceParams: { text: '$49.99', buttons: [{ text: 'Buy', url: 'https://shop.example.com/item/42' }] }, metadata: { team: 'shop' } },
  { description: 'Dashboard of system health metrics: CPU, memory and disk usage', dsl: '§[δ×3, Ƀ[ᵬ]]', instanceParams: { items: [{ text: 'CPU: 45%' }, { text: 'Memory: 67%' }, { text: 'Disk: 81%' }], buttons: [{ text: 'View dashboard', url: 'https://grafana.example.com/d/health' }] } },
];

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'motif-cli-e2e-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const cli = async (argv: string[], stdin?: string) => {
  const io = memoryIo({ stdin, cwd: tmpdir() });
  const code = await run(argv, io);
  return { code, out: io.out(), err: io.err() };
};

describe('CLI in-process with the real runtime', () => {
  it('store, get, list, search, vary, variation, feedback, stats, dsl, catalog on a temp data dir', async () => {
    const d = tmp();
    const stored = await cli(['--data-dir', d, 'store', '--file', '-', '--json'], JSON.stringify(PATTERNS[0]));
    expect(stored).toMatchObject({ code: 0, err: '' });
    const id = JSON.parse(stored.out).pattern.patternId as string;
    expect((await cli(['--data-dir', d, 'get', id])).out).toMatch(new RegExp(`id\\s+${id}`));
    expect((await cli(['--data-dir', d, 'list'])).out).toContain(id);
    const found = JSON.parse((await cli(['--data-dir', d, 'search', 'server status', '--json'])).out);
    expect(found.results[0].pattern.patternId).toBe(id);
    const explained = await cli(['--data-dir', d, 'search', 'server status', '--explain']);
    expect(explained.out).toMatch(/^#\s+SCORE\s+ID\s+FEEDBACK\s+DSL\s+DESCRIPTION\n1\s+\d\.\d{3}\s+p_/);
    expect(explained.out).toMatch(/\nwhy\n1 {2}\S.* rel \d\.\d{2} prior \d\.\d{2}\n/);
    const family = await cli(['--data-dir', d, 'vary', id, '-s', '2', '-p', '1', '--seed', 'e2e']);
    expect(family.code).toBe(0);
    expect(family.out).toMatch(/Family of p_/);
    const v = JSON.parse((await cli(['--data-dir', d, 'variation', id, '--seed', '3', '--json'])).out);
    expect(v.parentId).toBe(id);
    expect((await cli(['--data-dir', d, 'feedback', id, 'negative', '--json'])).code).toBe(0);
    expect((await cli(['--data-dir', d, 'vary', id])).code).toBe(4);
    expect(JSON.parse((await cli(['--data-dir', d, 'stats', '--json'])).out).store.patterns).toBe(1);
    expect((await cli(['--data-dir', d, 'dsl', 'format', '--expanded', '§[δ]'])).out).toMatch(/DecoratedText/);
    expect((await cli(['--data-dir', d, 'catalog', 'graph', '--format', 'dot'])).out).toMatch(/^digraph/);
    expect((await cli(['--data-dir', d, 'get', 'p_000000000000000000000000'])).code).toBe(3);
  });

  it('export → import into a fresh data dir is lossless; a bad line is reported and the rest land', async () => {
    const a = tmp();
    const b = tmp();
    const source = join(a, 'in.jsonl');
    writeFileSync(source, [JSON.stringify(PATTERNS[0]), 'not json', JSON.stringify(PATTERNS[1]), JSON.stringify(PATTERNS[2])].join('\n') + '\n');
    const imported = await cli(['--data-dir', a, 'import', source]);
    expect(imported.code).toBe(9);
    expect(imported.out).toMatch(/Imported 4 records from .*: 3 created, 0 already present, 1 failed/);
    expect(imported.out).toMatch(/line 2: VALIDATION_FAILED: invalid JSON/);
    // Votes change counts and labels; both must survive the trip. (No ties: a tie is broken by
    // the latest vote, which an export does not carry — reported to libs/patterns.)
    const first = JSON.parse((await cli(['--data-dir', a, 'list', '--json'])).out).items[0].patternId;
    for (let i = 0; i < 3; i++) await cli(['--data-dir', a, 'feedback', first, 'negative', '--dimension', 'form']);
    const exported = await cli(['--data-dir', a, 'export']);
    expect(exported.out.trimEnd().split('\n')).toHaveLength(3);
    const file = join(b, 'copy.jsonl');
    writeFileSync(file, exported.out);
    const back = await cli(['--data-dir', b, 'import', file, '--json']);
    expect(back.code).toBe(0);
    expect(JSON.parse(back.out)).toEqual({ total: 3, created: 3, alreadyPresent: 0, failed: [] });
    const reexported = await cli(['--data-dir', b, 'export']);
    const sort = (text: string) => text.trimEnd().split('\n').map((l) => JSON.parse(l)).sort((x, y) => (x.patternId < y.patternId ? -1 : 1));
    expect(sort(reexported.out)).toEqual(sort(exported.out));
    expect((await cli(['--data-dir', b, 'import', file])).out).toMatch(/0 created, 3 already present, 0 failed/);
  });

  it('resolves the same bindings as createMotifContainer for the same config', async () => {
    const d = tmp();
    const direct = await createMotifContainer(resolveConfig({ env: { MOTIF_DATA_DIR: d, MOTIF_EMBEDDER: 'hashing' } }));
    const expected = describeBindings(direct.container);
    await direct.close();
    const runtime = await openRuntime({ dataDir: d, json: false, color: true }, {});
    const actual = describeBindings(runtime.container as typeof direct.container);
    await runtime.close();
    expect(actual).toEqual(expected);
  });
});

describe('the built binary as a child process', () => {
  beforeAll(() => {
    // Incremental: a no-op when `npm test`'s type-check already built everything.
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', join(ROOT, 'apps', 'cli'), join(ROOT, 'apps', 'api')], { cwd: ROOT, stdio: 'pipe' });
  });

  const motif = async (args: string[], options: { input?: string } = {}) => {
    try {
      const child = exec(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent', MOTIF_EMBEDDER: 'hashing' } });
      if (options.input !== undefined) {
        child.child.stdin?.end(options.input);
      }
      const { stdout, stderr } = await child;
      return { code: 0, stdout, stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  };

  it('--help, --version, usage errors and --json errors behave as documented', async () => {
    const help = await motif(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Examples:/);
    expect((await motif(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect((await motif(['nope'])).code).toBe(64);
    const d = tmp();
    const missing = await motif(['--data-dir', d, '--json', 'get', 'p_000000000000000000000000']);
    expect(missing.code).toBe(3);
    expect(missing.stdout).toBe('');
    expect(JSON.parse(missing.stderr)).toMatchObject({ code: 'NOT_FOUND', exitCode: 3 });
  });

  const startServe = async (dataDir: string, detached = false): Promise<{ serve: ChildProcess; url: string; output: () => string }> => {
    const serve = spawn(process.execPath, [BIN, '--data-dir', dataDir, 'serve', '--port', '0'], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent', MOTIF_EMBEDDER: 'hashing' }, stdio: ['ignore', 'pipe', 'pipe'], detached });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`serve did not start: ${output}`)), 60_000);
      serve.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const m = /listening on (http:\/\/[^\s]+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      serve.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      serve.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
    });
    return { serve, url, output: () => output };
  };

  it('Ctrl-C (SIGINT to the whole process group) shuts `motif serve` down gracefully with exit 0', async () => {
    const { serve, url } = await startServe(tmp(), true);
    const exited = new Promise<number | null>((resolve) => serve.once('exit', (code) => resolve(code)));
    let signalled = false;
    try {
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      // The API runs in a process group of its own, so a terminal's SIGINT reaches it once (forwarded),
      // never twice (a second SIGINT means "exit now" to the API).
      const pgid = (pid: number) => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[2]);
      const api = Number(execFileSync('ps', ['-o', 'pid=', '--ppid', String(serve.pid)]).toString().trim());
      expect(api).toBeGreaterThan(0);
      expect(pgid(api)).not.toBe(pgid(serve.pid!));
      process.kill(-serve.pid!, 'SIGINT');
      signalled = true;
      expect(await exited).toBe(0);
    } finally {
      if (!signalled) {
        serve.kill('SIGTERM');
        await exited;
      }
    }
  });

  it('API ↔ CLI round trip on the same data dir via `motif serve`; SIGTERM stops it cleanly; data survives', async () => {
    const d = tmp();
    const storedByCli = await motif(['--data-dir', d, 'store', '--file', '-', '--json'], { input: JSON.stringify(PATTERNS[1]) });
    expect(storedByCli.code).toBe(0);
    const cliId = JSON.parse(storedByCli.stdout).pattern.patternId as string;

    const { serve, url, output } = await startServe(d);
    try {
      expect(output()).toMatch(/curl -s http:\/\/127\.0\.0\.1:\d+\/v1\/search/);
      const viaApi = (await (await fetch(`${url}/v1/patterns/${cliId}`)).json()) as { description: string };
      expect(viaApi.description).toBe(PATTERNS[1].description);
      const created = await fetch(`${url}/v1/patterns`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(PATTERNS[0]) });
      expect(created.status).toBe(201);
      const apiPattern = ((await created.json()) as { pattern: { patternId: string } }).pattern;
      const viaCli = await motif(['--data-dir', d, 'get', apiPattern.patternId, '--json']);
      expect(viaCli.code).toBe(0);
      expect(JSON.parse(viaCli.stdout)).toEqual(apiPattern);
    } finally {
      const exited = new Promise<number | null>((resolve) => serve.once('exit', (code) => resolve(code)));
      serve.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
    const afterRestart = await motif(['--data-dir', d, 'list', '--json']);
    expect(JSON.parse(afterRestart.stdout).items).toHaveLength(2);
  });
});
