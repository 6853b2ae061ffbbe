// Child process of the crash-safety spec: stores patterns forever (single puts and batches of 5), printing each
// pattern id only after its write was acknowledged. The parent SIGKILLs it at an arbitrary moment.
require('./register-ts');
const { EmbeddedPatternStore } = require('../embedded-pattern-store.ts');
const { HashingEmbedder } = require('../../embedding/hashing-embedder.ts');
const { PatternIndexer } = require('../../embedding/pattern-indexer.ts');
const { testPattern } = require('../../contract/test-patterns.ts');

async function main() {
  const dir = process.argv[2];
  const embedder = new HashingEmbedder({ dimension: 64 });
  const indexer = new PatternIndexer(embedder);
  const store = new EmbeddedPatternStore({ dataDir: dir, embedder });
  await store.init();
  const big = { rows: Array.from({ length: 200 }, (_, j) => ({ cell: `value ${j}`.repeat(5) })) };
  for (let i = 0; ; i += 6) {
    const one = indexer.toRecordSync(testPattern({ patternId: `c${i}`, description: `crash test pattern ${i}`, instanceParams: big }));
    await store.put(one);
    process.stdout.write(`c${i}\n`);
    const batch = [1, 2, 3, 4, 5].map((k) => indexer.toRecordSync(testPattern({ patternId: `c${i + k}`, description: `crash batch pattern ${i + k}`, instanceParams: big })));
    await store.putMany(batch);
    process.stdout.write(batch.map((r) => `${r.pattern.patternId}\n`).join(''));
  }
}

main().catch((err) => {
  process.stderr.write(String(err && err.stack ? err.stack : err));
  process.exit(1);
});
