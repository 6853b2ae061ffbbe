// Store a pattern, find it again and render it as a ready-to-send Google Chat message, through the one
// composition root on the embedded store (one SQLite file, no server). The service takes parsed input:
// parse raw input once, at your edge, with the schema of core-types (VALIDATION_FAILED names each bad field).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseInput, PatternInputSchema, PatternRefSchema, resolveConfig, SearchRequestSchema } from '@motif/core-types';
import { createMotifContainer } from '@motif/patterns';

async function main(): Promise<void> {
  // flags > environment (MOTIF_DATA_DIR, …) > config file (MOTIF_CONFIG) > defaults
  const config = resolveConfig({ flags: { dataDir: mkdtempSync(join(tmpdir(), 'motif-example-')) } });
  const motif = await createMotifContainer(config);
  try {
    const input = parseInput(PatternInputSchema, {
      description: 'Server status card with an online label and refresh/details buttons',
      dsl: 'Section[DecoratedText, ButtonList[Button x2]]',
      instanceParams: {
        text: 'Online',
        buttons: [{ text: 'Refresh', url: 'https://status.example.com/refresh' }, { text: 'Details', url: 'https://status.example.com/details' }],
      },
      feedback: 'positive',
    });
    const { pattern } = await motif.service.store(input);
    console.log('stored', pattern.patternId, pattern.dslNotation); // stored p_… §[δ, Ƀ[ᵬ×2]]

    const { results } = await motif.service.search(parseInput(SearchRequestSchema, { query: 'is the server up?', limit: 3 }));
    console.log('found', results[0]?.pattern.patternId); // found p_… (the same pattern)

    const message = await motif.service.renderCard(parseInput(PatternRefSchema, { patternId: pattern.patternId }));
    console.log(JSON.stringify(message)); // {"cardsV2":[{"cardId":"p_…","card":{"sections":[…]}}]}
  } finally {
    await motif.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
