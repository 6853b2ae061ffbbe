import { cpus, totalmem } from 'node:os';
import type { BenchRow } from './bench-types';

const fmt = (n: number | undefined): string =>
  n === undefined || Number.isNaN(n) ? '' : Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : n.toPrecision(3);

export function machineLine(now: Date): string {
  const cpu = cpus()[0]?.model ?? 'unknown cpu';
  return `${now.toISOString()} · node ${process.version} · ${cpus().length} × ${cpu} · ${Math.round(totalmem() / 2 ** 30)} GiB`;
}

export function markdownTable(rows: readonly BenchRow[]): string {
  const head = '| suite | benchmark | figure | unit | baseline | baseline figure | ratio | target | pass | note |';
  const sep = '|---|---|---:|---|---|---:|---:|---|---|---|';
  const lines = rows.map((r) =>
    `| ${r.suite} | ${r.name} | ${fmt(r.value)} | ${r.unit} | ${r.baselineName ?? ''} | ${fmt(r.baselineValue)} | ${r.ratio === undefined ? '' : r.ratio.toFixed(2) + '×'} | ${r.target ?? ''} | ${r.pass === undefined ? '' : r.pass ? 'yes' : 'NO'} | ${r.note ?? ''} |`,
  );
  return [head, sep, ...lines].join('\n');
}
