import { readFileSync } from 'node:fs';

/** `VmRSS` of a /proc/<pid>/status text, in bytes; undefined when absent (e.g. a zombie). */
export function parseVmRss(status: string): number | undefined {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return m ? Number(m[1]) * 1024 : undefined;
}

/** Current resident set size of a process (Linux /proc), or undefined once it is gone. */
export function readRss(pid: number): number | undefined {
  try {
    return parseVmRss(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return undefined;
  }
}

export interface RssSample {
  atMs: number;
  rss: number;
  /** Share of the input already stored, 0..1. */
  progress: number;
}

/** The sample nearest to a progress fraction (first one at or past it). */
export function sampleAt(samples: readonly RssSample[], fraction: number): RssSample | undefined {
  return samples.find((s) => s.progress >= fraction);
}
