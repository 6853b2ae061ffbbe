import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { EXIT } from './exit-codes';
import { run } from './run';
import { memoryIo } from './testing/memory-io';

/**
 * Property-based fuzzing of `motif import` (in-process, real runtime, temp data dir): random files
 * of valid patterns mixed with garbage, truncated JSON, wrong types and blank lines. The import
 * never throws, its counts add up to the non-empty lines, every failure names its line, and every
 * valid pattern is stored.
 */
jest.setTimeout(120_000);

// Each DSL with params for every node it holds.
const SHAPES: ReadonlyArray<{ dsl: string; params: (n: number) => Record<string, unknown> }> = [
  { dsl: '§[δ]', params: (n) => ({ text: `Build ${n}` }) },
  { dsl: '§[δ, Ƀ[ᵬ×2]]', params: (n) => ({ text: `Build ${n}`, buttons: [{ text: 'Logs', url: `https://ci.example.com/${n}/logs` }, { text: 'Retry', url: `https://ci.example.com/${n}/retry` }] }) },
  { dsl: '§[δ×3, Ƀ[ᵬ]]', params: (n) => ({ items: ['lint', 'test', 'build'].map((step) => ({ text: `${step} ${n} passed` })), buttons: [{ text: 'Open', url: `https://ci.example.com/${n}` }] }) },
  { dsl: '§[Ƀ[ᵬ]]', params: (n) => ({ buttons: [{ text: `Build ${n}`, url: `https://ci.example.com/${n}` }] }) },
];
const validPattern = (n: number) => ({ description: `Fuzz import card ${n}: build ${n} passed`, dsl: SHAPES[n % SHAPES.length].dsl, instanceParams: SHAPES[n % SHAPES.length].params(n), tags: ['ci'] });

type Line = { kind: 'valid' | 'mutated' | 'garbage' | 'truncated' | 'non-object' | 'blank'; text: string; description?: string };

/** Text without line breaks (the reader splits on them) and with something in it. */
const oneLine = (s: string) => s.replace(/[\r\n\u2028\u2029]/g, ' ');
const lineArb = (n: number): fc.Arbitrary<Line> =>
  fc.oneof(
    { arbitrary: fc.constant<Line>({ kind: 'valid', text: JSON.stringify(validPattern(n)), description: validPattern(n).description }), weight: 4 },
    // A repeated valid pattern: must count as already present, never twice.
    { arbitrary: fc.integer({ min: 0, max: 3 }).map((k): Line => ({ kind: 'valid', text: JSON.stringify(validPattern(1_000_000 + k)), description: validPattern(1_000_000 + k).description })), weight: 1 },
    // Not `namespace`: a valid one would store the pattern where the default-namespace export does not look.
    {
      arbitrary: fc.tuple(fc.constantFrom('description', 'dsl', 'instanceParams', 'tags', 'feedback', 'structure', 'metadata', 'componentPaths'), fc.jsonValue({ maxDepth: 3 })).map(([k, v]): Line => {
        const description = `Fuzz mutated card ${n}`;
        return { kind: 'mutated', text: JSON.stringify({ ...validPattern(n), description, [k]: v }), description: k === 'description' ? undefined : description };
      }),
      weight: 2,
    },
    { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }).map(oneLine).filter((s) => s.trim() !== '' && !s.trim().startsWith('{')).map((text): Line => ({ kind: 'garbage', text })), weight: 2 },
    { arbitrary: fc.integer({ min: 1, max: 60 }).map((cut): Line => ({ kind: 'truncated', text: JSON.stringify(validPattern(n)).slice(0, cut) })), weight: 2 },
    { arbitrary: fc.constantFrom('null', '42', '"a string"', 'true', '[]', '[1,2]', '{}').map((text): Line => ({ kind: 'non-object', text })), weight: 1 },
    { arbitrary: fc.constantFrom('', '   ', '\t').map((text): Line => ({ kind: 'blank', text })), weight: 1 },
  );

// The first line is a valid pattern: a file whose first character is `[` is read as a JSON array.
const fileArb = fc.integer({ min: 1, max: 60 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => lineArb(i + 1)))).map((lines) => [{ kind: 'valid', text: JSON.stringify(validPattern(0)), description: validPattern(0).description } as Line, ...lines]);

interface Summary {
  total: number;
  created: number;
  alreadyPresent: number;
  failed: Array<{ line: number; code: string; reason: string }>;
}

describe('fuzzed import files', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('never throws; counts add up; failures carry line numbers; valid patterns are stored', async () => {
    await fc.assert(
      fc.asyncProperty(fileArb, fc.boolean(), async (lines, trailingNewline) => {
        const dir = mkdtempSync(join(tmpdir(), 'motif-fuzz-import-'));
        dirs.push(dir);
        const file = join(dir, 'in.jsonl');
        writeFileSync(file, lines.map((l) => l.text).join('\n') + (trailingNewline ? '\n' : ''));
        const io = memoryIo({ cwd: dir });
        const code = await run(['--data-dir', dir, 'import', file, '--batch-size', String(1 + (lines.length % 7)), '--json'], io);
        expect(io.err()).not.toMatch(/\n\s+at /);
        const summary = JSON.parse(io.out()) as Summary;

        const nonEmpty = lines.map((l, i) => ({ ...l, line: i + 1 })).filter((l) => l.text.trim() !== '');
        expect(summary.total).toBe(nonEmpty.length);
        expect(summary.created + summary.alreadyPresent + summary.failed.length).toBe(nonEmpty.length);
        expect(code).toBe(summary.failed.length ? EXIT.IMPORT_INCOMPLETE : 0);

        const byLine = new Map(nonEmpty.map((l) => [l.line, l]));
        const failedLines = new Set(summary.failed.map((f) => f.line));
        for (const f of summary.failed) {
          const l = byLine.get(f.line);
          if (!l) throw new Error(`failure on line ${f.line}, which is blank or missing`);
          expect(l.kind).not.toBe('valid');
          expect(f.code).toMatch(/^[A-Z_]+$/);
          expect(f.reason.length).toBeGreaterThan(0);
        }
        // Garbage, truncated JSON and non-objects always fail, each on its own line.
        for (const l of nonEmpty) if (l.kind === 'garbage' || l.kind === 'truncated' || l.kind === 'non-object') expect(failedLines.has(l.line)).toBe(true);

        // Every valid line is stored, once.
        const list = memoryIo({ cwd: dir });
        expect(await run(['--data-dir', dir, 'export'], list)).toBe(0);
        const stored = list.out().trimEnd().split('\n').filter(Boolean).map((t) => (JSON.parse(t) as { description: string }).description);
        expect(new Set(stored).size).toBe(stored.length);
        expect(stored.length).toBe(summary.created);
        for (const l of nonEmpty) if (l.kind === 'valid') expect(stored).toContain(l.description);
        // A mutated line that did not fail is the one stored under its description.
        for (const l of nonEmpty) if (l.kind === 'mutated' && l.description && !failedLines.has(l.line)) expect(stored).toContain(l.description);
        rmSync(dir, { recursive: true, force: true });
      }),
      { numRuns: 60 },
    );
  });
});
