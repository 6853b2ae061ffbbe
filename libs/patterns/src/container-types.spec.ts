import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Container, ContainerModule } from 'inversify';
import { resolveConfig, systemClock, TOKENS, type Embedder, type PatternStore } from '@motif/core-types';
import { DAG_TOKENS, type Catalog, type ComponentGraph } from '@motif/dag';
import { VARIATORS_TOKENS, type VariationEngine } from '@motif/variators';
import { createMotifContainer } from './create-motif-container';
import { PATTERNS_TOKENS } from './patterns-module';

/*
 * Type-level checks: `tsc -b` (run by `npm test`) compiles this file, and each `@ts-expect-error`
 * fails the build if the line below it compiles. They sit in functions Jest never calls: they are
 * wrong on purpose.
 */
export function wrongGets(container: Container): void {
  // @ts-expect-error a catalog is not a graph
  container.get<ComponentGraph>(DAG_TOKENS.Catalog);
  // @ts-expect-error the store is not an embedder
  container.get<Embedder>(TOKENS.PatternStore);
  // @ts-expect-error the engine is not the service
  const service: import('@motif/core-types').PatternService = container.get(VARIATORS_TOKENS.VariationEngine);
  void service;
}

export const wrongBindings = new ContainerModule(({ bind }) => {
  // @ts-expect-error a constant of the wrong type
  bind(TOKENS.Clock).toConstantValue({ today: () => 'never' });
  // @ts-expect-error a factory that builds the wrong thing
  bind(DAG_TOKENS.ComponentGraph).toDynamicValue((ctx) => ctx.get(DAG_TOKENS.Catalog));
  // @ts-expect-error a dependency read through the wrong token
  bind(PATTERNS_TOKENS.PatternIndexer).toDynamicValue((ctx) => ctx.get<Catalog>(TOKENS.Embedder));
});

describe('typed container tokens', () => {
  it('infer the service type from the token, with the same bindings at run time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motif-tokens-'));
    const runtime = await createMotifContainer(resolveConfig({ env: { MOTIF_EMBEDDER: 'hashing' }, flags: { dataDir: dir } }));
    try {
      // No type arguments: each variable's declared type is checked against the token's.
      const store: PatternStore = runtime.container.get(TOKENS.PatternStore);
      const catalog: Catalog = runtime.container.get(DAG_TOKENS.Catalog);
      const engine: VariationEngine = runtime.container.get(VARIATORS_TOKENS.VariationEngine);
      expect(store.backend).toBe('embedded');
      expect(catalog.id).toBe('google-chat-cards-v2');
      expect(engine.generate).toEqual(expect.any(Function));
      // A token is a plain symbol at run time: one per name, shared by every copy of a library.
      expect(typeof (TOKENS.Clock as unknown)).toBe('symbol');
      expect(TOKENS.Clock as unknown).toBe(Symbol.for('motif.Clock'));
      const typed = new Container();
      typed.bind(TOKENS.Clock).toConstantValue(systemClock);
      expect(typed.get(TOKENS.Clock).now()).toBeInstanceOf(Date);
    } finally {
      await runtime.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
