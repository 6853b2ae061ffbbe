import { ContainerModule } from 'inversify';
import { TOKENS, type MotifConfig, type TieredCache } from '@motif/core-types';
import { createTieredCache } from './create-tiered-cache';

/** Binds `TOKENS.FamilyCache` to one tiered cache per container, built from `TOKENS.Config`. */
export const cacheModule = new ContainerModule((options) => {
  options
    .bind<TieredCache<unknown>>(TOKENS.FamilyCache)
    .toDynamicValue((ctx) => createTieredCache<unknown>(ctx.get<MotifConfig>(TOKENS.Config)))
    .inSingletonScope();
});
