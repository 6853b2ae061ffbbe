import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendSkips, readSkips, REPO_ROOT, resetSkips, summarizeSkips } from './skip-log';
import { skipsOf } from './skip-reporter';

describe('skip log', () => {
  it('records the skipped tests of a run per file, with the describe title that says why', () => {
    const entries = skipsOf({
      testResults: [
        { testFilePath: join(REPO_ROOT, 'libs/vector-store/src/qdrant/qdrant-pattern-store.spec.ts'), testResults: [
          { status: 'pending', ancestorTitles: ['set QDRANT_URL to run it', 'PatternStore contract: qdrant'] },
          { status: 'pending', ancestorTitles: ['set QDRANT_URL to run it', 'PatternStore contract: qdrant'] },
        ] },
        { testFilePath: join(REPO_ROOT, 'libs/dag/src/x.spec.ts'), testResults: [{ status: 'passed', ancestorTitles: ['x'] }] },
      ],
    });
    expect(entries).toEqual([{ file: 'libs/vector-store/src/qdrant/qdrant-pattern-store.spec.ts', skipped: 2, blocks: ['set QDRANT_URL to run it'] }]);
  });

  it('sums what several Jest processes appended into the one line npm test ends with, and resets', () => {
    const dir = mkdtempSync(join(tmpdir(), 'motif-skips-'));
    const path = join(dir, 'skips.jsonl');
    try {
      appendSkips([{ file: 'libs/cache/src/redis-l2-cache.int.spec.ts', skipped: 6, blocks: ['RedisL2Cache'] }], path);
      appendSkips([{ file: 'apps/api/src/fault-redis.int.spec.ts', skipped: 2, blocks: ['Redis killed under load'] }], path);
      appendSkips([], path);
      expect(summarizeSkips(readSkips(path))).toBe(
        'SKIPPED 8 tests in 2 files: apps/api/src/fault-redis.int.spec.ts: 2 (Redis killed under load) · libs/cache/src/redis-l2-cache.int.spec.ts: 6 (RedisL2Cache)',
      );
      resetSkips(path);
      expect(readSkips(path)).toEqual([]);
      expect(summarizeSkips([])).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
