import { readRecords, type SourceRecord } from './record-reader';

async function collect(chunks: Array<string | Uint8Array>): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const r of readRecords((async function* () { yield* chunks; })())) out.push(r);
  return out;
}

describe('readRecords', () => {
  it('reads JSONL with 1-based line numbers, skipping blank lines, reporting bad lines without stopping', async () => {
    const recs = await collect(['{"a":1}\n\n{"a":', '2}\n{oops\n', '{"a":3}']);
    expect(recs).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 3, value: { a: 2 } },
      { line: 4, error: expect.stringMatching(/^invalid JSON/) },
      { line: 5, value: { a: 3 } },
    ]);
  });

  it('reads a JSON array across chunk boundaries, with each element’s starting line', async () => {
    const text = '\n[\n  {"a": "x,]}"},\n  {"b": [1, {"c": 2}]},\n  7, "s\\"]",\n  {"bad": }\n]\n';
    const chunks = text.match(/.{1,5}/gs) ?? [];
    const recs = await collect(chunks);
    expect(recs).toEqual([
      { line: 3, value: { a: 'x,]}' } },
      { line: 4, value: { b: [1, { c: 2 }] } },
      { line: 5, value: 7 },
      { line: 5, value: 's"]' },
      { line: 6, error: expect.stringMatching(/^invalid JSON/) },
    ]);
  });

  it('decodes UTF-8 split inside a multi-byte character and drops a BOM', async () => {
    const bytes = Buffer.from('\ufeff{"dsl":"§[δ]"}\n');
    const recs = await collect([bytes.subarray(0, 6), bytes.subarray(6, 12), bytes.subarray(12)]);
    expect(recs).toEqual([{ line: 1, value: { dsl: '§[δ]' } }]);
  });

  it('reports an array that is never closed', async () => {
    expect(await collect(['[{"a":1},\n{"b":'])).toEqual([{ line: 1, value: { a: 1 } }, { line: 2, error: expect.stringMatching(/end of input/) }]);
    expect(await collect(['[]'])).toEqual([]);
  });

  it('holds one record at a time: a large stream yields records as it goes', async () => {
    let produced = 0;
    async function* source() {
      for (let i = 0; i < 10_000; i++) {
        produced++;
        yield `{"i":${i}}\n`;
      }
    }
    let seen = 0;
    for await (const r of readRecords(source())) {
      seen++;
      if (seen === 1) expect(produced).toBeLessThan(3);
      expect(r).toEqual({ line: seen, value: { i: seen - 1 } });
    }
    expect(seen).toBe(10_000);
  });
});
