/** Input bounds enforced at the edge; they keep a single request from exhausting memory. */
export const LIMITS = {
  descriptionMaxChars: 10_000,
  dslMaxChars: 20_000,
  structureMaxDepth: 32,
  structureMaxNodes: 2_000,
  componentPathsMax: 2_000,
  nodeCountMax: 1_000,
  searchLimitMax: 100,
  variationsMax: 100,
  batchKeysMax: 1_000,
  idsMax: 100,
  tagsMax: 50,
} as const;
