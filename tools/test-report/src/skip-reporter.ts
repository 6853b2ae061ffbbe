import { appendSkips, repoRelative, type SkipEntry } from './skip-log';

interface AssertionLike {
  status: string;
  ancestorTitles: string[];
}
interface TestFileResultLike {
  testFilePath: string;
  testResults: AssertionLike[];
}
interface AggregatedLike {
  testResults: TestFileResultLike[];
}

/** Skipped tests of one run, per file, with the outermost describe title of each (it says why). */
export function skipsOf(results: AggregatedLike): SkipEntry[] {
  const out: SkipEntry[] = [];
  for (const file of results.testResults) {
    const skipped = file.testResults.filter((t) => t.status === 'pending' || t.status === 'skipped' || t.status === 'todo');
    if (skipped.length === 0) continue;
    out.push({ file: repoRelative(file.testFilePath), skipped: skipped.length, blocks: [...new Set(skipped.map((t) => t.ancestorTitles[0] ?? ''))].filter((b) => b !== '') });
  }
  return out;
}

/**
 * A Jest reporter (added to every project by jest.preset.js) that appends the run's skipped tests to the
 * skip log; `npm test` prints the total at the end (print-skips), so a skip can never vanish into a green run.
 */
export default class SkipReporter {
  onRunComplete(_contexts: unknown, results: AggregatedLike): void {
    appendSkips(skipsOf(results));
  }
}
