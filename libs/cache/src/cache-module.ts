import { ContainerModule } from 'inversify';
import { TOKENS } from '@motif/core-types';
import { createTieredCache } from './create-tiered-cache';

/** Binds `TOKENS.FamilyCache` to one tiered cache per container, built from `TOKENS.Config`. */
export const cacheModule = new ContainerModule(({ bind }) => {
  bind(TOKENS.FamilyCache)
    .toDynamicValue((ctx) => createTieredCache<unknown>(ctx.get(TOKENS.Config)))
    .inSingletonScope();
});
