import { buildCacheKey } from '@motif/core-types';

/** The cache key of a pattern's family; its variations' keys are listed in the family (`cacheKeys`). */
export const familyKey = (namespace: string, patternId: string): string => buildCacheKey({ namespace, kind: 'family', id: patternId });
