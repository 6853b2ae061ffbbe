import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchContext, BenchRow } from './bench-types';
import { machineLine, markdownTable } from './report';
import { SUITES } from './suites/index';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const only = args.filter((a) => !a.startsWith('--'));
  const dirs: string[] = [];
  const ctx: BenchContext = {
    quick,
    tmpDir: () => {
      const d = mkdtempSync(join(tmpdir(), 'motif-bench-'));
      dirs.push(d);
      return d;
    },
    log: (m) => process.stderr.write(`  ${m}\n`),
  };
  const rows: BenchRow[] = [];
  const started = new Date();
  try {
    for (const suite of SUITES.filter((s) => (only.length === 0 ? !s.optIn : only.includes(s.name)))) {
      process.stderr.write(`▶ ${suite.name}\n`);
      rows.push(...(await suite.run(ctx)));
    }
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
  const header = `Motif benchmarks — ${machineLine(started)}${quick ? ' — quick run' : ''}`;
  const table = markdownTable(rows);
  process.stdout.write(`${header}\n\n${table}\n`);
  if (!quick && only.length === 0) {
    const outDir = join(__dirname, '..', '..', '..', 'docs');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'benchmarks.md'), `# Benchmarks\n\n${header}\n\nReproduce with \`npm run bench\`.\n\n${table}\n`);
    writeFileSync(join(outDir, 'benchmarks.json'), JSON.stringify({ machine: machineLine(started), rows }, null, 2) + '\n');
  }
  const failed = rows.filter((r) => r.pass === false);
  if (failed.length) process.stderr.write(`${failed.length} figure(s) missed their target\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
