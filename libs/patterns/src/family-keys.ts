import { buildCacheKey } from '@motif/core-types';

/** Cache keys owned by one pattern: its family, and the prefix every one of its variations shares. */
export const familyKey = (namespace: string, patternId: string): string => buildCacheKey({ namespace, kind: 'family', id: patternId });

export const variationKeyPrefix = (namespace: string, patternId: string): string =>
  `${buildCacheKey({ namespace, kind: 'variation', id: patternId })}:`;
