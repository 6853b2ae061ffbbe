import { formatImportSummary, MAX_LISTED_FAILURES } from './transfer-commands';

describe('formatImportSummary', () => {
  it('lists each failure with its line, and caps a long list with a pointer to --json', () => {
    const failed = Array.from({ length: MAX_LISTED_FAILURES + 5 }, (_, i) => ({ line: i + 1, code: 'VALIDATION_FAILED', reason: 'bad' }));
    const text = formatImportSummary({ total: 200, created: 90, alreadyPresent: 5, failed }, 'in.jsonl');
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe(`Imported 200 records from in.jsonl: 90 created, 5 already present, ${failed.length} failed`);
    expect(lines[1]).toBe('  line 1: VALIDATION_FAILED: bad');
    expect(lines).toHaveLength(MAX_LISTED_FAILURES + 2);
    expect(lines.at(-1)).toBe('  … and 5 more failures (--json lists every one)');
  });
});
